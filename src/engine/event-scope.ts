/**
 * The inbound event being handled, for code that runs on its behalf deep inside grammY and the
 * conversations plugin, where no parameter reaches: the outbound bridge (which messages of this
 * event went out already) and the once-per-event counters of the domain (a retried event must
 * not count a wrong answer twice), and the conversation storage, whose writes are held back
 * until the event is handled: the conversations plugin writes its state even when the handling
 * failed (leaving the conversation), and a retried event must find the conversation as it was.
 * AsyncLocalStorage follows the promise chain through both libraries; outside an event (a
 * broadcast, a ticket job) there is no scope.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';

export interface EventScope {
  /** Stable across retries of the same event: derived from the user and the delivery's dedupe key. */
  readonly id: string;
  readonly userId: string;
  /** Messages sent so far while handling it (every attempt counts from 0 again). */
  sends: number;
  /** Writes held back until the event is handled, by the key they write, with the value they hold. */
  readonly staged: Map<string, { value: unknown; write: () => Promise<unknown> }>;
}

const scopes = new AsyncLocalStorage<EventScope>();

/** The id of an event (no ':' — it is also part of a BullMQ job id). */
export function eventIdOf(event: { userId: string; dedupeKey: string }): string {
  return createHash('sha1').update(`${event.userId}|${event.dedupeKey}`).digest('hex');
}

export function inEventScope<T>(event: { userId: string; dedupeKey: string }, work: () => Promise<T>): Promise<T> {
  return scopes.run({ id: eventIdOf(event), userId: event.userId, sends: 0, staged: new Map() }, work);
}

/** Makes the held-back writes of the current event; a retry that drops them starts from the old state. */
export async function commitStaged(): Promise<void> {
  const scope = currentEvent();
  if (!scope) return;
  for (const { write } of scope.staged.values()) await write();
  scope.staged.clear();
}

export function currentEvent(): EventScope | undefined {
  return scopes.getStore();
}
