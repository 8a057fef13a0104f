/**
 * `npm run bench:intents` (issue 9): how well the understanding layer places messages, measured on
 * a part of the labelled examples it never trains on. The examples of data/intents.json are split
 * per intent by a fixed seed: a quarter is the test part, used only here, never for training or
 * tuning. Prints accuracy on the test part (overall, by intent, by way of typing), out-of-scope
 * recall, the share of test messages below the confidence threshold, the two methods compared
 * (the linear model the service uses, and nearest examples by cosine similarity), and the time one
 * classification takes.
 */
import { performance } from 'node:perf_hooks';
import { hasMarks } from '../src/domain/text/fold-cache';
import { featuresOf, type Features } from '../src/domain/understanding/features';
import { examplesOf, loadIntentData, type Example } from '../src/domain/understanding/intent-data';
import { procedureNameExamples } from '../src/domain/understanding/intent-classifier';
import { trainUnderstander } from '../src/domain/understanding/build-understander';
import type { Glossary } from '../src/domain/understanding/glossary';
import { detectLanguage } from '../src/domain/understanding/language-detect';
import { splitExamples, SPLIT_SEED } from '../src/domain/understanding/example-split';
import { CONFIDENT } from '../src/domain/understanding/understanding';
import { createLogger } from '../src/logger';
import { loadDomain } from '../src/roles/domain';
import { percentiles } from './percentiles';

function kind(text: string): string {
  if (detectLanguage(text) === 'en') return 'English';
  return hasMarks(text.toLowerCase()) ? 'Vietnamese, marked' : 'Vietnamese, no marks';
}

/** The other method: the label of the most similar training example. */
function nearestExample(train: readonly Example[], glossary: Glossary) {
  const vectors = train.map((e) => ({ f: featuresOf(e.text, glossary), intent: e.intent }));
  const cosine = (a: Features, b: Features) => {
    let dot = 0;
    for (const [k, v] of a) dot += v * (b.get(k) ?? 0);
    return dot;
  };
  return (text: string) => {
    const f = featuresOf(text, glossary);
    let best = { score: -1, intent: '' };
    for (const v of vectors) {
      const s = cosine(f, v.f);
      if (s > best.score) best = { score: s, intent: v.intent };
    }
    return best.intent;
  };
}

function main(): void {
  const examples = examplesOf(loadIntentData());
  const { train, test } = splitExamples(examples);
  const domain = loadDomain(createLogger('silent'));
  const started = performance.now();
  // What the service does: the model, then the rules and the search (a named procedure).
  const { classifier, glossary, understander } = trainUnderstander(train, domain.catalogue, domain.commune, domain.search);
  const trainMs = performance.now() - started;
  const names = domain.catalogue.procedures;
  console.log(`intent classification — ${examples.length} labelled examples, ${new Set(examples.map((e) => e.intent)).size} intents`);
  console.log(
    `  split (seed ${SPLIT_SEED}): ${train.length} to train (+ ${names.length} procedure names), ${test.length} to test; training took ${trainMs.toFixed(0)} ms`,
  );

  const perIntent = new Map<string, { n: number; ok: number }>();
  const perKind = new Map<string, { n: number; ok: number }>();
  const bump = (m: Map<string, { n: number; ok: number }>, key: string, ok: boolean) => {
    const v = m.get(key) ?? { n: 0, ok: 0 };
    v.n += 1;
    v.ok += ok ? 1 : 0;
    m.set(key, v);
  };
  let ok = 0;
  let unsure = 0;
  let unsureWrong = 0;
  const misses: string[] = [];
  const modelOnly = test.filter((e) => classifier.classify(e.text).intent === e.intent).length;
  for (const e of test) {
    const c = understander.understand(e.text);
    const right = c.intent === e.intent;
    ok += right ? 1 : 0;
    if (c.confidence < CONFIDENT) {
      unsure += 1;
      unsureWrong += right ? 0 : 1;
    }
    bump(perIntent, e.intent, right);
    bump(perKind, kind(e.text), right);
    if (!right) misses.push(`  "${e.text}" → ${c.intent} (${c.confidence.toFixed(2)}), expected ${e.intent}`);
  }
  const pct = (a: number, b: number) => `${((100 * a) / b).toFixed(1)} %`;
  console.log(
    `  accuracy on the test part: ${pct(ok, test.length)} (${ok}/${test.length})  aim ≥ 95 %  (the model alone: ${pct(modelOnly, test.length)})`,
  );
  const oos = perIntent.get('out_of_scope');
  if (oos) console.log(`  out of scope recognised: ${pct(oos.ok, oos.n)}  aim ≥ 90 %`);
  const worst = [...perIntent.entries()].sort((a, b) => a[1].ok / a[1].n - b[1].ok / b[1].n);
  console.log(
    `  lowest intents: ${worst
      .slice(0, 5)
      .map(([i, v]) => `${i} ${pct(v.ok, v.n)}`)
      .join(', ')}  aim: none below 85 %`,
  );
  console.log(`  by way of typing: ${[...perKind.entries()].map(([k, v]) => `${k} ${pct(v.ok, v.n)} (${v.n})`).join('; ')}`);
  const confidentWrong = test.length - ok - unsureWrong;
  const direct = test.length - unsure;
  console.log(
    `  below the confidence threshold ${CONFIDENT}: ${unsure} (a clarifying question), of which wrong: ${unsureWrong}; wrong and confident: ${confidentWrong}`,
  );
  console.log(`  answered without asking: ${direct}, of which right: ${pct(direct - confidentWrong, direct)}`);

  const nearest = nearestExample([...train, ...procedureNameExamples(names.map((p) => p.name))], glossary);
  const nearestOk = test.filter((e) => nearest(e.text) === e.intent).length;
  console.log(
    `  method comparison on the same split (models alone): linear model ${pct(modelOnly, test.length)}, nearest example ${pct(nearestOk, test.length)}`,
  );

  const time = (what: string, run: (text: string) => unknown, aim: string) => {
    const times: number[] = [];
    for (let round = 0; round < 20; round++) {
      for (const e of test) {
        const t = performance.now();
        run(e.text);
        times.push(performance.now() - t);
      }
    }
    const p = percentiles(times);
    console.log(`  ${what} over ${p.count}: p50 ${p.p50.toFixed(3)} ms, p95 ${p.p95.toFixed(3)} ms, max ${p.max.toFixed(2)} ms  ${aim}`);
  };
  time('classification (the model)', (t) => classifier.classify(t), 'aim p95 < 2 ms');
  time('understanding (model, slots, and the search for a named procedure)', (t) => understander.understand(t), '');
  if (misses.length) console.log(`  misses (${misses.length}):\n${misses.join('\n')}`);
}

main();
