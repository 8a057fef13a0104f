/**
 * The language a question to the procedure search is read in. An English one ("birth
 * registration", "how do I register my baby's birth") goes, as typed, to the English names and
 * aliases (english-search.ts): no shorthand expansion, Telex or spelling repair touches it, and the
 * Vietnamese ranking never sees it.
 *
 * This is not understanding/language-detect.ts (which language to answer a message in): the search
 * weighs the words its own data knows — the English aliases on one side, the catalogue's and the
 * vocabulary's words on the other — so that a question is read where it can be found.
 */
import { hasMarks } from '../text/fold-cache';
import { isVietnameseSyllable } from '../text/syllable';
import type { EnglishSearch } from './english-search';
import { foldTerm } from './search-term';

export type QueryLanguage = 'vi' | 'en';

/**
 * Whether a question is written in English: at least one word the English aliases use, and more
 * English words than Vietnamese ones. Words both languages know ("to", "my", "get", "cafe") count
 * for neither side; a word with Vietnamese marks is Vietnamese.
 */
export function writtenInEnglish(typed: readonly string[], english: EnglishSearch, vietnameseKnown: ReadonlySet<string>): boolean {
  let englishWords = 0;
  let vietnameseWords = 0;
  let aliasWord = false;
  for (const t of typed) {
    const marked = hasMarks(t);
    const kind = marked ? null : english.wordKind(t);
    const vietnamese = marked || isVietnameseSyllable(t) || vietnameseKnown.has(foldTerm(t));
    aliasWord ||= kind === 'content';
    if (kind !== null && !vietnamese) englishWords += 1;
    else if (vietnamese && kind === null) vietnameseWords += 1;
  }
  return aliasWord && englishWords > vietnameseWords;
}
