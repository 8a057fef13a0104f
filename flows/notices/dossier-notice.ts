/**
 * The notice a dossier's follower gets when its status changes: the new status as the lookup
 * shows it, the rating question once the result is returned, and the way to stop following.
 */
import type { Translate } from '../../src/i18n';
import type { CommuneProfile } from '../../src/domain/commune/commune-profile';
import type { Dossier } from '../../src/domain/dossiers/dossier';
import { dossierStatusText } from '../dossier-text';
import { ratingKeyboard } from '../dossiers';
import { InlineKeyboard } from 'grammy';
import type { Notice } from './notice';

export type DossierNoticeWriter = (t: Translate, dossier: Dossier, procedureName: string | undefined, returned: boolean) => Notice;

export function dossierNoticeWriter(commune: CommuneProfile): DossierNoticeWriter {
  return (t, dossier, procedureName, returned) => {
    const rating = returned ? `\n\n${t('dossiers.rating.ask')}` : '';
    const keyboard = returned ? ratingKeyboard(t, dossier.code) : new InlineKeyboard();
    keyboard.text(t('dossiers.buttons.unfollow'), `dos:u:${dossier.code}`);
    return { text: `${t('dossiers.notice.changed')}\n\n${dossierStatusText(t, dossier, procedureName, commune)}${rating}`, keyboard };
  };
}
