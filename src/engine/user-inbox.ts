/**
 * Per-user ordering. The webhook appends each new event to the user's inbox (a Redis list) and
 * queues a drain job; whichever drain run owns the inbox handles it oldest-first, one event at a
 * time, until it is empty. A lock alone would give exclusion but not order; the list gives order.
 *
 * Ownership is a key holding the owning run's token (job id + BullMQ's lock token, new on every
 * run), with a TTL renewed while handling. Ownership is checked atomically with each read of the
 * head, and an event is removed only by its owner after it was handled: a crash re-handles at
 * most that one event, and two runs never handle the same inbox at once.
 * - another job owns it → `busy`: the owner will reach our event, because it only lets go when,
 *   atomically, the inbox is empty;
 * - an earlier run of this same job owns it (its worker died, BullMQ re-ran the job) → `retry`:
 *   the caller retries after the dead run's ownership expired.
 * Users with events are also kept in a pending set, which a sweeper walks to re-queue any inbox
 * that was left without a job (retries exhausted during a long outage).
 */
import type { Keys } from '../store/keys';
import { LuaScript } from '../store/lua-script';
import { isRedisUnavailable, untilReachable, type RedisClient } from '../store/redis';
import type { ZaloEvent } from '../edge/zalo/events';

/**
 * KEYS: seen, inbox, profile, owner · ARGV: seen TTL (s), event JSON, interaction ms or ""
 * → 1 if new (+2 when a drain run owns the inbox: it will reach this event, no job is needed)
 */
const appendEvent = new LuaScript(
  'appendEvent',
  `local owned = 0
if redis.call('EXISTS', KEYS[4]) == 1 then owned = 2 end
if not redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[1]) then return owned end
redis.call('RPUSH', KEYS[2], ARGV[2])
if ARGV[3] ~= '' then
  local last = tonumber(redis.call('HGET', KEYS[3], 'lastInteraction') or '0')
  if tonumber(ARGV[3]) > last then redis.call('HSET', KEYS[3], 'lastInteraction', ARGV[3]) end
end
return 1 + owned`,
);

/** KEYS: owner · ARGV: run token, job id, ttl ms → 1 owned, 0 another job owns it, 2 an earlier run of this job does */
const takeInbox = new LuaScript(
  'takeInbox',
  `local owner = redis.call('GET', KEYS[1])
if owner and owner ~= ARGV[1] then
  if string.sub(owner, 1, string.len(ARGV[2]) + 1) == ARGV[2] .. '|' then return 2 end
  return 0
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3])
return 1`,
);

/** KEYS: owner, inbox · ARGV: run token, ttl ms → {1, head or false} while owned (renewed), {0} when not */
const peekIfOwner = new LuaScript(
  'peekIfOwner',
  `if redis.call('GET', KEYS[1]) ~= ARGV[1] then return {0} end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return {1, redis.call('LINDEX', KEYS[2], 0)}`,
);

/** KEYS: owner, inbox · ARGV: run token, "empty-only" or "always" → 1 released, 0 more to do, -1 not the owner */
const release = new LuaScript(
  'releaseInbox',
  `if redis.call('GET', KEYS[1]) ~= ARGV[1] then return -1 end
if ARGV[2] == 'empty-only' and redis.call('LLEN', KEYS[2]) > 0 then return 0 end
redis.call('DEL', KEYS[1])
return 1`,
);

/** KEYS: owner, inbox · ARGV: run token, handled event JSON → 1 removed, 0 not owner or head changed */
const ackHead = new LuaScript(
  'ackHead',
  `if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
if redis.call('LINDEX', KEYS[2], 0) ~= ARGV[2] then return 0 end
redis.call('LPOP', KEYS[2])
return 1`,
);

/** KEYS: owner · ARGV: run token, ttl ms → 1 renewed, 0 lost */
const renewOwner = new LuaScript(
  'renewOwner',
  `if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
return redis.call('PEXPIRE', KEYS[1], ARGV[2])`,
);

export interface StoredEvent {
  event: ZaloEvent;
  /** When the webhook accepted it (ms): the start of the handling-latency measurement. */
  receivedAt: number;
}

export interface UserInboxOptions {
  /** How long a delivery counts as seen; ≥ 24 h since Zalo may retry for 12 h. Default 48 h. */
  seenTtlSec?: number;
  /** Ownership TTL; a dead owner's inbox is free again after it. Default 20 s. */
  ownerTtlMs?: number;
}

export interface DrainRun {
  userId: string;
  jobId: string;
  /** Unique to this run of the job (BullMQ's lock token). */
  runToken: string;
  /** Checked between events: true → let go of the inbox (the worker is shutting down). */
  shouldStop?: () => boolean;
  /** Events one run handles before it lets go, so one talkative user cannot hold a slot. */
  budget?: number;
}

export type DrainOutcome =
  | { status: 'drained'; handled: number }
  | { status: 'busy' }
  | { status: 'retry' }
  /** Let go with events left (shutting down, or the run's budget spent): queue another run. */
  | { status: 'stopped'; handled: number }
  | { status: 'lost'; handled: number };

export class UserInbox {
  private readonly seenTtlSec: number;
  private readonly ownerTtlMs: number;

  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
    options: UserInboxOptions = {},
  ) {
    this.seenTtlSec = options.seenTtlSec ?? 48 * 3600;
    this.ownerTtlMs = options.ownerTtlMs ?? 20_000;
  }

  /**
   * Stores the event unless this delivery was seen before; records the interaction time. `owned`:
   * a drain run owns the inbox and will handle the event (it lets go only when the inbox is
   * empty, hands over on stopping, and a dead owner's job is re-run), so no new job is needed.
   */
  async append(event: ZaloEvent, receivedAt: number): Promise<{ outcome: 'new' | 'duplicate'; owned: boolean }> {
    const stored: StoredEvent = { event, receivedAt };
    const interactionAt = event.interaction ? String(Math.min(Number(event.timestamp), receivedAt)) : '';
    // The pending mark goes first: an event is never in an inbox without it. Both commands leave
    // in one round trip; one connection keeps their order (the set is outside the user's slot).
    const [, result] = await Promise.all([
      this.redis.zAdd(this.keys.pendingInboxes, { score: receivedAt, value: event.userId }, { condition: 'NX' }),
      appendEvent.run(
        this.redis,
        [
          this.keys.seen(event.userId, event.dedupeKey),
          this.keys.inbox(event.userId),
          this.keys.profile(event.userId),
          this.keys.inboxOwner(event.userId),
        ],
        [this.seenTtlSec, JSON.stringify(stored), interactionAt],
      ),
    ]);
    const code = Number(result);
    return { outcome: code % 2 === 1 ? 'new' : 'duplicate', owned: code >= 2 };
  }

  /** Handles the user's events in order while this run owns the inbox. */
  async drain(run: DrainRun, handle: (stored: StoredEvent) => Promise<void>): Promise<DrainOutcome> {
    const owner = this.keys.inboxOwner(run.userId);
    const inbox = this.keys.inbox(run.userId);
    const token = `${run.jobId}|${run.runToken}`;
    try {
      return await this.drainOwned(run, owner, inbox, token, handle);
    } catch (err) {
      // The event stays at the head; let go at once so the retry need not wait for the TTL.
      await this.letGo(owner, inbox, token);
      throw err;
    }
  }

  private async drainOwned(
    run: DrainRun,
    owner: string,
    inbox: string,
    token: string,
    handle: (stored: StoredEvent) => Promise<void>,
  ): Promise<DrainOutcome> {
    const taken = await takeInbox.run(this.redis, [owner], [token, run.jobId, this.ownerTtlMs]);
    if (taken === 0) return { status: 'busy' };
    if (taken === 2) return { status: 'retry' };
    let handled = 0;
    for (;;) {
      if (run.shouldStop?.() || handled >= (run.budget ?? Infinity)) {
        await release.run(this.redis, [owner, inbox], [token, 'always']);
        return { status: 'stopped', handled };
      }
      const [owned, head] = (await peekIfOwner.run(this.redis, [owner, inbox], [token, this.ownerTtlMs])) as [number, string | null];
      if (owned !== 1) return { status: 'lost', handled };
      if (!head) {
        const released = await release.run(this.redis, [owner, inbox], [token, 'empty-only']);
        if (released === 1) {
          await this.redis.zRem(this.keys.pendingInboxes, run.userId);
          return { status: 'drained', handled };
        }
        if (released === -1) return { status: 'lost', handled };
        continue;
      }
      await this.withRenewal(owner, token, () => handle(JSON.parse(head) as StoredEvent));
      if ((await ackHead.run(this.redis, [owner, inbox], [token, head])) !== 1) return { status: 'lost', handled };
      handled += 1;
    }
  }

  /**
   * Releases a failed run's ownership (a no-op unless it still holds it). When Redis dropped
   * mid-event the release cannot reach it, so it waits for Redis to come back (within half the
   * TTL) and releases then. Until this returns the job has not failed, so BullMQ records the
   * failure on a live connection and the retry follows its back-off; a failure sent into the
   * dropping connection is lost, leaving the job active until its lock expires and the stalled
   * check re-runs it (20–40 s), and the retry then waits out this run's ownership too.
   */
  private async letGo(owner: string, inbox: string, token: string): Promise<void> {
    const releaseNow = () => release.run(this.redis, [owner, inbox], [token, 'always']);
    try {
      await releaseNow();
    } catch (err) {
      if (!isRedisUnavailable(err) || !(await untilReachable(this.redis, this.ownerTtlMs / 2))) return;
      await releaseNow().catch(() => undefined);
    }
  }

  /**
   * Users whose inbox has waited longer than `olderThanMs` with nobody owning it: their drain job
   * was lost. Users found empty are dropped from the pending set.
   */
  async stranded(olderThanMs: number, now = Date.now(), limit = 500): Promise<string[]> {
    const users = await this.redis.zRangeByScore(this.keys.pendingInboxes, 0, now - olderThanMs, { LIMIT: { offset: 0, count: limit } });
    const stranded: string[] = [];
    for (const userId of users) {
      const [length, owner] = await Promise.all([
        this.redis.lLen(this.keys.inbox(userId)),
        this.redis.exists(this.keys.inboxOwner(userId)),
      ]);
      if (length === 0 && owner === 0) await this.redis.zRem(this.keys.pendingInboxes, userId);
      else if (owner === 0) stranded.push(userId);
    }
    return stranded;
  }

  private async withRenewal(owner: string, token: string, work: () => Promise<void>): Promise<void> {
    const timer = setInterval(
      () => {
        renewOwner.run(this.redis, [owner], [token, this.ownerTtlMs]).catch(() => undefined);
      },
      Math.floor(this.ownerTtlMs / 3),
    );
    try {
      await work();
    } finally {
      clearInterval(timer);
    }
  }
}
