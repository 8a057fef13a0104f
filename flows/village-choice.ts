/**
 * Choosing one's village in the chat, shared by the subscriptions and the village-team flows.
 * A commune has from a handful to a few dozen villages: they are listed by number in the text
 * (any number fits), offered as pages of buttons (Zalo shows 5), and an answer may be typed as
 * the name (without diacritics, "thôn" or not) or as its number in the list.
 */
import { InlineKeyboard } from 'grammy';
import { findVillage, type CommuneProfile } from '../src/domain/commune/commune-profile';
import { truncateWords } from './short-label';
import { pageOf } from './paging';

const VILLAGES_PER_PAGE = 4;

export interface VillageButtons {
  /** Callback data of the button choosing village number `index` (0-based). */
  pick(index: number): string;
  /** Callback data of the "more" button showing page `page`. */
  more(page: number): string;
  moreLabel: string;
}

export function villageList(profile: CommuneProfile): string {
  return profile.villages.map((v, i) => `${i + 1}. ${v.name}`).join('\n');
}

export function villageKeyboard(profile: CommuneProfile, page: number, options: VillageButtons): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  // Five villages fit without a "more" button.
  const size = profile.villages.length <= VILLAGES_PER_PAGE + 1 ? VILLAGES_PER_PAGE + 1 : VILLAGES_PER_PAGE;
  const shown = pageOf(profile.villages, page, size);
  for (const [village, i] of shown.items) keyboard.text(truncateWords(village.name), options.pick(i)).row();
  if (shown.pages > 1) keyboard.text(options.moreLabel, options.more(shown.page + 1));
  return keyboard;
}

/** The village a typed answer names: its number in the list, or its name. */
export function typedVillage(profile: CommuneProfile, text: string): string | undefined {
  const number = /^\s*(\d{1,3})\s*\.?\s*$/.exec(text);
  if (number) return profile.villages[Number(number[1]) - 1]?.name;
  return findVillage(profile, text);
}
