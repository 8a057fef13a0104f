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

const DAYS: Array<[RegExp, number]> = [
  [/\b(?:chu nhat|cn|sunday|sun)\b/, 0],
  [/\b(?:thu (?:2|hai)|t2|monday|mon)\b/, 1],
  [/\b(?:thu (?:3|ba)|t3|tuesday|tue)\b/, 2],
  [/\b(?:thu (?:4|tu)|t4|wednesday|wed)\b/, 3],
  [/\b(?:thu (?:5|nam)|t5|thursday|thu)\b/, 4],
  [/\b(?:thu (?:6|sau)|t6|friday|fri)\b/, 5],
  [/\b(?:thu (?:7|bay)|t7|saturday|sat|cuoi tuan|weekend)\b/, 6],
];
const PARTS: Array<[RegExp, PartOfDay]> = [
  [/\b(?:sang|buoi sang|morning|am)\b/, 'morning'],
  [/\b(?:chieu|trua|buoi chieu|afternoon|noon|pm)\b/, 'afternoon'],
  [/\b(?:toi|buoi toi|evening|night)\b/, 'evening'],
];

export interface SlotReader {
  read(text: string): Slots;
}

export function createSlotReader(commune: CommuneProfile): SlotReader {
  const phrase = (name: string) => ` ${foldPhrase(name)} `;
  const villages = commune.villages.map((v) => ({ name: v.name, key: phrase(v.name) }));
  const topics = commune.topics.map((t) => ({
    id: t.id,
    keys: [t.name.vi, t.name.en, t.label.vi, t.label.en, ...t.aliases].map(phrase),
  }));

  return {
    read(text) {
      const bounded = boundText(text);
      const folded = ` ${foldPhrase(bounded)} `;
      const slots: Slots = { topics: [] };
      const code = findDossierCode(bounded);
      if (code) slots.dossierCode = code;
      slots.village = villages.find((v) => folded.includes(v.key))?.name;
      slots.topics = topics.filter((t) => t.keys.some((k) => folded.includes(k))).map((t) => t.id);
      const day = DAYS.find(([re]) => re.test(folded));
      if (day) slots.day = day[1];
      const part = PARTS.find(([re]) => re.test(folded));
      if (part) slots.partOfDay = part[1];
      const number = bareNumber(bounded);
      if (number) slots.bareNumber = number;
      if (slots.village === undefined) delete slots.village;
      return slots;
    },
  };
}

/** "0905 123 456" → phone; "049123456789" → id (CCCD 12 digits, CMND 9); other digits alone → other. */
function bareNumber(text: string): Slots['bareNumber'] {
  const trimmed = text.trim();
  if (!/^\+?[\d\s.\-]{4,30}$/.test(trimmed)) return undefined;
  const digits = trimmed.replace(/\D/g, '');
  if (/^(?:\+?84|0)\d{9}$/.test(trimmed.replace(/[\s.\-]/g, ''))) return 'phone';
  if (digits.length === 12 || digits.length === 9) return 'id';
  return digits.length >= 4 ? 'other' : undefined;
}
