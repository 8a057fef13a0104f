/**
 * The understanding layer: a message → what the person wants (intent and confidence), what it
 * names (slots) and the language it is written in. The model decides the intent; a few facts the
 * model cannot weigh decide before it: a dossier code is a dossier question, a bare number is a
 * number (the lookup starts from the dossier code), a message of only emoji is an acknowledgement.
 */
import { boundText } from '../text/bounds';
import type { Classification, IntentClassifier } from './intent-classifier';
import type { Intent } from './intent';
import { detectLanguage, type WrittenLanguage } from './language-detect';
import type { SlotReader, Slots } from './slots';

/** At or above this probability the intent is taken; below it the bot asks which one was meant. */
export const CONFIDENT = 0.5;

export type UnderstoodIntent = Intent | 'bare_number';

export interface Understanding {
  intent: UnderstoodIntent;
  confidence: number;
  /** The likely intents, most likely first (for a clarifying question). */
  alternatives: Intent[];
  slots: Slots;
  language?: WrittenLanguage;
}

export interface Understander {
  understand(text: string): Understanding;
}

/** No letter and no digit, but an emoji: "👍", "🙏🙏", "❤️". */
const ONLY_EMOJI = (text: string) => !/[\p{L}\p{N}]/u.test(text) && /\p{Extended_Pictographic}/u.test(text);

export function createUnderstander(classifier: IntentClassifier, slots: SlotReader): Understander {
  return {
    understand(text) {
      const bounded = boundText(text);
      const found = slots.read(bounded);
      const language = detectLanguage(bounded);
      const sure = (intent: UnderstoodIntent): Understanding => ({ intent, confidence: 1, alternatives: [], slots: found, ...(language ? { language } : {}) });
      if (found.dossierCode) return sure('dossier_status');
      if (found.bareNumber) return sure('bare_number');
      if (ONLY_EMOJI(bounded)) return sure('thanks');
      const c: Classification = classifier.classify(bounded);
      return {
        intent: c.intent,
        confidence: c.confidence,
        alternatives: c.ranked.slice(0, 3).map((r) => r.intent),
        slots: found,
        ...(language ? { language } : {}),
      };
    },
  };
}
