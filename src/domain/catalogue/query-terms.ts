/**
 * A question's words → the terms looked up in the index, each with its weight: folded syllables,
 * folded syllable pairs, and — when marks are meaningful — marked syllables (search-term.ts).
 */
import { isVietnameseSyllable, toneKey } from '../text/syllable';
import { BIGRAM_JOINER } from '../text/tokenize';
import type { Word } from './query-words';
import { foldTerm, THIN_WEIGHT } from './search-term';

/** `typedMarks`: the citizen typed marks (or a Telex repair restored them), so every word's marks count. */
export function queryTerms(words: readonly Word[], typedMarks: boolean): Map<string, number> {
  const terms = new Map<string, number>();
  const add = (term: string, weight: number): void => {
    terms.set(term, Math.max(terms.get(term) ?? 0, weight));
  };
  let previous: { folded: string; weight: number } | null = null;
  for (const w of words) {
    const folded = foldTerm(w.text);
    // A thin word alone matches most records and decides nothing: it only counts in pairs.
    if (w.weight > THIN_WEIGHT) {
      add(folded, w.weight);
      if ((w.marked || typedMarks) && isVietnameseSyllable(w.text)) add(toneKey(w.text), w.weight);
    }
    if (previous) add(`${previous.folded}${BIGRAM_JOINER}${folded}`, (w.weight + previous.weight) / 2);
    previous = { folded, weight: w.weight };
  }
  return terms;
}
