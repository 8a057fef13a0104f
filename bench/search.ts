/**
 * `npm run bench:search`: how well and how fast the procedure search answers the public query sets
 * over the whole catalogue (data/procedures.json): the Vietnamese one (bench/queries/procedures.json)
 * and the English one (bench/queries/procedures.en.json, answered through data/procedures.en.json).
 * For each it prints top-1 and top-3 accuracy, how "nothing fits" questions are handled, the
 * confidence the search gave, the language it read the questions in, every miss and the query
 * latency (p50/p95/p99 over many repetitions); then the index build time. Figures are printed,
 * never judged: the exit code does not depend on them (it is non-zero only when the inputs are
 * broken). `--catalogue <file>` reads another catalogue, `--queries <file>` and `--en-queries
 * <file>` other question sets of the same shape (e.g. held-out ones).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import { loadEnglishNames } from '../src/domain/catalogue/english-names';
import { catalogueSchema } from '../src/domain/catalogue/procedure';
import { createProcedureSearch, type ProcedureSearch } from '../src/domain/catalogue/procedure-search';
import { loadSearchVocabulary } from '../src/domain/catalogue/search-vocabulary';
import { projectRoot } from '../src/project-root';
import { percentiles } from './percentiles';

const AIMS = {
  vi: { top1: 0.9, top3: 0.98, p95Ms: 5 },
  en: { top1: 0.9, top3: 0.97, p95Ms: 5 },
} as const;
const LATENCY_ROUNDS = 300;
const BUILD_ROUNDS = 5;

const querySetSchema = z.object({
  description: z.string(),
  queries: z.array(
    z.object({
      q: z.string().min(1),
      expect: z.union([z.literal('none'), z.string().regex(/^\d\.\d{6}$/), z.array(z.string().regex(/^\d\.\d{6}$/)).min(1)]),
      confidence: z.enum(['exact', 'sure', 'ambiguous', 'none']).optional(),
      note: z.string().optional(),
    }),
  ),
});

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function pct(n: number, d: number): string {
  return d === 0 ? 'n/a' : `${((100 * n) / d).toFixed(1)} %`;
}

type QuerySet = z.infer<typeof querySetSchema>;

function main(): void {
  const root = projectRoot();
  const cataloguePath = argValue('--catalogue') ?? join(root, 'data', 'procedures.json');
  const queriesPath = argValue('--queries') ?? join(root, 'bench', 'queries', 'procedures.json');
  const enQueriesPath = argValue('--en-queries') ?? join(root, 'bench', 'queries', 'procedures.en.json');
  const catalogue = catalogueSchema.parse(JSON.parse(readFileSync(cataloguePath, 'utf8')));
  const vocabulary = loadSearchVocabulary();
  const procedures = catalogue.procedures;
  const english = loadEnglishNames(new Set(procedures.map((p) => p.code)));
  const readSet = (path: string): QuerySet => querySetSchema.parse(JSON.parse(readFileSync(path, 'utf8')));

  // Index build.
  let search: ProcedureSearch | undefined;
  const buildTimes: number[] = [];
  for (let i = 0; i < BUILD_ROUNDS; i++) {
    const t0 = performance.now();
    search = createProcedureSearch(procedures, vocabulary, english);
    buildTimes.push(performance.now() - t0);
  }
  const s = search!;

  console.log(
    `procedure search — ${procedures.length} procedures (${english.procedures.length} with English names); catalogue: ${cataloguePath}`,
  );
  report(s, 'Vietnamese', 'vi', queriesPath, readSet(queriesPath));
  report(s, 'English', 'en', enQueriesPath, readSet(enQueriesPath));
  const firstBuild = buildTimes[0]!;
  buildTimes.sort((a, b) => a - b);
  console.log(
    `index build: median ${buildTimes[Math.floor(buildTimes.length / 2)]!.toFixed(1)} ms (first, cold: ${firstBuild.toFixed(1)} ms; ${BUILD_ROUNDS} builds)`,
  );
}

/** Scores one question set (written in `language`) and prints its figures and misses. */
function report(s: ProcedureSearch, title: string, language: 'vi' | 'en', queriesPath: string, querySet: QuerySet): void {
  const aims = AIMS[language];
  const unknownCodes = querySet.queries
    .flatMap((q) => (q.expect === 'none' ? [] : Array.isArray(q.expect) ? q.expect : [q.expect]))
    .filter((c) => s.get(c) === undefined);
  if (unknownCodes.length > 0) console.log(`! expected codes missing from the catalogue: ${[...new Set(unknownCodes)].join(', ')}`);

  // Accuracy.
  let withCode = 0;
  let top1 = 0;
  let top3 = 0;
  let expectNone = 0;
  let noneRight = 0;
  let falseNone = 0;
  let sureWrong = 0;
  let confidenceMismatch = 0;
  const byConfidence = { exact: 0, sure: 0, ambiguous: 0, none: 0 };
  let otherLanguage = 0;
  const misses: string[] = [];
  for (const item of querySet.queries) {
    const result = s.search(item.q, 5);
    byConfidence[result.confidence]++;
    // A question with nothing to find may well look like either language ("gold price").
    if (result.language !== undefined && result.language !== language && item.expect !== 'none') {
      otherLanguage++;
      misses.push(`  [language] "${item.q}" read as ${result.language}`);
    }
    const got = result.hits.map((h) => h.code);
    if (item.confidence && item.confidence !== result.confidence) {
      confidenceMismatch++;
      misses.push(`  [confidence] "${item.q}" → expected ${item.confidence}, got ${result.confidence}`);
    }
    if (item.expect === 'none') {
      expectNone++;
      if (result.confidence === 'none') noneRight++;
      else
        misses.push(
          `  [none] "${item.q}" → ${result.confidence}: ${got
            .slice(0, 3)
            .map((c) => `${c} ${s.get(c)?.name.slice(0, 50)}`)
            .join(' | ')}`,
        );
      continue;
    }
    withCode++;
    const expected = Array.isArray(item.expect) ? item.expect : [item.expect];
    const rank = got.findIndex((c) => expected.includes(c));
    const isTop1 = rank === 0 && result.confidence !== 'none';
    const isTop3 = rank >= 0 && rank < 3 && result.confidence !== 'none';
    if (isTop1) top1++;
    if (isTop3) top3++;
    if (result.confidence === 'none') falseNone++;
    if (result.confidence === 'sure' && rank !== 0) sureWrong++;
    if (!isTop1) {
      const gotText =
        got
          .slice(0, 3)
          .map((c) => `${c} ${s.get(c)?.name.slice(0, 45)}`)
          .join(' | ') || '(nothing)';
      const words = s
        .analyze(item.q)
        .words.map((w) => (w.weight < 1 ? `${w.text}~` : w.text))
        .join(' ');
      misses.push(
        `  [${isTop3 ? 'top3' : 'miss'}] "${item.q}" → expected ${expected.join('/')}, got (${result.confidence}) ${gotText}\n         words: ${words}`,
      );
    }
  }

  // Latency over the whole catalogue, every query many times.
  const latencies: number[] = [];
  for (let round = 0; round < LATENCY_ROUNDS; round++) {
    for (const item of querySet.queries) {
      const t0 = performance.now();
      s.search(item.q, 5);
      latencies.push(performance.now() - t0);
    }
  }
  const { count, p50, p95, p99, max } = percentiles(latencies);

  const ok = (v: boolean): string => (v ? 'aim met' : 'AIM MISSED');
  console.log(
    `${title} — ${querySet.queries.length} questions (${withCode} with a code, ${expectNone} expecting none); questions: ${queriesPath}`,
  );
  console.log(
    `  top-1 accuracy: ${pct(top1, withCode)} (${top1}/${withCode})  aim ≥ ${aims.top1 * 100} %: ${ok(top1 / withCode >= aims.top1)}`,
  );
  console.log(
    `  top-3 accuracy: ${pct(top3, withCode)} (${top3}/${withCode})  aim ≥ ${aims.top3 * 100} %: ${ok(top3 / withCode >= aims.top3)}`,
  );
  console.log(`  'none' questions answered 'none': ${noneRight}/${expectNone}; questions with a code answered 'none': ${falseNone}`);
  console.log(`  'sure' but wrong: ${sureWrong}; expected-confidence mismatches: ${confidenceMismatch}`);
  console.log(
    `  confidence given: exact ${byConfidence.exact}, sure ${byConfidence.sure}, ambiguous ${byConfidence.ambiguous}, none ${byConfidence.none}`,
  );
  console.log(`  questions with a code read in the other language: ${otherLanguage}`);
  console.log(
    `  query latency over ${count} searches: p50 ${p50.toFixed(3)} ms, p95 ${p95.toFixed(3)} ms, p99 ${p99.toFixed(3)} ms, max ${max.toFixed(2)} ms  aim p95 < ${aims.p95Ms} ms: ${ok(p95 < aims.p95Ms)}`,
  );
  if (misses.length > 0) {
    console.log(`  misses and mismatches (${misses.length}):`);
    for (const m of misses) console.log(m);
  }
}

main();
