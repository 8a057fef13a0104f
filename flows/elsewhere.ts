/**
 * Whether a message typed while a conversation waits for an answer ("the 4 last digits", "your
 * village") is clearly about something else: then the conversation lets it go (`halt({ next: true })`)
 * and the front desk answers what was asked, instead of "please type 4 digits" (issue 9). Only a
 * confident reading counts; an "ok" or a thank-you is not a reason to leave.
 */
import type { Intent } from '../src/domain/understanding/intent';
import { CONFIDENT, type Understanding } from '../src/domain/understanding/understanding';

/** Surer than the front desk needs to be: leaving a question loses it. */
const LEAVE_CONFIDENCE = 0.7;
const STAYS: ReadonlySet<string> = new Set(['thanks', 'bare_number']);

export function isElsewhere(u: Understanding, own: readonly Intent[], confidence = LEAVE_CONFIDENCE): boolean {
  return u.confidence >= confidence && !STAYS.has(u.intent) && !(own as readonly string[]).includes(u.intent);
}

/**
 * For a question answered from a list (a village): a message that named none of its items is
 * already no answer, so the front desk's own confidence is enough to answer it instead
 * ("em không biết đăng nhập VNeID" while the village is asked).
 */
export function isElsewhereThanList(u: Understanding, own: readonly Intent[]): boolean {
  return isElsewhere(u, own, CONFIDENT);
}
