/**
 * Short commands people type, compared folded (no diacritics, no punctuation, any case), with
 * the polite particles that often close a Vietnamese message ("menu ạ", "hủy nhé") ignored.
 */
import { MAX_PHRASE_CHARS } from '../src/domain/text/bounds';
import { foldPhrase } from '../src/domain/text/fold';

const PARTICLES = /\s+(a|ah|nhe|nha|voi|di|ad|admin|em|anh|chi|ban)$/;

export function normalisePhrase(text: string): string {
  // A message this long is no command; its start cannot be one either (the cut would make it one).
  if (text.length > MAX_PHRASE_CHARS) return '';
  let phrase = foldPhrase(text);
  for (let previous = ''; previous !== phrase;) {
    previous = phrase;
    phrase = phrase.replace(PARTICLES, '');
  }
  return phrase;
}

const GREETING = new Set(['menu', 'bat dau', 'xin chao', 'chao', 'hi', 'hello', 'start', 'alo']);
const CANCEL = new Set(['huy', 'huy bo', 'cancel', 'thoat', 'dung lai', 'quay lai']);

export function isGreeting(text: string): boolean {
  return GREETING.has(normalisePhrase(text));
}

export function isCancel(text: string): boolean {
  return CANCEL.has(normalisePhrase(text));
}
