/**
 * Whether a message typed while a conversation waits for an answer ("the 4 last digits", "your
 * village") is clearly about something else: then the conversation lets it go (`halt({ next: true })`)
 * and the front desk answers what was asked, instead of "please type 4 digits" (issue 9). Only a
 * confident reading counts; an "ok" or a thank-you is not a reason to leave.
 */
import type { Intent } from '../src/domain/understanding/intent';
import type { Understanding } from '../src/domain/understanding/understanding';

/** Surer than the front desk needs to be: leaving a question loses it. */
const LEAVE_CONFIDENCE = 0.7;
const STAYS: ReadonlySet<string> = new Set(['thanks', 'bare_number']);

export function isElsewhere(u: Understanding, own: readonly Intent[]): boolean {
  return u.confidence >= LEAVE_CONFIDENCE && !STAYS.has(u.intent) && !(own as readonly string[]).includes(u.intent);
}
