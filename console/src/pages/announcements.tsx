/** Announcements: the history, a new one (#/announcements/new), or one broadcast's progress. */
import type { Me } from '../access';
import { t } from '../i18n';
import { BroadcastHistory } from '../announcements/history';
import { BroadcastProgress } from '../announcements/progress';
import { Compose } from '../announcements/compose';

export function Announcements({ id }: { me: Me; id?: string }) {
  return (
    <>
      <h1>{t('pages.announcements')}</h1>
      {id === 'new' ? <Compose oaName={t('announcements.oaName')} /> : id ? <BroadcastProgress id={id} /> : <BroadcastHistory />}
    </>
  );
}
