/**
 * The understanding layer as the service runs it: the model trained on every example of
 * data/intents.json plus the catalogue's procedure names, the slots read with the commune's own
 * villages and topics. Training takes a second or so; a model trained before on the same data and
 * code is loaded from the cache instead (model-cache.ts), and kept for the process.
 */
import type { ProcedureCatalogue } from '../catalogue/catalogue';
import type { CommuneProfile } from '../commune/commune-profile';
import type { ProcedureFinder } from '../catalogue/procedure-finder';
import { loadGlossary } from './glossary';
import { examplesOf, loadIntentData, type IntentData } from './intent-data';
import { classifierOf, procedureNameExamples, trainIntentModel, type IntentClassifier } from './intent-classifier';
import { cachedModel, modelDigest } from './model-cache';
import { createSlotReader } from './slots';
import { createUnderstander, type Understander } from './understanding';

const loaded = new Map<string, IntentClassifier>();

export function buildUnderstander(catalogue: ProcedureCatalogue, commune: CommuneProfile, finder: Pick<ProcedureFinder, 'search'>, data: IntentData = loadIntentData()): Understander {
  const examples = [...examplesOf(data), ...procedureNameExamples(catalogue.procedures.map((p) => p.name))];
  const glossary = loadGlossary();
  const digest = modelDigest([JSON.stringify(examples), glossary.digest]);
  let classifier = loaded.get(digest);
  if (!classifier) {
    classifier = classifierOf(cachedModel(digest, () => trainIntentModel(examples, glossary)), glossary);
    loaded.set(digest, classifier);
  }
  return createUnderstander(classifier, createSlotReader(commune), finder);
}
