/**
 * What people type around a dossier lookup that is not a code: while the bot waits for the code,
 * "em ko co ma", "quên rồi", "mất giấy hẹn" say there is no code to give (then the way to find it,
 * not "type it again"); right after a dossier that needs documents, "thiếu giấy gì vậy", "bổ sung
 * gì" ask what that dossier lacks (then its missing documents, not a procedure search). Compared
 * folded (no diacritics, any case, no punctuation).
 */
import { foldPhrase } from '../src/domain/text/fold';
import { MAX_PHRASE_CHARS } from '../src/domain/text/bounds';

/** "không có mã / ko co ma / quên / quen roi / mất giấy hẹn / mat giay"; English "no code", "lost", "forgot". */
const NO_CODE = /\b(?:khong|ko|k|kh|khg|hong|chua) co ma\b|\bquen\b|\bmat (?:giay|phieu|bien nhan)\b|\bno code\b|\blost\b|\bforg[eo]t\b/;

/** "thiếu gì", "còn thiếu giấy tờ nào", "bổ sung những gì"; English "what is missing". */
const ASKS_MISSING = /\b(?:thieu|bo sung)\b.*\b(?:gi|j|nao)\b|\bwhat\b.*\bmissing\b/;
/** Where, how, when or why to add them is another question: the front desk answers it. */
const OTHER_QUESTION = /\b(?:o dau|dau|cho nao|noi nao|o mo|the nao|lam sao|bao lau|khi nao|vi sao|tai sao|where|how|when|why)\b/;

const folded = (text: string) => (text.length > MAX_PHRASE_CHARS ? '' : foldPhrase(text));

/** The person says they have no code (lost the receipt, forgot it). */
export function saysNoCode(text: string): boolean {
  return NO_CODE.test(folded(text));
}

/** The person asks which documents their dossier lacks. */
export function asksMissingDocuments(text: string): boolean {
  const phrase = folded(text);
  return ASKS_MISSING.test(phrase) && !OTHER_QUESTION.test(phrase);
}
