/**
 * A question's words, once its tokens are repaired: the search vocabulary applied (abbreviations,
 * lay words and synonyms → the catalogue's wording; question framing dropped; matters no commune
 * handles noted), then conversational filler dropped unless it is half of a known phrase ("bản
 * sao", "nhà ở"), and thin words weighed little.
 */
import { isFillerWord } from '../text/chat-shorthand';
import { hasMarks } from '../text/fold-cache';
import { BIGRAM_JOINER } from '../text/tokenize';
import type { CompiledVocabulary, QueryPayload } from './compiled-vocabulary';
import { foldTerm, layOnlyTerms, THIN_WEIGHT } from './search-term';
import type { OutOfScopeTopic } from './search-vocabulary';

export interface Word {
  text: string;
  weight: number;
  /** Its marks are meaningful: typed with marks, or written by the vocabulary. */
  marked: boolean;
  /** Typed by the citizen (not written by the vocabulary). */
  typed: boolean;
  /** Written by the vocabulary for a lay word or synonym: the catalogue's wording, not the citizen's. */
  lay?: boolean;
}

export interface VocabularyReading {
  words: Word[];
  /** What the citizen typed where the vocabulary put the catalogue's wording: for the synonyms field. */
  layTerms: Map<string, number>;
  outOfScope: OutOfScopeTopic | null;
}

/** The least weight of a word the vocabulary wrote for a shorter lay phrase. */
const MIN_CANONICAL_WEIGHT = 0.5;

/** Whether two neighbouring words form a phrase the catalogue uses. */
type PairKnown = (a: string | undefined, b: string | undefined) => boolean;

export function pairKnownIn(knownPairs: ReadonlySet<string>): PairKnown {
  return (a, b) => a !== undefined && b !== undefined && knownPairs.has(`${foldTerm(a)}${BIGRAM_JOINER}${foldTerm(b)}`);
}

/** The vocabulary applied: replace, drop framing, note out-of-scope matters. */
export function readVocabulary(tokens: readonly string[], vocabulary: CompiledVocabulary, pairKnown: PairKnown): VocabularyReading {
  const reading: VocabularyReading = { words: [], layTerms: new Map(), outOfScope: null };
  const pushTyped = (from: number, to: number): void => {
    for (const text of tokens.slice(from, to)) reading.words.push({ text, weight: 1, marked: hasMarks(text), typed: true });
  };
  let i = 0;
  for (const m of vocabulary.queryMatcher.match(tokens)) {
    pushTyped(i, m.start);
    i = m.end;
    const p = m.payload;
    if (p.kind === 'entry') readEntry(tokens.slice(m.start, m.end), p, reading);
    else if (p.kind === 'outOfScope') reading.outOfScope ??= p.topic;
    else if (m.end - m.start === 1 && framingInPhrase(tokens, m.start, pairKnown)) pushTyped(m.start, m.end);
  }
  pushTyped(i, tokens.length);
  return reading;
}

/** A one-word framing word is kept when it is half of a known phrase ("chi phí"). */
function framingInPhrase(tokens: readonly string[], k: number, pairKnown: PairKnown): boolean {
  const w = tokens[k];
  return pairKnown(tokens[k - 1], w) || pairKnown(w, tokens[k + 1]);
}

/** What the citizen typed (`span`) for a vocabulary entry, in the catalogue's wording. */
function readEntry(
  span: readonly string[],
  { entry, canonical }: Extract<QueryPayload, { kind: 'entry' }>,
  reading: VocabularyReading,
): void {
  // Each typed word carries about one word of meaning: a two-word lay phrase ("sổ đỏ")
  // written out as seven catalogue words must not outweigh the rest of the question.
  const lay = entry.kind === 'lay' || entry.kind === 'synonym';
  const spread = lay ? Math.min(1, Math.max(MIN_CANONICAL_WEIGHT, Math.sqrt(span.length / canonical.length))) : 1;
  const weight = (entry.weight ?? 1) * spread;
  // A catalogue word the citizen typed themselves ("giám hộ" of the entry "giám hộ") is theirs, not a lay word's.
  const typedFolded = new Set(span.map(foldTerm));
  for (const w of canonical) reading.words.push({ text: w, weight, marked: true, typed: false, lay: lay && !typedFolded.has(foldTerm(w)) });
  if (!lay) return;
  // Only the words that are the lay wording's own ("sổ đỏ", not "giấy phép" of
  // "xin giấy phép xây nhà"), as the synonyms field holds them.
  for (const t of layOnlyTerms(span, canonical)) reading.layTerms.set(t, entry.weight ?? 1);
}

/**
 * Conversational filler and thin words. A filler word typed next to another typed word with which
 * it forms a known phrase stays ("bản sao", "nhà ở", "tai nạn").
 */
export function weighWords(words: readonly Word[], vocabulary: CompiledVocabulary, pairKnown: PairKnown): Word[] {
  const typedNeighbour = (k: number): string | undefined => {
    const w = words[k];
    return w?.typed ? w.text : undefined;
  };
  return words.flatMap((w, k) => {
    if (!w.typed) {
      // The vocabulary writes the catalogue's wording: its small words are kept, thin ("sao" of "bản sao").
      const thin = vocabulary.isThin(w.text) || isFillerWord(w.text, { exact: true });
      return [{ ...w, weight: thin ? Math.min(w.weight, THIN_WEIGHT) : w.weight }];
    }
    const inPhrase = pairKnown(typedNeighbour(k - 1), w.text) || pairKnown(w.text, typedNeighbour(k + 1));
    if (isFillerWord(w.text) && !inPhrase) return [];
    return [{ ...w, weight: vocabulary.isThin(w.text) ? Math.min(w.weight, THIN_WEIGHT) : w.weight }];
  });
}
