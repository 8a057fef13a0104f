/**
 * Finding a procedure from what a citizen types (issue 3, "Search"). Built once at start over the
 * whole catalogue; a search takes well under a millisecond.
 *
 * A procedure code typed anywhere ("1.001193", "1001193") → that procedure, confidence 'exact'.
 * Else the question is analysed (query-analysis.ts): an English one goes to the English names and
 * aliases of the most asked procedures (english-search.ts, data/procedures.en.json); a Vietnamese
 * one is repaired and put in the catalogue's wording (the search vocabulary, compiled-vocabulary.ts),
 * then ranked over the index (search-index.ts, search-ranking.ts), and the confidence chosen
 * (search-confidence.ts).
 */
import { compileVocabulary } from './compiled-vocabulary';
import type { EnglishNames } from './english-names';
import { createEnglishSearch, type EnglishSearch } from './english-search';
import type { Procedure } from './procedure';
import type { OutOfScope, ProcedureFinder, ProcedureHit, SearchConfidence } from './procedure-finder';
import { createQueryAnalyzer, type QueryAnalysis } from './query-analysis';
import type { QueryLanguage } from './query-language';
import { confidenceOf, hasKnownContent } from './search-confidence';
import { compileGates, type GateCheck } from './search-gates';
import { buildSearchIndex, type SearchIndex } from './search-index';
import { rankProcedures } from './search-ranking';
import type { SearchVocabulary } from './search-vocabulary';

export type { ProcedureHit, QueryAnalysis, QueryLanguage, SearchConfidence };

export interface ProcedureSearchResult {
  hits: ProcedureHit[];
  confidence: SearchConfidence;
  /**
   * The language the question was read in (English ones are matched on the English aliases);
   * absent when a procedure code was typed, which is no language.
   */
  language?: QueryLanguage;
  /** Set when the question is about a matter no commune procedure handles (e.g. "ly hôn"). */
  outOfScope?: OutOfScope;
}

export interface ProcedureSearch extends ProcedureFinder {
  search(query: string, limit?: number): ProcedureSearchResult;
  get(code: string): Procedure | undefined;
  analyze(query: string): QueryAnalysis;
  readonly size: number;
}

export function createProcedureSearch(
  procedures: readonly Procedure[],
  vocabulary: SearchVocabulary,
  englishNames?: EnglishNames,
): ProcedureSearch {
  const english: EnglishSearch | null = englishNames ? createEnglishSearch(englishNames) : null;
  const compiled = compileVocabulary(vocabulary);
  const index = buildSearchIndex(procedures, compiled);
  const analyze = createQueryAnalyzer(index, compiled, english);
  const gatesFor = compileGates(vocabulary.gates ?? [], procedures);

  function search(query: string, limit = 5): ProcedureSearchResult {
    const analysis = analyze(query);
    const typedCodes = codeHits(index, analysis.codes);
    if (typedCodes.length > 0) {
      return { hits: typedCodes.slice(0, limit), confidence: typedCodes.length === 1 ? 'exact' : 'ambiguous' };
    }
    const topic = analysis.outOfScope;
    const outOfScope = topic ? { outOfScope: { topic: topic.topic, ...(topic.handledBy ? { handledBy: topic.handledBy } : {}) } } : {};
    const open = gatesFor(query);
    const found =
      analysis.language === 'en' && english
        ? searchEnglish(english, index, analysis, limit, open)
        : searchVietnamese(index, analysis, limit, open);
    return { ...found, language: analysis.language, ...outOfScope };
  }

  return {
    search,
    analyze,
    get: (code) => index.byCode.get(code.trim()),
    englishName: (code) => english?.name(code),
    size: index.procedures.length,
  };
}

type Found = Pick<ProcedureSearchResult, 'hits' | 'confidence'>;

/** The procedures whose codes were typed, each once. */
function codeHits(index: SearchIndex, codes: readonly string[]): ProcedureHit[] {
  return [...new Set(codes)].flatMap((c) => {
    const p = index.byCode.get(c);
    return p ? [toHit(p, 1)] : [];
  });
}

function searchVietnamese(index: SearchIndex, analysis: QueryAnalysis, limit: number, open: GateCheck): Found {
  if (!hasKnownContent(analysis)) return { hits: [], confidence: 'none' };
  const ranked = rankProcedures(index, analysis).filter((r) => open(r.doc.procedure.code));
  return { hits: ranked.slice(0, limit).map((r) => toHit(r.doc.procedure, r.score)), confidence: confidenceOf(ranked, analysis) };
}

/** An English question, ranked on the English aliases; the hits carry the catalogue's names. */
function searchEnglish(en: EnglishSearch, index: SearchIndex, analysis: QueryAnalysis, limit: number, open: GateCheck): Found {
  const ranking = en.rank(analysis, limit);
  const hits = ranking.hits.flatMap((h) => {
    const p = index.byCode.get(h.code);
    return p && open(h.code) ? [toHit(p, h.score)] : [];
  });
  // A gated best hit taken away leaves no sure answer.
  const ranked = hits[0]?.code === ranking.hits[0]?.code ? ranking.confidence : hits.length ? 'ambiguous' : 'none';
  // As in Vietnamese: a matter no commune handles is 'none' unless the rest clearly names a procedure.
  const confidence = ranked === 'sure' || !analysis.outOfScope ? ranked : 'none';
  return { hits, confidence };
}

function toHit({ code, name, field }: Procedure, score: number): ProcedureHit {
  return { code, name, field, score: Math.round(score * 1000) / 1000 };
}
