/**
 * The understanding layer as the service runs it: the model trained on every example of
 * data/intents.json plus the catalogue's procedure names, the slots read with the commune's own
 * villages and topics. Training takes about a second; a process that starts the worker role more
 * than once (the tests) trains once per distinct data, keyed by a digest of what it learns from.
 */
import { createHash } from 'node:crypto';
import type { ProcedureCatalogue } from '../catalogue/catalogue';
import type { CommuneProfile } from '../commune/commune-profile';
import type { ProcedureFinder } from '../catalogue/procedure-finder';
import { loadGlossary } from './glossary';
import { examplesOf, loadIntentData, type IntentData } from './intent-data';
import { procedureNameExamples, trainIntentClassifier, type IntentClassifier } from './intent-classifier';
import { createSlotReader } from './slots';
import { createUnderstander, type Understander } from './understanding';

const trained = new Map<string, IntentClassifier>();

export function buildUnderstander(catalogue: ProcedureCatalogue, commune: CommuneProfile, finder: Pick<ProcedureFinder, 'search'>, data: IntentData = loadIntentData()): Understander {
  const examples = [...examplesOf(data), ...procedureNameExamples(catalogue.procedures.map((p) => p.name))];
  const glossary = loadGlossary();
  const key = createHash('sha256').update(JSON.stringify(examples)).update(glossary.digest).digest('hex');
  let classifier = trained.get(key);
  if (!classifier) {
    classifier = trainIntentClassifier(examples, glossary);
    trained.set(key, classifier);
  }
  return createUnderstander(classifier, createSlotReader(commune), finder);
}
