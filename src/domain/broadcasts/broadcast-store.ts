/**
 * Broadcasts in Redis. One hash per broadcast holds what was asked (`content`, JSON), its status
 * and its counters, so that counting a recipient and finishing the broadcast is one atomic script
 * (keys under the broadcast's own `{b<id>}` tag, with the set of recipients already counted and the
 * delivery log). A sorted set indexes them by creation time; every action goes to an audit list.
 */
import { appendCapped } from '../../store/capped-list';
import type { Keys } from '../../store/keys';
import { LuaScript } from '../../store/lua-script';
import type { RedisClient } from '../../store/redis';
import {
  BROADCAST_STATUSES,
  OUTCOMES,
  type Actor,
  type Broadcast,
  type BroadcastContent,
  type BroadcastStatus,
  type Outcome,
} from './broadcast';

const AUDIT_KEPT = 100_000;
const SKIP_PREFIX = 'skip:';

/**
 * KEYS[1] broadcast hash · ARGV[1] the plan run's token.
 * The first plan run to ask while the broadcast is not planned yet (`scheduled`, or `sending` from
 * its creation, `planned` unset) holds its plan (`plannedBy`): only that run freezes the audience
 * and walks it, so a second run (a duplicate job, a stale read) can never re-freeze the set once
 * `planned` is fixed. Returns {status, holder, planned} ('' for none).
 */
const claimPlan = new LuaScript(
  'claimPlan-2',
  `local f = redis.call('HMGET', KEYS[1], 'status', 'planned')
local status = f[1]
if not status then return {'', '', ''} end
if not f[2] and (status == 'scheduled' or status == 'sending') then redis.call('HSETNX', KEYS[1], 'plannedBy', ARGV[1]) end
return {status, redis.call('HGET', KEYS[1], 'plannedBy') or '', f[2] or ''}`,
);

/**
 * KEYS[1] broadcast hash · ARGV[1] planned count · ARGV[2] now (ISO).
 * Only a broadcast not yet planned and not ended starts: a re-run plan or a cancelled one changes
 * nothing. Returns the status after the call.
 */
const markPlanned = new LuaScript(
  'markPlanned-2',
  `local f = redis.call('HMGET', KEYS[1], 'status', 'planned')
local status = f[1]
if f[2] or (status ~= 'scheduled' and status ~= 'sending') then return status end
if ARGV[1] == '0' then
  redis.call('HSET', KEYS[1], 'planned', 0, 'status', 'done', 'startedAt', ARGV[2], 'finishedAt', ARGV[2])
  return 'done'
end
redis.call('HSET', KEYS[1], 'planned', ARGV[1], 'status', 'sending', 'startedAt', ARGV[2])
return 'sending'`,
);

/**
 * KEYS[1] broadcast hash, KEYS[2] set of counted recipients, KEYS[3] delivery log.
 * ARGV[1] user id, ARGV[2] outcome counter, ARGV[3] skip reason or '', ARGV[4] log entry (JSON),
 * ARGV[5] log TTL (s), ARGV[6] now (ISO).
 * A recipient counts once whatever happens to their job (retries, a stalled re-run). When every
 * planned recipient is counted the broadcast ends: `done`, or stays `cancelled` with its end time.
 * Returns 'duplicate', 'counted' or 'ended'.
 */
const recordOutcome = new LuaScript(
  'recordOutcome-3',
  `if redis.call('SADD', KEYS[2], ARGV[1]) == 0 then return 'duplicate' end
redis.call('EXPIRE', KEYS[2], ARGV[5])
redis.call('HINCRBY', KEYS[1], ARGV[2], 1)
if ARGV[3] ~= '' then redis.call('HINCRBY', KEYS[1], '${SKIP_PREFIX}' .. ARGV[3], 1) end
redis.call('RPUSH', KEYS[3], ARGV[4])
redis.call('EXPIRE', KEYS[3], ARGV[5])
local c = redis.call('HMGET', KEYS[1], 'planned', 'sent', 'failed', 'skipped', 'cancelled', 'status')
if not c[1] then return 'counted' end
local total = tonumber(c[2] or 0) + tonumber(c[3] or 0) + tonumber(c[4] or 0) + tonumber(c[5] or 0)
if total < tonumber(c[1]) then return 'counted' end
if c[6] == 'sending' then redis.call('HSET', KEYS[1], 'status', 'done') end
redis.call('HSET', KEYS[1], 'finishedAt', ARGV[6])
return 'ended'`,
);

/**
 * KEYS[1] broadcast hash · ARGV[1] now (ISO) · ARGV[2] final status ('cancelled' or 'done').
 * Ends a broadcast that has not ended; returns the status it had. One with no recipient planned
 * yet is finished at once; a planned one finishes when its last recipient is counted.
 */
const end = new LuaScript(
  'endBroadcast-2',
  `local f = redis.call('HMGET', KEYS[1], 'status', 'planned')
local status = f[1]
if status ~= 'scheduled' and status ~= 'sending' then return status end
redis.call('HSET', KEYS[1], 'status', ARGV[2])
if ARGV[2] == 'cancelled' then redis.call('HSET', KEYS[1], 'cancelledAt', ARGV[1]) end
if not f[2] or ARGV[2] == 'done' then redis.call('HSET', KEYS[1], 'finishedAt', ARGV[1]) end
return status`,
);

export interface OutcomeRecord {
  userId: string;
  outcome: Outcome;
  /** Why a recipient was skipped (counted under skipReasons). */
  reason?: string;
  /** Extra facts for the delivery log (channel, Zalo code). */
  detail?: Record<string, unknown>;
}

export class BroadcastStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
    /** How long the delivery log and the counted set outlive the last delivery. */
    private readonly logDays: number,
    private readonly hashUser: (userId: string) => string,
  ) {}

  /** Creates the broadcast unless it exists (an occurrence planned twice); true when created. */
  async create(content: BroadcastContent, status: 'scheduled' | 'sending'): Promise<boolean> {
    const key = this.keys.broadcast(content.id);
    const [created] = await this.redis.multi().hSetNX(key, 'content', JSON.stringify(content)).hSetNX(key, 'status', status).exec();
    await this.redis.zAdd(this.keys.broadcasts, { score: Date.parse(content.createdAt), value: content.id });
    return Number(created) === 1;
  }

  async get(id: string): Promise<Broadcast | undefined> {
    return toBroadcast(await this.redis.hGetAll(this.keys.broadcast(id)));
  }

  /** Newest first; with a status, the newest `limit` of that status among the latest 1000. */
  async list(options: { status?: BroadcastStatus; limit: number }): Promise<Broadcast[]> {
    const ids = await this.redis.zRange(this.keys.broadcasts, 0, options.status ? 999 : options.limit - 1, { REV: true });
    // One command per broadcast: each record sits in its own cluster slot ({b<id>}); node-redis pipelines them.
    const rows = await Promise.all(ids.map((id) => this.redis.hGetAll(this.keys.broadcast(id))));
    return rows
      .map(toBroadcast)
      .filter((b): b is Broadcast => b !== undefined && (!options.status || b.status === options.status))
      .slice(0, options.limit);
  }

  async status(id: string): Promise<BroadcastStatus | undefined> {
    return toStatus(await this.redis.hGet(this.keys.broadcast(id), 'status'));
  }

  /** The broadcast's status and whether this recipient was counted already (a re-run job). */
  async deliveryState(id: string, userId: string): Promise<{ status?: BroadcastStatus; counted: boolean }> {
    const [status, counted] = await this.redis
      .multi()
      .hGet(this.keys.broadcast(id), 'status')
      .sIsMember(this.keys.broadcastFinished(id), userId)
      .exec();
    return { status: toStatus(status), counted: Number(counted) === 1 };
  }

  /** Whether this plan run (`token`) holds the broadcast's plan, the status, and `planned` once fixed. */
  async claimPlan(id: string, token: string): Promise<{ status?: BroadcastStatus; holder: boolean; planned?: number }> {
    const [status, holder, planned] = (await claimPlan.run(this.redis, [this.keys.broadcast(id)], [token])) as [string, string, string];
    return { status: toStatus(status), holder: holder === token, ...(planned ? { planned: Number(planned) } : {}) };
  }

  /** The status, and `planned` once the plan has fixed it. */
  async planState(id: string): Promise<{ status?: BroadcastStatus; planned?: number }> {
    const [status, planned] = await this.redis.hmGet(this.keys.broadcast(id), ['status', 'planned']);
    return { status: toStatus(status), ...(planned ? { planned: Number(planned) } : {}) };
  }

  async markPlanned(id: string, planned: number, now: Date): Promise<BroadcastStatus | undefined> {
    return toStatus(await markPlanned.run(this.redis, [this.keys.broadcast(id)], [planned, now.toISOString()]));
  }

  /** Counts one recipient once; 'ended' when it was the last one. */
  async recordOutcome(id: string, record: OutcomeRecord, now: Date): Promise<'duplicate' | 'counted' | 'ended'> {
    const entry = {
      at: now.toISOString(),
      user: this.hashUser(record.userId),
      outcome: record.outcome,
      ...(record.reason ? { reason: record.reason } : {}),
      ...record.detail,
    };
    const result = await recordOutcome.run(
      this.redis,
      [this.keys.broadcast(id), this.keys.broadcastFinished(id), this.keys.broadcastLog(id)],
      [record.userId, record.outcome, record.reason ?? '', JSON.stringify(entry), this.logDays * 86_400, now.toISOString()],
    );
    return result as 'duplicate' | 'counted' | 'ended';
  }

  /** Ends a broadcast not yet ended (cancelled, or a recurring one past its last run); returns its former status. */
  async end(id: string, status: 'cancelled' | 'done', now: Date): Promise<BroadcastStatus | undefined> {
    return toStatus(await end.run(this.redis, [this.keys.broadcast(id)], [now.toISOString(), status]));
  }

  async setLatestOccurrence(parentId: string, occurrenceId: string): Promise<void> {
    await this.redis.hSet(this.keys.broadcast(parentId), 'latestOccurrence', occurrenceId);
  }

  /** The delivery log, oldest first (user ids hashed). */
  async deliveryLog(id: string, offset: number, count: number): Promise<unknown[]> {
    return (await this.redis.lRange(this.keys.broadcastLog(id), offset, offset + count - 1)).map((e) => JSON.parse(e) as unknown);
  }

  async audit(
    action: 'create' | 'plan' | 'plan_failed' | 'cancel' | 'done',
    id: string,
    actor: Actor | 'engine',
    detail: Record<string, unknown> = {},
  ): Promise<void> {
    const by =
      actor === 'engine'
        ? { kind: 'engine' }
        : { kind: actor.kind, id: actor.kind === 'zalo' ? this.hashUser(actor.id) : actor.id, name: actor.name };
    await appendCapped(
      this.redis,
      this.keys.broadcastAudit,
      { at: new Date().toISOString(), action, broadcast: id, by, ...detail },
      AUDIT_KEPT,
    );
  }

  async auditLog(count: number): Promise<unknown[]> {
    return (await this.redis.lRange(this.keys.broadcastAudit, 0, count - 1)).map((e) => JSON.parse(e) as unknown);
  }
}

function toStatus(value: unknown): BroadcastStatus | undefined {
  return BROADCAST_STATUSES.find((s) => s === value);
}

function toBroadcast(hash: Record<string, string>): Broadcast | undefined {
  if (!hash.content) return undefined;
  const content = JSON.parse(hash.content) as BroadcastContent;
  const count = (field: string) => Number(hash[field] ?? 0);
  const skipReasons: Record<string, number> = {};
  for (const [field, value] of Object.entries(hash))
    if (field.startsWith(SKIP_PREFIX)) skipReasons[field.slice(SKIP_PREFIX.length)] = Number(value);
  return {
    ...content,
    status: toStatus(hash.status) ?? 'scheduled',
    counts: { planned: count('planned'), ...Object.fromEntries(OUTCOMES.map((o) => [o, count(o)])) } as Broadcast['counts'],
    skipReasons,
    ...(hash.startedAt ? { startedAt: hash.startedAt } : {}),
    ...(hash.finishedAt ? { finishedAt: hash.finishedAt } : {}),
    ...(hash.cancelledAt ? { cancelledAt: hash.cancelledAt } : {}),
    ...(hash.latestOccurrence ? { latestOccurrence: hash.latestOccurrence } : {}),
  };
}
