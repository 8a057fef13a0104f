/**
 * Per-user ordering. The webhook appends each new event to the user's inbox (a Redis list) and
 * queues a drain job; whichever drain job owns the inbox handles it oldest-first, one event at a
 * time, until it is empty. A lock alone would give exclusion but not order; the list gives order.
 *
 * Ownership is a key holding the owning job's id, with a TTL renewed while handling. A job that
 * finds another owner stops at once — the owner will reach its event, because it only lets go
 * when, atomically, the inbox is empty. A job re-run by BullMQ after its worker died carries the
 * same job id, so it takes the inbox back without waiting for the TTL.
 * An event is removed only after it was handled: a crash re-handles at most that one event.
 */
import type { Keys } from '../store/keys';
import { LuaScript } from '../store/lua-script';
import type { RedisClient } from '../store/redis';
import type { ZaloEvent } from '../edge/zalo/events';

/** KEYS: seen, inbox, profile · ARGV: seen TTL (s), event JSON, interaction ms or "" → 1 new, 0 duplicate */
const appendEvent = new LuaScript(
  'appendEvent',
  `if not redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[1]) then return 0 end
redis.call('RPUSH', KEYS[2], ARGV[2])
if ARGV[3] ~= '' then
  local last = tonumber(redis.call('HGET', KEYS[3], 'lastInteraction') or '0')
  if tonumber(ARGV[3]) > last then redis.call('HSET', KEYS[3], 'lastInteraction', ARGV[3]) end
end
return 1`,
);

/** KEYS: owner · ARGV: job id, ttl ms → 1 owned, 0 someone else owns it */
const takeInbox = new LuaScript(
  'takeInbox',
  `local owner = redis.call('GET', KEYS[1])
if owner and owner ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1`,
);

/** KEYS: owner, inbox · ARGV: job id → 1 released (inbox empty), 0 more to do, -1 not the owner */
const releaseIfEmpty = new LuaScript(
  'releaseIfEmpty',
  `if redis.call('GET', KEYS[1]) ~= ARGV[1] then return -1 end
if redis.call('LLEN', KEYS[2]) > 0 then return 0 end
redis.call('DEL', KEYS[1])
return 1`,
);

/** KEYS: owner, inbox · ARGV: job id, handled event JSON → 1 removed, 0 not owner or head changed */
const ackHead = new LuaScript(
  'ackHead',
  `if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
if redis.call('LINDEX', KEYS[2], 0) ~= ARGV[2] then return 0 end
redis.call('LPOP', KEYS[2])
return 1`,
);

/** KEYS: owner · ARGV: job id, ttl ms → 1 renewed, 0 lost */
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

export type DrainOutcome = { status: 'drained'; handled: number } | { status: 'busy' } | { status: 'lost' };

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

  /** Stores the event unless this delivery was seen before; records the interaction time. */
  async append(event: ZaloEvent, receivedAt: number): Promise<'new' | 'duplicate'> {
    const stored: StoredEvent = { event, receivedAt };
    const interactionAt = event.interaction ? String(Math.min(Number(event.timestamp), receivedAt)) : '';
    const result = await appendEvent.run(
      this.redis,
      [this.keys.seen(event.userId, event.dedupeKey), this.keys.inbox(event.userId), this.keys.profile(event.userId)],
      [this.seenTtlSec, JSON.stringify(stored), interactionAt],
    );
    return result === 1 ? 'new' : 'duplicate';
  }

  /** Handles the user's events in order while this job owns the inbox. */
  async drain(userId: string, jobId: string, handle: (stored: StoredEvent) => Promise<void>): Promise<DrainOutcome> {
    const owner = this.keys.inboxOwner(userId);
    const inbox = this.keys.inbox(userId);
    if ((await takeInbox.run(this.redis, [owner], [jobId, this.ownerTtlMs])) !== 1) return { status: 'busy' };
    let handled = 0;
    for (;;) {
      const head = await this.redis.lIndex(inbox, 0);
      if (head === null) {
        const released = await releaseIfEmpty.run(this.redis, [owner, inbox], [jobId]);
        if (released === 1) return { status: 'drained', handled };
        if (released === -1) return { status: 'lost' };
        continue;
      }
      await this.withRenewal(owner, jobId, () => handle(JSON.parse(head) as StoredEvent));
      if ((await ackHead.run(this.redis, [owner, inbox], [jobId, head])) !== 1) return { status: 'lost' };
      handled += 1;
    }
  }

  async pending(userId: string): Promise<number> {
    return this.redis.lLen(this.keys.inbox(userId));
  }

  private async withRenewal(owner: string, jobId: string, work: () => Promise<void>): Promise<void> {
    const timer = setInterval(() => {
      renewOwner.run(this.redis, [owner], [jobId, this.ownerTtlMs]).catch(() => undefined);
    }, Math.floor(this.ownerTtlMs / 3));
    try {
      await work();
    } finally {
      clearInterval(timer);
    }
  }
}
