/**
 * The understanding layer: a message → what the person wants (intent and confidence), what it
 * names (slots) and the language it is written in. The model decides the intent; a few facts the
 * model cannot weigh decide before it: a dossier code is a dossier question, a bare number is a
 * number (the lookup starts from the dossier code), a message of only emoji is an acknowledgement.
 */
import { boundText } from '../text/bounds';
import { foldPhrase } from '../text/fold';
import type { Classification, IntentClassifier } from './intent-classifier';
import type { ProcedureFinder } from '../catalogue/procedure-finder';
import { followUpAspect, type FollowUpAspect, type Intent } from './intent';
import { detectLanguage, type WrittenLanguage } from './language-detect';
import type { SlotReader, Slots } from './slots';

/** At or above this probability the intent is taken; below it the bot asks which one was meant. */
export const CONFIDENT = 0.5;

/** How likely the runner-up follow-up must be for a procedure question to be about that part. */
const ASPECT_EVIDENCE = 0.05;

export type UnderstoodIntent = Intent | 'bare_number';

export interface Understanding {
  intent: UnderstoodIntent;
  confidence: number;
  /** The likely intents, most likely first (for a clarifying question). */
  alternatives: Intent[];
  slots: Slots;
  /** The procedure the message clearly names (the search is sure of it). */
  procedure?: string;
  /** For a question about one part of a procedure ("khai tử nộp ở đâu"): that part. */
  aspect?: FollowUpAspect;
  language?: WrittenLanguage;
}

export interface Understander {
  understand(text: string): Understanding;
}

const PROCEDURE_CODE = /(?<![\d.,])\d\.?\d{6}(?!\d)/;

/** No letter and no digit, but an emoji: "👍", "🙏🙏", "❤️". */
const ONLY_EMOJI = (text: string) => !/[\p{L}\p{N}]/u.test(text) && /\p{Extended_Pictographic}/u.test(text);
/**
 * "có được hưởng tiền không", "được nhận trợ cấp": who is entitled, which is the procedure itself,
 * not one part of it (what it costs, whether it is online). Read on folded text.
 */
const ENTITLEMENT = /\bduoc (?:huong |nhan |lanh |linh )?(?:tien|tro cap|ho tro|che do)\b|\bduoc huong\b/;

/** Emoji of anger or sadness: "😡😡" is no thank-you. */
const UPSET = /[😠😡🤬👎😤💢😞😢😭😩😫🙁☹😒]/u;

export function createUnderstander(
  classifier: IntentClassifier,
  slots: SlotReader,
  finder?: Pick<ProcedureFinder, 'search'>,
): Understander {
  /** The procedure a message names (the search is sure of one), or that it is about a matter handled elsewhere. */
  const lookUp = (text: string): { code?: string; name?: string; elsewhere: boolean; candidates: boolean } => {
    if (!finder) return { elsewhere: false, candidates: false };
    const { hits, confidence, outOfScope } = finder.search(text, 1);
    const hit = confidence === 'exact' || confidence === 'sure' ? hits[0] : undefined;
    return {
      ...(hit ? { code: hit.code, name: hit.name } : {}),
      elsewhere: outOfScope !== undefined,
      candidates: confidence === 'ambiguous' && hits.length > 0,
    };
  };

  /**
   * Whether the message asks about that part once the procedure's own name is taken out of it:
   * "xin trích lục kết hôn bản sao" names "Cấp bản sao Trích lục …", "bản sao" is no question
   * about the result.
   */
  const asksAboutPart = (text: string, name: string, aspect: FollowUpAspect): boolean => {
    const nameWords = new Set(foldPhrase(name).split(' '));
    const rest = foldPhrase(text)
      .split(' ')
      .filter((w) => !nameWords.has(w))
      .join(' ');
    if (!rest) return false;
    const { ranked } = classifier.classify(rest);
    return ranked.slice(0, 2).some((r) => r.confidence >= ASPECT_EVIDENCE && followUpAspect(r.intent) === aspect);
  };

  return {
    understand(text) {
      const bounded = boundText(text);
      const found = slots.read(bounded);
      const language = detectLanguage(bounded);
      const sure = (intent: UnderstoodIntent): Understanding => ({
        intent,
        confidence: 1,
        alternatives: [],
        slots: found,
        ...(language ? { language } : {}),
      });
      if (found.dossierCode) return sure('dossier_status');
      // A procedure code typed ("1.000656", "thủ tục 1000656") is a question about that procedure.
      if (PROCEDURE_CODE.test(bounded)) {
        const { code } = lookUp(bounded);
        if (code) return { ...sure('procedure'), procedure: code };
      }
      if (found.bareNumber) return sure('bare_number');
      if (ONLY_EMOJI(bounded)) return sure(UPSET.test(bounded) ? 'complaint' : 'thanks');
      const c: Classification = classifier.classify(bounded);
      const result: Understanding = {
        intent: c.intent,
        confidence: c.confidence,
        alternatives: c.ranked.slice(0, 3).map((r) => r.intent),
        slots: found,
        ...(language ? { language } : {}),
      };
      // A question naming its procedure is about that procedure: "khai tử nộp ở đâu" is the
      // "where" of khai tử, not a follow-up; and an unsure reading yields to a sure search.
      // A procedure question whose runner-up reading is a follow-up asks about that part of it
      // ("đăng ký kết hôn mất bao nhiêu tiền": procedure, then followup_fee). Not for documents:
      // the card itself leads with what to bring, shorter than the full list.
      const runnerUp = c.ranked[1];
      const secondAspect =
        c.intent === 'procedure' && runnerUp && runnerUp.confidence >= ASPECT_EVIDENCE ? followUpAspect(runnerUp.intent) : undefined;
      const read = followUpAspect(c.intent) ?? (secondAspect === 'documents' ? undefined : secondAspect);
      const aspect = ENTITLEMENT.test(foldPhrase(bounded)) ? undefined : read;
      // The search is asked only when a procedure question is one of the two likeliest readings:
      // "có cần CCCD không" names a paper the search knows, but it is a follow-up all the same.
      const procedureLikely = c.ranked.slice(0, 2).some((r) => r.intent === 'procedure');
      if (!procedureLikely || (c.intent !== 'procedure' && !aspect && c.confidence >= CONFIDENT)) return result;
      const { code: procedure, name, elsewhere, candidates } = lookUp(bounded);
      const asProcedure = { ...result, intent: 'procedure' as const, confidence: Math.max(c.confidence, CONFIDENT) };
      // "làm CCCD ở đâu": the search knows who handles it instead (the police): it answers that.
      if (!procedure && elsewhere) return asProcedure;
      // "hộ nghèo": unsure, but a procedure question is a likely reading and the search has candidates to offer.
      if (!procedure && candidates && c.confidence < CONFIDENT) return asProcedure;
      if (!procedure) return result;
      if (aspect && name && asksAboutPart(bounded, name, aspect))
        return { ...result, intent: 'procedure', confidence: Math.max(c.confidence, CONFIDENT), procedure, aspect };
      return { ...result, intent: 'procedure', confidence: Math.max(c.confidence, CONFIDENT), procedure };
    },
  };
}
