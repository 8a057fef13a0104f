/**
 * What a message names besides its intent: a dossier code, a village, announcement topics, a day
 * and part of the day (for "is it open on Saturday afternoon"), a bare phone or ID number. Village
 * and topic names come from the commune's profile, matched as whole words without diacritics.
 */
import type { CommuneProfile } from '../commune/commune-profile';
import { findDossierCode } from '../dossiers/dossier-code';
import { boundText } from '../text/bounds';
import { foldPhrase } from '../text/fold';

export type PartOfDay = 'morning' | 'afternoon' | 'evening';

export interface Slots {
  dossierCode?: string;
  village?: string;
  topics: string[];
  /** 0 = Sunday … 6 = Saturday. */
  day?: number;
  partOfDay?: PartOfDay;
  /** The message is only a number shaped like a phone number or an ID number. */
  bareNumber?: 'phone' | 'id' | 'other';
}

/** Day names as typed, folded. Short English forms ("thu", "sat", "mon") are Vietnamese words folded: left out. */
const DAYS: Array<[RegExp, number]> = [
  [/ (?:chu nhat|cn|sunday) /, 0],
  [/ (?:thu (?:2|hai)|t2|monday) /, 1],
  [/ (?:thu (?:3|ba)|t3|tuesday) /, 2],
  [/ (?:thu (?:4|tu)|t4|wednesday) /, 3],
  [/ (?:thu (?:5|nam)|t5|thursday) /, 4],
  [/ (?:thu (?:6|sau)|t6|friday) /, 5],
  [/ (?:thu (?:7|bay)|t7|saturday|cuoi tuan|weekend) /, 6],
];
/** "hôm nay", "ngày mai": the day counted from now in Vietnam (UTC+7, no daylight saving). */
const RELATIVE_DAYS: Array<[RegExp, number]> = [
  [/ (?:hom nay|today|bay gio|now) /, 0],
  [/ (?:ngay mai|sang mai|chieu mai|tomorrow) /, 1],
];
const VIETNAM_OFFSET_MS = 7 * 3_600_000;

const PARTS: Array<[RegExp, PartOfDay]> = [
  [/ (?:sang|buoi sang|morning) /, 'morning'],
  [/ (?:chieu|trua|buoi chieu|afternoon|noon) /, 'afternoon'],
  [/ (?:buoi toi|evening|night) /, 'evening'],
];

export interface SlotReader {
  read(text: string): Slots;
}

export function createSlotReader(commune: CommuneProfile, now: () => number = Date.now): SlotReader {
  const phrase = (name: string) => ` ${foldPhrase(name)} `;
  const villages = commune.villages.map((v) => ({ name: v.name, key: phrase(v.name) }));
  // One folded syllable is too ambiguous ("bão" folds to "bao" of "thông báo"): such a name must
  // be typed with its marks; longer names match folded.
  const topics = commune.topics.map((t) => {
    const names = [t.name.vi, t.name.en, t.label.vi, t.label.en, ...t.aliases];
    return { id: t.id, folded: names.filter((n) => foldPhrase(n).includes(' ')).map(phrase), marked: names.map(markedPhrase) };
  });

  return {
    read(text) {
      const bounded = boundText(text);
      const folded = ` ${foldPhrase(bounded)} `;
      const marked = markedPhrase(bounded);
      const slots: Slots = { topics: [] };
      const code = findDossierCode(bounded);
      if (code) slots.dossierCode = code;
      slots.village = villages.find((v) => folded.includes(v.key))?.name;
      slots.topics = topics
        .filter((t) => t.folded.some((k) => folded.includes(k)) || t.marked.some((k) => marked.includes(k)))
        .map((t) => t.id);
      const day = DAYS.find(([re]) => re.test(folded));
      const relative = RELATIVE_DAYS.find(([re]) => re.test(folded));
      if (day) slots.day = day[1];
      else if (relative) slots.day = (new Date(now() + VIETNAM_OFFSET_MS).getUTCDay() + relative[1]) % 7;
      const part = PARTS.find(([re]) => re.test(folded));
      if (part) slots.partOfDay = part[1];
      const number = bareNumber(bounded);
      if (number) slots.bareNumber = number;
      if (slots.village === undefined) delete slots.village;
      return slots;
    },
  };
}

/** Lower case with marks, punctuation dropped, padded: " bão lũ ". */
function markedPhrase(text: string): string {
  return ` ${text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()} `;
}

/** "0905 123 456" → phone; "049123456789" → id (CCCD 12 digits, CMND 9); other digits alone → other. */
function bareNumber(text: string): Slots['bareNumber'] {
  const trimmed = text.trim();
  // A procedure code ("1.000656", "1000656") is a question about that procedure.
  if (!/^\+?[\d\s.-]{4,30}$/.test(trimmed) || /^\d\.?\d{6}$/.test(trimmed)) return undefined;
  const digits = trimmed.replace(/\D/g, '');
  if (/^(?:\+?84|0)\d{9}$/.test(trimmed.replace(/[\s.-]/g, ''))) return 'phone';
  if (digits.length === 12 || digits.length === 9) return 'id';
  return digits.length >= 4 ? 'other' : undefined;
}
