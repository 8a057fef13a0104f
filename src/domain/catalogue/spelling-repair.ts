/**
 * Typos and syllables typed together in a question, repaired towards the words the catalogue uses
 * ("khaisinh" → "khai sinh", "chứng thưc" → "chứng thực"). Words the catalogue or the vocabulary
 * knows, numbers and real Vietnamese syllables it does not use ("quật") are left alone.
 */
import { isVietnameseSyllable } from '../text/syllable';
import { BIGRAM_JOINER } from '../text/tokenize';
import type { SearchIndex } from './search-index';
import { foldTerm } from './search-term';

/** Typos repaired in one query at most: each costs a scan of the lexicon, and a question has few. */
const MAX_TYPO_REPAIRS = 6;

type Known = Pick<SearchIndex, 'lexicon' | 'knownPairs' | 'spellingKnown'>;

export function repairSpelling(tokens: readonly string[], known: Known): string[] {
  const budget = { repairs: 0 };
  return tokens.flatMap((token, i) => repairToken(token, tokens, i, known, budget));
}

/** `token` (the i-th of `tokens`) as it was meant: itself, the syllables typed together, or a repair. */
function repairToken(token: string, tokens: readonly string[], i: number, known: Known, budget: { repairs: number }): string[] {
  const key = foldTerm(token);
  if (/^\d/.test(token) || known.spellingKnown.has(key) || !/^[a-zđ]+$/.test(key)) return [token];
  const parts = known.lexicon.split(key);
  if (parts) return parts;
  // A real syllable the catalogue does not use ("quật") is a word, not a typo.
  if (key.length < 4 || isVietnameseSyllable(key) || budget.repairs >= MAX_TYPO_REPAIRS) return [token];
  budget.repairs += 1;
  const candidates = known.lexicon.nearest(key, key.length >= 7 ? 2 : 1);
  return [likeliest(candidates, tokens, i, known) ?? token];
}

/** Prefer a correction that forms a known pair with a neighbour, then the most used one. */
function likeliest(candidates: readonly string[], tokens: readonly string[], i: number, known: Known): string | undefined {
  const left = foldedOrNull(tokens[i - 1]);
  const right = foldedOrNull(tokens[i + 1]);
  const rank = (c: string): number =>
    (left !== null && known.knownPairs.has(`${left}${BIGRAM_JOINER}${c}`) ? 1000 : 0) +
    (right !== null && known.knownPairs.has(`${c}${BIGRAM_JOINER}${right}`) ? 1000 : 0) +
    known.lexicon.frequency(c);
  return [...candidates].sort((a, b) => rank(b) - rank(a))[0];
}

function foldedOrNull(token: string | undefined): string | null {
  return token === undefined ? null : foldTerm(token);
}
