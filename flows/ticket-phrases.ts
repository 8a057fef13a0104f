/**
 * Asking for a person rather than the bot: "gặp cán bộ", "hỏi người hỗ trợ", "tổ công nghệ số",
 * "cần người giúp" — typed with or without diacritics, with polite fillers around them ("cho em
 * gặp cán bộ ạ"). Only when that is the whole message: "cần người giúp làm căn cước" is a
 * question for the procedure search, which offers the team when it finds nothing.
 */
import { normalisePhrase } from './phrases';

const ASK_FOR_PERSON = [
  'gap can bo',
  'gap can bo xa',
  'noi chuyen voi can bo',
  'hoi can bo',
  'hoi nguoi ho tro',
  'gap nguoi ho tro',
  'can nguoi ho tro',
  'can nguoi giup',
  'can nguoi giup do',
  'to cong nghe so',
  'to cong nghe so cong dong',
  'hoi to cong nghe so',
  'gap to cong nghe so',
];
const FILLER = '(?:cho|xin|toi|tui|em|minh|anh|chi|muon|duoc|lam on|vui long|oi)';
const PATTERN = new RegExp(`^(?:${FILLER} )*(?:${ASK_FOR_PERSON.join('|')})$`);

export function isAskForPerson(text: string): boolean {
  return PATTERN.test(normalisePhrase(text));
}
