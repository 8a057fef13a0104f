/**
 * The held-out part of the intent examples: per intent, a quarter chosen by a fixed seed. It is
 * used only to measure (bench/intents.ts, the accuracy floor test) — never to train or tune.
 */
import type { Example } from './intent-data';
import { mulberry32, shuffle } from './intent-model';

export const SPLIT_SEED = 9;
const TEST_SHARE = 0.25;

export function splitExamples(examples: readonly Example[], seed = SPLIT_SEED): { train: Example[]; test: Example[] } {
  const random = mulberry32(seed);
  const byIntent = new Map<string, Example[]>();
  for (const e of examples) byIntent.set(e.intent, [...(byIntent.get(e.intent) ?? []), e]);
  const train: Example[] = [];
  const test: Example[] = [];
  for (const group of byIntent.values()) {
    const shuffled = [...group];
    shuffle(shuffled, random);
    const n = Math.max(1, Math.round(shuffled.length * TEST_SHARE));
    test.push(...shuffled.slice(0, n));
    train.push(...shuffled.slice(n));
  }
  return { train, test };
}
