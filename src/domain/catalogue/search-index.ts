/**
 * The procedure search's index, built once at start over the whole catalogue: MiniSearch (BM25)
 * over the fields of each procedure (indexed-procedure.ts), the procedures by code, and what the
 * catalogue knows — its words (the lexicon typos are repaired towards) and its phrases (pairs).
 */
import MiniSearch from 'minisearch';
import { Lexicon } from '../text/lexicon';
import type { CompiledVocabulary } from './compiled-vocabulary';
import { FIELDS, indexProcedure, type IndexDocument, type IndexedProcedure } from './indexed-procedure';
import type { Procedure } from './procedure';

export interface SearchIndex {
  byCode: Map<string, Procedure>;
  /** By document id. */
  procedures: IndexedProcedure[];
  miniSearch: MiniSearch<IndexDocument>;
  /** The catalogue's words (folded). */
  lexicon: Lexicon;
  /** Pairs of the catalogue's names and results ("khai_sinh"). */
  knownPairs: Set<string>;
  /** The catalogue's and the vocabulary's words: a question using them is Vietnamese. */
  vietnameseKnown: Set<string>;
  /** Those and the words naming matters no commune handles: none is "repaired" away. */
  spellingKnown: Set<string>;
}

export function buildSearchIndex(procedures: readonly Procedure[], vocabulary: CompiledVocabulary): SearchIndex {
  // A procedure another one replaces (the linked groups of Decree 63/2024) stays findable by code,
  // but ranks below its successor.
  const superseded = new Set(procedures.flatMap((p) => p.replaces));
  const entries = procedures.map((p) => indexProcedure(p, vocabulary, superseded.has(p.code)));
  const lexiconWords = entries.flatMap((e) => e.words);
  const vietnameseKnown = new Set([...lexiconWords, ...vocabulary.words]);
  return {
    byCode: new Map(procedures.map((p) => [p.code, p])),
    procedures: entries.map((e) => e.indexed),
    miniSearch: miniSearchOf(entries.map((e, id) => ({ id, ...e.fields }))),
    lexicon: new Lexicon(lexiconWords),
    knownPairs: new Set(entries.flatMap((e) => e.pairs)),
    vietnameseKnown,
    spellingKnown: new Set([...vietnameseKnown, ...vocabulary.outOfScopeWords]),
  };
}

/** The fields hold terms already made (search-term.ts), space separated: MiniSearch only splits them. */
function miniSearchOf(docs: IndexDocument[]): MiniSearch<IndexDocument> {
  const miniSearch = new MiniSearch<IndexDocument>({
    fields: [...FIELDS],
    storeFields: [],
    tokenize: (text) => text.split(' ').filter((t) => t.length > 0),
    processTerm: (term) => term,
  });
  miniSearch.addAll(docs);
  return miniSearch;
}
