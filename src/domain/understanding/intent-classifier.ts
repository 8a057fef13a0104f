/**
 * The intent of a message: the linear model's best guess with its probability, and the runners-up
 * (for a clarifying question when the model is unsure). Trained once at start from the intent data
 * and, for procedure questions, the catalogue's own procedure names, so that a procedure no example
 * mentions still reads as a procedure question. Classification is a few hundred feature look-ups:
 * well under a millisecond.
 */
import type { Example } from './intent-data';
import { featuresOf } from './features';
import type { Glossary } from './glossary';
import type { Intent } from './intent';
import { IntentModel } from './intent-model';

export interface Classification {
  intent: Intent;
  confidence: number;
  /** Every intent, most likely first (the first is `intent`). */
  ranked: Array<{ intent: Intent; confidence: number }>;
}

export interface IntentClassifier {
  classify(text: string): Classification;
}

export function trainIntentModel(examples: readonly Example[], glossary?: Glossary): IntentModel<Intent> {
  return IntentModel.train(examples.map((e) => ({ features: featuresOf(e.text, glossary), label: e.intent })));
}

/** A classifier over a model trained on the same glossary. */
export function classifierOf(model: IntentModel<Intent>, glossary?: Glossary): IntentClassifier {
  return {
    classify(text) {
      const ranked = model.predict(featuresOf(text, glossary)).map((s) => ({ intent: s.label, confidence: s.probability }));
      const [best] = ranked;
      if (!best) throw new Error('the intent model ranked no intent: it was trained on none');
      return { intent: best.intent, confidence: best.confidence, ranked };
    },
  };
}

/** Procedure names as extra procedure-question examples (the catalogue knows its own wording). */
export function procedureNameExamples(names: readonly string[]): Example[] {
  return names.map((text) => ({ text, intent: 'procedure' as const }));
}
