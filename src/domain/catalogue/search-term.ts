/**
 * The terms the procedure search indexes and looks up: folded syllables (no marks, đ→d, i/y
 * unified), pairs of neighbouring folded syllables ("khai_sinh"), and — for the name only —
 * marked syllables ending with their tone digit ("tư3"). The index and the query analysis must
 * make them the same way, so both make them here.
 */
import { matchKey } from '../text/phrase-matcher';
import { BIGRAM_JOINER, syllableBigrams } from '../text/tokenize';

/** The weight of a thin word ("cho", "làm", "đăng ký" …): alone it decides nothing. */
export const THIN_WEIGHT = 0.3;

const foldMemo = new Map<string, string>();
const FOLD_MEMO_MAX = 50_000;

/** The folded, i/y-unified form a syllable is indexed by; numbers lose leading zeros ("02" → "2"). */
export function foldTerm(word: string): string {
  let folded = foldMemo.get(word);
  if (folded === undefined) {
    folded = /^\d+$/.test(word) ? String(Number(word)) : matchKey(word);
    if (foldMemo.size >= FOLD_MEMO_MAX) foldMemo.clear();
    foldMemo.set(word, folded);
  }
  return folded;
}

/** Whether a term is a pair of syllables rather than one. */
export function isPairTerm(term: string): boolean {
  return term.includes(BIGRAM_JOINER);
}

/**
 * The terms of a lay wording that are its own: its folded syllables and pairs, less the syllables
 * its catalogue wording also has ("sửa giấy phép xây dựng" → "sửa" and its pair, not "giấy phép").
 */
export function layOnlyTerms(variant: readonly string[], canonical: readonly string[]): string[] {
  const canonicalWords = new Set(canonical.map(foldTerm));
  const words = variant.map(foldTerm);
  const own = words.filter((w) => !canonicalWords.has(w));
  const pairs = syllableBigrams(words).filter((p) => p.split(BIGRAM_JOINER).some((w) => !canonicalWords.has(w)));
  return [...own, ...pairs];
}
