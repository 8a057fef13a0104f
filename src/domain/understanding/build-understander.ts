/**
 * The understanding layer as the service runs it: the model trained on every example of
 * data/intents.json plus the catalogue's procedure names, the slots read with the commune's own
 * villages and topics. Training takes a second or so; a model trained before on the same data and
 * code is loaded from the cache instead (model-cache.ts), and kept for the process. Examples
 * officers taught through the console (`taught`) join the file's: they are part of the data the
 * cache's digest covers, so a model with them is trained once and then found again.
 */
import type { ProcedureCatalogue } from '../catalogue/catalogue';
import type { CommuneProfile } from '../commune/commune-profile';
import type { ProcedureFinder } from '../catalogue/procedure-finder';
import { loadGlossary } from './glossary';
import { examplesOf, loadIntentData, type Example, type IntentData } from './intent-data';
import { classifierOf, procedureNameExamples, trainIntentModel, type IntentClassifier } from './intent-classifier';
import { cachedModel, modelDigest } from './model-cache';
import { createSlotReader } from './slots';
import { createUnderstander, type Understander } from './understanding';

const loaded = new Map<string, IntentClassifier>();

/** What the model learns from: the examples given, and the catalogue's own procedure names. */
function learningExamples(examples: readonly Example[], catalogue: ProcedureCatalogue): Example[] {
  return [...examples, ...procedureNameExamples(catalogue.procedures.map((p) => p.name))];
}

/**
 * The layer trained on some of the examples only, never cached: for measuring on the held-out
 * part (bench/intents.ts, the accuracy floor test). The classifier alone comes with it.
 */
export function trainUnderstander(
  examples: readonly Example[],
  catalogue: ProcedureCatalogue,
  commune: CommuneProfile,
  finder: Pick<ProcedureFinder, 'search'>,
) {
  const glossary = loadGlossary();
  const classifier = classifierOf(trainIntentModel(learningExamples(examples, catalogue), glossary), glossary);
  return { classifier, glossary, understander: createUnderstander(classifier, createSlotReader(commune), finder) };
}

export function buildUnderstander(
  catalogue: ProcedureCatalogue,
  commune: CommuneProfile,
  finder: Pick<ProcedureFinder, 'search'>,
  data: IntentData = loadIntentData(),
  taught: readonly Example[] = [],
): Understander {
  const examples = learningExamples([...examplesOf(data), ...taught], catalogue);
  const glossary = loadGlossary();
  const digest = modelDigest([JSON.stringify(examples), glossary.digest]);
  let classifier = loaded.get(digest);
  if (!classifier) {
    classifier = classifierOf(
      cachedModel(digest, () => trainIntentModel(examples, glossary)),
      glossary,
    );
    loaded.set(digest, classifier);
  }
  return createUnderstander(classifier, createSlotReader(commune), finder);
}
