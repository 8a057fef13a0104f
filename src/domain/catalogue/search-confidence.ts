/**
 * How sure the search is of its ranking of a Vietnamese question: 'sure' (one clear answer),
 * 'ambiguous' (show the candidates), 'none' (nothing fits: say so, offer help; also for questions
 * about matters no commune handles, like "ly hôn"). How much of the question the best record
 * covers (and of its name), and how far it is ahead of the next one, decide.
 */
import type { QueryAnalysis } from './query-analysis';
import type { SearchConfidence } from './procedure-finder';
import { namedOutright, type RankedProcedure } from './search-ranking';
import { isPairTerm, THIN_WEIGHT } from './search-term';

/**
 * Thresholds, tuned on bench/queries/procedures.json:
 * - a hit that covers less than NONE_COVERAGE of the query's words is no answer;
 * - 'sure' needs SURE_COVERAGE and either the runner-up at most SURE_RATIO of the best score,
 *   or the best one's name covered (NAME_COMPLETE) clearly more than the runner-up's
 *   ("đăng ký khai sinh" → "Đăng ký khai sinh", not "… khai sinh lưu động").
 */
const NONE_COVERAGE = 0.5;
const SURE_COVERAGE = 0.75;
const SURE_RATIO = 0.8;
const NAME_COMPLETE = 0.7;
const NAME_LEAD = 0.2;
/** The query holds (nearly) every word of the name. */
const NAME_FULL = 0.95;

/** Whether a question has anything to rank on: a content word the catalogue uses. */
export function hasKnownContent(analysis: QueryAnalysis): boolean {
  return analysis.terms.size > 0 && contentWords(analysis).some((w) => w.known);
}

export function confidenceOf(ranked: readonly RankedProcedure[], analysis: QueryAnalysis): Exclude<SearchConfidence, 'exact'> {
  const [top, second] = ranked;
  if (!top) return 'none';
  const queryPairs = [...analysis.terms.keys()].filter(isPairTerm);
  const knownContent = contentWords(analysis).filter((w) => w.known).length;
  const phraseInTop = queryPairs.some((p) => top.doc.sets.pairs.has(p));
  // Two or more content words and not one of their pairs in the best record: a coincidence.
  const noPhrase = knownContent >= 2 && !phraseInTop;
  // A question holding the whole name of a record ("tách hộ" in a long story) is about it.
  const holdsName = top.nameCov >= NAME_FULL && top.doc.nameWords.length >= 2;
  if ((top.cov < NONE_COVERAGE && !holdsName) || mostlyUnknown(analysis) || noPhrase) return 'none';
  const tiedName = second !== undefined && second.doc.foldedName === top.doc.foldedName;
  // 'sure' needs a phrase of the question in the record ("khai sinh"), or, for a one-word
  // question, a fair part of the record's name: one shared syllable is a coincidence.
  const phraseEvidence = phraseInTop || (knownContent < 2 && top.nameCov >= 0.3);
  const clearlyAhead =
    second === undefined ||
    second.score <= SURE_RATIO * top.score ||
    (top.nameCov >= NAME_COMPLETE && top.nameCov - second.nameCov >= NAME_LEAD) ||
    // Named outright, the runner-up only reached through a lay word of the question.
    (namedOutright(top) && second.typedNameCov === 0);
  const sure = !tiedName && clearlyAhead && phraseEvidence && (top.cov >= SURE_COVERAGE || holdsName);
  // A question about a matter no commune handles ("ly hôn") is answered 'none' unless the rest of
  // it clearly names a procedure.
  return sure ? 'sure' : analysis.outOfScope ? 'none' : 'ambiguous';
}

function contentWords(analysis: QueryAnalysis): QueryAnalysis['words'] {
  return analysis.words.filter((w) => w.weight > THIN_WEIGHT);
}

/** A question mostly about words no procedure uses ("cách nấu phở") is not about a procedure. */
function mostlyUnknown(analysis: QueryAnalysis): boolean {
  const weightOf = (known: boolean): number => analysis.words.filter((w) => w.known === known).reduce((a, w) => a + w.weight, 0);
  return weightOf(false) > weightOf(true);
}
