/**
 * The held-out part of the intent examples: an example is in the test part when a seeded hash of
 * its text says so (a quarter of them). Decided per example, so adding examples never moves an old
 * one between the parts. The test part is used only to measure (bench/intents.ts, the accuracy
 * floor test) — never to train or tune.
 */
import { createHash } from 'node:crypto';
import type { Example } from './intent-data';

export const SPLIT_SEED = 9;
/** One in TEST_EVERY examples is held out. */
const TEST_EVERY = 4;

function isHeldOut(text: string, seed = SPLIT_SEED): boolean {
  return createHash('sha1').update(`${seed}:${text}`).digest().readUInt32BE(0) % TEST_EVERY === 0;
}

export function splitExamples(examples: readonly Example[], seed = SPLIT_SEED): { train: Example[]; test: Example[] } {
  const train: Example[] = [];
  const test: Example[] = [];
  for (const e of examples) (isHeldOut(e.text, seed) ? test : train).push(e);
  return { train, test };
}
