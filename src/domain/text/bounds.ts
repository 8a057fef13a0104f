/**
 * How much of a message the text processing reads. Every step after this one (shorthand, Telex
 * and spelling repair, phrase matching, the search) then does a bounded amount of work, however
 * long or odd the message is: a chat message can be 2,000 characters and a webhook body far more,
 * and one slow message must never hold up another citizen's acknowledgement (issue 11).
 */

/** A question longer than this is a story; its subject is in its first sentences. */
export const MAX_UNDERSTOOD_CHARS = 400;

/** Short commands ("menu ạ", "hủy nhé") are never longer than this. */
export const MAX_PHRASE_CHARS = 120;

/**
 * The first `max` characters of `text`, cut at the last space before the limit when there is one
 * (so no half word is left to be "repaired"). Linear in `max`, not in the length of `text`.
 */
export function boundText(text: string, max = MAX_UNDERSTOOD_CHARS): string {
  if (text.length <= max) return text;
  const head = text.slice(0, max);
  const space = head.search(/\s\S*$/);
  return space > max / 2 ? head.slice(0, space) : head;
}
