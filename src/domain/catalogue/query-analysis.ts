/**
 * What a citizen's question becomes on its way to the index. A procedure code typed anywhere
 * ("1.001193", "1001193") is noted; an English question is handed to the English search
 * (query-language.ts); else the text is lower-cased, chat shorthand expanded ("ko", "bn", "ad"),
 * Telex/VNI leftovers repaired ("ddawng kys"), syllables typed together split and typos repaired
 * (spelling-repair.ts), the search vocabulary applied and filler dropped (query-words.ts), and
 * what is left made into terms (query-terms.ts).
 *
 * Bounded work: only the first characters of a question are read (text/bounds.ts); every step
 * after that is linear in them, typo repairs capped.
 */
import { boundText } from '../text/bounds';
import { expandShorthand } from '../text/chat-shorthand';
import { hasMarks } from '../text/fold-cache';
import { isVietnameseSyllable } from '../text/syllable';
import { repairTelex } from '../text/telex';
import { tokenize } from '../text/tokenize';
import type { CompiledVocabulary } from './compiled-vocabulary';
import type { EnglishSearch } from './english-search';
import { writtenInEnglish, type QueryLanguage } from './query-language';
import { queryTerms } from './query-terms';
import { pairKnownIn, readVocabulary, weighWords } from './query-words';
import type { SearchIndex } from './search-index';
import { foldTerm } from './search-term';
import type { OutOfScopeTopic } from './search-vocabulary';
import { repairSpelling } from './spelling-repair';

/** What a query became on its way to the index (for tests, the benchmark's misses, debugging). */
export interface QueryAnalysis {
  language: QueryLanguage;
  codes: string[];
  /**
   * Content words kept, with their weight (1 = full, less = thin) and whether the catalogue uses
   * them at all (for an English question: stems, and whether the English aliases use them).
   */
  /** `lay`: written by the vocabulary for a lay word or synonym ("mồ côi" → "trợ cấp xã hội hằng tháng"). */
  words: Array<{ text: string; weight: number; known: boolean; lay?: boolean }>;
  terms: Map<string, number>;
  /** What the citizen typed where the vocabulary put the catalogue's wording: for the synonyms field. */
  layTerms: Map<string, number>;
  outOfScope: OutOfScopeTopic | null;
}

const CODE_IN_TEXT = /(?<![\d.,])(\d)\.?(\d{6})(?![\d])/g;

export function createQueryAnalyzer(
  index: SearchIndex,
  vocabulary: CompiledVocabulary,
  english: EnglishSearch | null,
): (query: string) => QueryAnalysis {
  const pairKnown = pairKnownIn(index.knownPairs);
  const isProtected = (token: string): boolean => vocabulary.queryMatcher.hasWord(token) || index.spellingKnown.has(foldTerm(token));

  /** Shorthand, Telex and spelling repaired; whether the marks the tokens carry are meaningful. */
  function repaired(typed: readonly string[]): { tokens: string[]; typedMarks: boolean } {
    const expanded = typed.flatMap((t) => tokenize(expandShorthand(t)));
    const telex = repairTelex(expanded, isProtected);
    // Marks count as meaningful when the citizen typed them (or a Telex repair restored them).
    const typedMarks = typed.some((t) => hasMarks(t) && isVietnameseSyllable(t)) || telex.some((t, k) => t !== expanded[k]);
    return { tokens: repairSpelling(telex, index), typedMarks };
  }

  function analyzeVietnamese(codes: string[], typed: readonly string[]): QueryAnalysis {
    const { tokens, typedMarks } = repaired(typed);
    const reading = readVocabulary(tokens, vocabulary, pairKnown);
    const words = weighWords(reading.words, vocabulary, pairKnown);
    return {
      language: 'vi',
      codes,
      words: words.map(({ text, weight, lay }) => ({ text, weight, known: index.lexicon.has(foldTerm(text)), lay: lay === true })),
      terms: queryTerms(words, typedMarks),
      layTerms: reading.layTerms,
      outOfScope: reading.outOfScope,
    };
  }

  function analyzeEnglish(en: EnglishSearch, codes: string[], typed: readonly string[]): QueryAnalysis {
    const { words, terms } = en.analyze(typed);
    const topic = vocabulary.queryMatcher.match(typed).find((m) => m.payload.kind === 'outOfScope')?.payload;
    return {
      language: 'en',
      codes,
      words,
      terms,
      layTerms: new Map(),
      outOfScope: topic?.kind === 'outOfScope' ? topic.topic : null,
    };
  }

  return (query) => {
    const text = boundText(query).normalize('NFC').toLowerCase();
    const codes = [...text.matchAll(CODE_IN_TEXT)].map((m) => `${m[1]}.${m[2]}`);
    const typed = tokenize(text.replace(CODE_IN_TEXT, ' '));
    if (english && writtenInEnglish(typed, english, index.vietnameseKnown)) return analyzeEnglish(english, codes, typed);
    return analyzeVietnamese(codes, typed);
  };
}
