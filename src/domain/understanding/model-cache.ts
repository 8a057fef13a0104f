/**
 * Trained intent models kept on disk, so a process (a restart, each test file, each worker) loads
 * in milliseconds what it would otherwise train for a second or more. A model is found by a digest
 * of everything it depends on — the examples, the glossary, and the source of the feature and
 * model code — so a change to any of them trains a new one; nothing needs clearing by hand. The
 * cache is an optimisation: a file that cannot be read or written is ignored (and logged by nobody:
 * training is the fallback).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../project-root';
import type { Intent } from './intent';
import { IntentModel } from './intent-model';

const DIRECTORY = join(projectRoot(), 'node_modules', '.cache', 'intent-model');
/** The code a model's weights depend on: a change to it must not load an old model. */
const CODE = ['./features', './intent-model'].map((m) => require.resolve(m));

export function modelDigest(inputs: readonly string[]): string {
  const hash = createHash('sha256');
  for (const file of CODE) hash.update(readFileSync(file));
  for (const input of inputs) hash.update(input).update('\0');
  return hash.digest('hex').slice(0, 32);
}

export function cachedModel(digest: string, train: () => IntentModel<Intent>): IntentModel<Intent> {
  const path = join(DIRECTORY, `${digest}.bin`);
  try {
    return IntentModel.fromBuffer<Intent>(readFileSync(path));
  } catch {
    const model = train();
    try {
      mkdirSync(DIRECTORY, { recursive: true });
      const temporary = `${path}.${process.pid}.tmp`;
      writeFileSync(temporary, model.toBuffer());
      renameSync(temporary, path);
    } catch {
      // A read-only tree: train at every start, as before.
    }
    return model;
  }
}
