/**
 * Which messages an inbound event's handling delivered, so that handling it again after a
 * transient failure (part 2 of a long answer met a 503) does not send them twice. A retry replays
 * the same flow from the same state and so sends the same messages in the same order: the n-th
 * send of the event is skipped when the n-th send of an earlier attempt delivered the same content
 * to the same person. Kept as long as the webhook's seen-set, one hash per event.
 */
import { createHash } from 'node:crypto';
import type { Logger } from '../logger';
import type { Keys } from '../store/keys';
import { isRedisUnavailable, untilReachable, type RedisClient } from '../store/redis';
import type { EventScope } from './event-scope';

const KEPT_SEC = 48 * 3600;
/** How long a note of a delivered reply waits for a dropped Redis to come back. */
const NOTE_WAIT_MS = 10_000;

export class ReplyLedger {
  /** The event's record, read once per attempt (the first send), then kept in step locally. */
  private readonly loaded = new WeakMap<EventScope, Promise<Map<string, string>>>();

  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
    private readonly logger: Logger,
  ) {}

  /** The Zalo message id of this send when an earlier attempt of the event delivered it, else undefined. */
  async delivered(scope: EventScope, index: number, content: unknown): Promise<string | undefined> {
    const entry = (await this.record(scope)).get(String(index));
    if (!entry) return undefined;
    const [digest, messageId] = splitOnce(entry);
    return digest === digestOf(content) ? messageId : undefined;
  }

  async remember(scope: EventScope, index: number, content: unknown, messageId: string): Promise<void> {
    const entry = `${digestOf(content)}|${messageId}`;
    (await this.record(scope)).set(String(index), entry);
    const key = this.keys.eventReplies(scope.userId, scope.id);
    const note = () => this.redis.multi().hSet(key, String(index), entry).expire(key, KEPT_SEC).exec();
    // The message is out: failing to note it must not fail the reply, but a retry of the event would
    // repeat it. When Redis dropped just then, the note waits for it to come back (the retry could
    // not run before that either) and is written then.
    await note()
      .catch(async (err: Error) => {
        if (!isRedisUnavailable(err) || !(await untilReachable(this.redis, NOTE_WAIT_MS))) throw err;
        await note();
      })
      .catch((err: Error) => this.logger.warn({ err: err.message }, 'could not note a delivered reply'));
  }

  private record(scope: EventScope): Promise<Map<string, string>> {
    let record = this.loaded.get(scope);
    if (!record) {
      record = this.redis.hGetAll(this.keys.eventReplies(scope.userId, scope.id)).then((h) => new Map(Object.entries(h)));
      record.catch(() => this.loaded.delete(scope));
      this.loaded.set(scope, record);
    }
    return record;
  }
}

function digestOf(content: unknown): string {
  return createHash('sha1').update(JSON.stringify(content)).digest('base64url').slice(0, 16);
}

function splitOnce(entry: string): [string, string] {
  const bar = entry.indexOf('|');
  return [entry.slice(0, bar), entry.slice(bar + 1)];
}
