/**
 * The understanding layer as the service runs it: the model trained on every example of
 * data/intents.json plus the catalogue's procedure names, the slots read with the commune's own
 * villages and topics. Built once at start (well under a second).
 */
import type { ProcedureCatalogue } from '../catalogue/catalogue';
import type { CommuneProfile } from '../commune/commune-profile';
import { loadGlossary } from './glossary';
import { examplesOf, loadIntentData, type IntentData } from './intent-data';
import { procedureNameExamples, trainIntentClassifier } from './intent-classifier';
import { createSlotReader } from './slots';
import { createUnderstander, type Understander } from './understanding';

export function buildUnderstander(catalogue: ProcedureCatalogue, commune: CommuneProfile, data: IntentData = loadIntentData()): Understander {
  const names = procedureNameExamples(catalogue.procedures.map((p) => p.name));
  const classifier = trainIntentClassifier([...examplesOf(data), ...names], loadGlossary());
  return createUnderstander(classifier, createSlotReader(commune));
}
