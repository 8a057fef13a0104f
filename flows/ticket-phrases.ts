/**
 * Asking for a person rather than the bot: "gặp cán bộ", "hỏi người hỗ trợ", "tổ công nghệ số",
 * "cần người giúp" — typed with or without diacritics, with polite fillers around them ("cho em
 * gặp cán bộ ạ"). Only when that is the whole message: "cần người giúp làm căn cước" is a
 * question for the procedure search, which offers the team when it finds nothing.
 */
import { fold } from '../src/domain/text/fold';
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

const CLOSE_WORDS = ['xong', 'đóng', 'đã xong', 'đóng câu hỏi', 'done', 'close'];
const FOLDED_CLOSE = new Set(CLOSE_WORDS.map(normalisePhrase));
const EXACT_CLOSE = new Set(CLOSE_WORDS);

/** Lower case, punctuation dropped, spaces collapsed — diacritics kept. */
function typedPhrase(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * A member closing the ticket they hold: "xong", "đóng", "đóng câu hỏi" (polite particles after
 * them ignored). Typed with diacritics, only the exact word closes — "dòng", "đông" are words of
 * an answer; folded "dong" closes only when typed without any diacritics.
 */
export function isCloseWord(text: string): boolean {
  const folded = normalisePhrase(text);
  if (!FOLDED_CLOSE.has(folded)) return false;
  const typed = typedPhrase(text).split(' ').slice(0, folded.split(' ').length).join(' ');
  return EXACT_CLOSE.has(typed) || typed === fold(typed);
}
