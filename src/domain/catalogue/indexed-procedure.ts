/**
 * One procedure as the search holds it: the text of each index field (MiniSearch scores those),
 * the sets of its terms by field (coverage is counted on those), its name's words with their
 * weights, and its prior — records only organisations file, and records another one replaces,
 * rank lower.
 */
import { isFillerWord } from '../text/chat-shorthand';
import { isVietnameseSyllable, toneKey } from '../text/syllable';
import { syllableBigrams } from '../text/tokenize';
import type { CompiledVocabulary } from './compiled-vocabulary';
import type { Procedure } from './procedure';
import { foldTerm, isPairTerm, THIN_WEIGHT } from './search-term';

/** The index's fields. Marked syllables only exist for the name. */
export const FIELDS = ['nameMarked', 'name', 'namePairs', 'synonyms', 'results', 'field', 'documents'] as const;
export type FieldName = (typeof FIELDS)[number];
export type IndexDocument = Record<FieldName, string> & { id: number };

export type TermSets = Record<'name' | 'synonyms' | 'results' | 'field' | 'documents' | 'pairs', Set<string>>;

export interface IndexedProcedure {
  procedure: Procedure;
  foldedName: string;
  /** The name's words (folded) with their weights, for how much of the name a query covers. */
  nameWords: Array<{ term: string; weight: number }>;
  /** 1, or less for records only organisations file and for replaced ones. */
  prior: number;
  sets: TermSets;
}

/** What indexing one procedure gives the index. */
export interface ProcedureEntry {
  indexed: IndexedProcedure;
  fields: Omit<IndexDocument, 'id'>;
  /** Its words (folded, each once), for the lexicon typos are repaired towards. */
  words: string[];
  /** Its name's and results' pairs: phrases the catalogue knows. */
  pairs: string[];
}

/** Records no citizen files (only organisations) rank a little lower: the bot serves citizens. */
const ORGANISATIONS_ONLY_FACTOR = 0.75;
/** A record replaced by another in the catalogue ranks well below it. */
const SUPERSEDED_FACTOR = 0.5;
const CITIZEN_APPLICANT = /công dân|cá nhân|hộ gia đình|cán bộ|người việt nam/i;

export function indexProcedure(procedure: Procedure, vocabulary: CompiledVocabulary, superseded: boolean): ProcedureEntry {
  const nameWords = vocabulary.catalogueWords(procedure.name);
  const nameFolded = nameWords.map(foldTerm);
  const namePairs = syllableBigrams(nameFolded);
  const synonymTerms = vocabulary.synonymTerms(nameFolded);
  const foldedOf = (texts: string[]): string[] =>
    texts.flatMap((t) => {
      const w = vocabulary.catalogueWords(t).map(foldTerm);
      return [...w, ...syllableBigrams(w)];
    });
  const resultTerms = foldedOf(procedure.results);
  const fieldTerms = foldedOf([procedure.field]);
  const documentTerms = [...new Set(foldedOf(procedure.documentGroups.flatMap((g) => g.documents.map((d) => d.name))))];
  const sets: TermSets = {
    name: new Set(nameFolded),
    synonyms: new Set(synonymTerms),
    results: new Set(resultTerms),
    field: new Set(fieldTerms),
    documents: new Set(documentTerms),
    pairs: new Set([...namePairs, ...synonymTerms, ...resultTerms].filter(isPairTerm)),
  };
  return {
    indexed: {
      procedure,
      foldedName: nameFolded.join(' '),
      nameWords: nameWordWeights(nameWords, vocabulary),
      prior: priorOf(procedure, superseded),
      sets,
    },
    fields: {
      nameMarked: [...new Set(markedSyllables(nameWords))].join(' '),
      // Each word once: a long name repeating "giao đất, cho thuê đất" is not more about it.
      name: [...new Set(nameFolded)].join(' '),
      namePairs: [...new Set(namePairs)].join(' '),
      synonyms: synonymTerms.join(' '),
      results: resultTerms.join(' '),
      field: fieldTerms.join(' '),
      documents: documentTerms.join(' '),
    },
    words: [...new Set([...nameFolded, ...resultTerms, ...fieldTerms, ...documentTerms].filter((t) => !isPairTerm(t)))],
    pairs: [...namePairs, ...resultTerms.filter(isPairTerm)],
  };
}

/** Marked syllables rank "tử" above "tư" and "từ" when the question carries marks. */
function markedSyllables(words: readonly string[]): string[] {
  return words.filter((w) => isVietnameseSyllable(w)).map((w) => toneKey(w));
}

/** Framing words of a longer name do not count; thin ones ("đăng ký") count little. */
function nameWordWeights(nameWords: readonly string[], vocabulary: CompiledVocabulary): IndexedProcedure['nameWords'] {
  return nameWords
    .filter((w) => !isFillerWord(w, { exact: true }) || nameWords.length <= 2)
    .map((w) => ({ term: foldTerm(w), weight: vocabulary.isVocabularyThin(w) ? THIN_WEIGHT : 1 }));
}

function priorOf(procedure: Procedure, superseded: boolean): number {
  const citizens = procedure.applicants.length === 0 || procedure.applicants.some((a) => CITIZEN_APPLICANT.test(a));
  return (citizens ? 1 : ORGANISATIONS_ONLY_FACTOR) * (superseded ? SUPERSEDED_FACTOR : 1);
}
