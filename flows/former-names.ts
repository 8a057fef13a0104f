/**
 * The commune's former names (data/commune.json `formerNames`): people still say "xã Quế Phú".
 * A former commune or town is recognised when its name is typed, with or without its unit ("xã",
 * "thị trấn") and diacritics; the district and province it used to belong to are told with it.
 */
import type { CommuneProfile } from '../src/domain/commune/commune-profile';
import { foldPhrase } from '../src/domain/text/fold';

/** A unit above the commune: its name says where the commune was, it is not one of its parts. */
const UPPER = /^(?:huyen|tinh|quan|thanh pho|thi xa) /;
const UNIT = /^(?:xa|thi tran|phuong) /;

export interface FormerNames {
  /** The former commune the message names. */
  named: string;
  /** Every former commune or town the commune was made from. */
  parts: string[];
  /** The district, province… it used to belong to. */
  upper: string[];
}

export function formerNameIn(profile: CommuneProfile, text: string): FormerNames | undefined {
  const words = ` ${foldPhrase(text)} `;
  const parts = profile.formerNames.filter((n) => !UPPER.test(foldPhrase(n)));
  const named = parts.find((n) => words.includes(` ${foldPhrase(n).replace(UNIT, '')} `));
  if (!named) return undefined;
  return { named, parts, upper: profile.formerNames.filter((n) => UPPER.test(foldPhrase(n))) };
}

/** "Xã Quế Phú" inside a sentence: "xã Quế Phú". */
export const inSentence = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);
