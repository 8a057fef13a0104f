/**
 * Ranking the procedures for a Vietnamese question. MiniSearch (BM25) scores the question's terms
 * over each group of fields on its own (name, synonyms, the rest), weighted, so that a long record
 * mentioning the words everywhere does not outrank a short name that is exactly the question; the
 * best raw scores are then weighed by the record's prior, by how much of the question a record
 * covers and how much of its name the question holds.
 */
import type { IndexedProcedure } from './indexed-procedure';
import type { QueryAnalysis } from './query-analysis';
import type { SearchIndex } from './search-index';
import { foldTerm } from './search-term';

export interface RankedProcedure {
  doc: IndexedProcedure;
  /** How much of the question it covers (its known words, by the field holding them). */
  cov: number;
  /** How much of its name the question holds. */
  nameCov: number;
  /** How much of its name the citizen typed (not the vocabulary's wording for a lay word). */
  typedNameCov: number;
  score: number;
}

/**
 * Boosts: name > synonyms > results > field > documents. The synonyms field (lay words attached to
 * the procedures whose name holds their catalogue wording) is searched with what the citizen typed
 * for those lay words; the other groups with the catalogue's wording.
 */
const GROUPS = [
  { group: 'name', weight: 1, boost: { nameMarked: 0.6, name: 1, namePairs: 1 } },
  { group: 'synonyms', weight: 0.6, boost: { synonyms: 1 } },
  { group: 'other', weight: 0.4, boost: { results: 1, field: 0.45, documents: 0.3 } },
] as const;
type Group = (typeof GROUPS)[number]['group'];

/** Only this many best raw scores are weighed by coverage. */
const CANDIDATES = 40;

/** The citizen typed (nearly) every word of the name. */
export const NAMED_OUTRIGHT = 0.95;

/** How much covering the whole name (not just part of it) counts in the final score. */
const NAME_SHARE = 0.4;

/** How much a word found in a field counts towards coverage. */
const COVERAGE_BY_FIELD = {
  name: 1,
  synonyms: 1,
  results: 0.7,
  field: 0.35,
  documents: 0.35,
} as const;
const COVERAGE_FIELDS = Object.keys(COVERAGE_BY_FIELD) as Array<keyof typeof COVERAGE_BY_FIELD>;

/** A marked-syllable term ends with its tone digit ("tư3"). */
const MARKED_TERM = /\p{L}\d$/u;

interface QueryWord {
  term: string;
  weight: number;
}

/** The best candidates, best first (ties: the shorter name, then the code). */
export function rankProcedures(index: SearchIndex, analysis: QueryAnalysis): RankedProcedure[] {
  // Words no procedure uses cannot be covered by any: they do not count against one.
  const queryWords = analysis.words.filter((w) => w.known).map((w) => ({ term: foldTerm(w.text), weight: w.weight }));
  const typedTerms = new Set(queryWords.map((w) => w.term));
  const citizenTerms = new Set(analysis.words.filter((w) => w.known && !w.lay).map((w) => foldTerm(w.text)));
  const ranked = rawCandidates(index, analysis).map(({ doc, raw }) => {
    const cov = coverage(doc, queryWords);
    const nameCov = nameCoverage(doc, typedTerms);
    const typedNameCov = nameCoverage(doc, citizenTerms);
    return { doc, cov, nameCov, typedNameCov, score: raw * (0.25 + cov) * (1 - NAME_SHARE + NAME_SHARE * nameCov) };
  });
  ranked.sort(
    (a, b) =>
      b.score - a.score || a.doc.foldedName.length - b.doc.foldedName.length || a.doc.procedure.code.localeCompare(b.doc.procedure.code),
  );
  return promoteNamedOutright(ranked);
}

/**
 * A procedure the citizen named outright ("đăng ký giám hộ … cháu mồ côi") goes before the ones
 * only a lay word of the question points at ("mồ côi" → Trợ cấp xã hội hằng tháng): its name is
 * what they asked for, the lay word may be a detail of their story.
 */
function promoteNamedOutright(ranked: RankedProcedure[]): RankedProcedure[] {
  const named = ranked.find(namedOutright);
  if (!named) return ranked;
  const ahead = ranked.slice(0, ranked.indexOf(named));
  if (ahead.some((r) => r.typedNameCov > 0)) return ranked;
  // Ahead only on the vocabulary's wording: it takes the named one's score, just behind it.
  return [{ ...named, score: Math.max(named.score, ...ahead.map((r) => r.score)) }, ...ahead, ...ranked.slice(ahead.length + 1)];
}

/** The records with the best BM25 scores summed over the groups, times their prior. */
function rawCandidates(index: SearchIndex, analysis: QueryAnalysis): Array<{ doc: IndexedProcedure; raw: number }> {
  return [...groupScores(index, analysis).entries()]
    .flatMap(([id, scores]) => {
      const doc = index.procedures[id];
      return doc ? [{ doc, raw: scores.reduce((a, b) => a + b, 0) * doc.prior }] : [];
    })
    .sort((a, b) => b.raw - a.raw)
    .slice(0, CANDIDATES);
}

/** Each record's weighted score in each group, by document id. */
function groupScores(index: SearchIndex, analysis: QueryAnalysis): Map<number, number[]> {
  const weights = new Map([...analysis.layTerms, ...analysis.terms]);
  const textFor = groupTexts(analysis);
  const perDoc = new Map<number, number[]>();
  GROUPS.forEach(({ group, weight, boost }, g) => {
    if (textFor[group] === '') return;
    const results = index.miniSearch.search(textFor[group], {
      fields: Object.keys(boost),
      boost,
      boostTerm: (term) => weights.get(term) ?? 1,
      combineWith: 'OR',
    });
    for (const r of results) {
      // MiniSearch multiplies by the number of query terms matched; coverage does that job here.
      const score = (r.score / Math.max(1, r.queryTerms.length)) * weight;
      const scores = perDoc.get(r.id as number) ?? new Array<number>(GROUPS.length).fill(0);
      scores[g] = score;
      perDoc.set(r.id as number, scores);
    }
  });
  return perDoc;
}

/** Marked syllables only exist in the name; what the citizen typed for a lay word only in synonyms. */
function groupTexts(analysis: QueryAnalysis): Record<Group, string> {
  const allTerms = [...analysis.terms.keys()];
  return {
    name: allTerms.join(' '),
    synonyms: [...analysis.layTerms.keys()].join(' '),
    other: allTerms.filter((t) => !MARKED_TERM.test(t)).join(' '),
  };
}

/** Whether the citizen typed (nearly) the whole name, of two words or more. */
export function namedOutright(r: RankedProcedure): boolean {
  return r.typedNameCov >= NAMED_OUTRIGHT && r.doc.nameWords.length >= 2;
}

/** How much of the query a procedure covers: its words found in the name count fully, elsewhere less. */
function coverage(doc: IndexedProcedure, words: readonly QueryWord[]): number {
  let total = 0;
  let got = 0;
  for (const w of words) {
    total += w.weight;
    let best = 0;
    for (const field of COVERAGE_FIELDS) {
      const value = COVERAGE_BY_FIELD[field];
      if (value > best && doc.sets[field].has(w.term)) best = value;
    }
    got += w.weight * best;
  }
  return total === 0 ? 0 : got / total;
}

/** How much of the procedure's name the query covers (weighted: "đăng ký" counts little). */
function nameCoverage(doc: IndexedProcedure, typed: ReadonlySet<string>): number {
  let total = 0;
  let got = 0;
  for (const w of doc.nameWords) {
    total += w.weight;
    if (typed.has(w.term)) got += w.weight;
  }
  return total === 0 ? 0 : got / total;
}
