/**
 * The plan of a broadcast (a `broadcast-plan` job, due at its `sendAt`): freezes the audience into
 * a set, sets `planned`, then walks the set with SSCAN page by page into one delivery job per
 * recipient. The SSCAN cursor is saved in the job's data after each page, so a plan restarted
 * after a crash continues where it was; delivery job ids (`<broadcast>-<user>`) make a page added
 * twice add nothing. A recurring broadcast's run first creates its occurrence (its own id and
 * counts), then plans that.
 */
import type { Job, Queue } from 'bullmq';
import type { Logger } from '../logger';
import type { Keys } from '../store/keys';
import type { RedisClient } from '../store/redis';
import { broadcastDeliveryJob, type BroadcastDeliveryJob, type BroadcastPlanJob } from '../store/queues';
import { isFinal, isRecurring, type Broadcast, type BroadcastContent } from '../domain/broadcasts/broadcast';
import type { AudienceResolver } from '../domain/broadcasts/audience';
import type { BroadcastStore } from '../domain/broadcasts/broadcast-store';

export interface BroadcastPlanDeps {
  store: BroadcastStore;
  audience: AudienceResolver;
  deliveries: Queue<BroadcastDeliveryJob>;
  redis: RedisClient;
  keys: Keys;
  logger: Logger;
  /** A recurring broadcast's schedule: when it runs next, and stopping it. */
  scheduler: { nextRun(broadcastId: string): Promise<number | undefined>; unschedule(broadcast: BroadcastContent): Promise<void> };
  /** Recipients per SSCAN page and addBulk call. @defaultValue 1000 */
  pageSize?: number;
  now?: () => number;
}

export function createBroadcastPlanner(deps: BroadcastPlanDeps) {
  const now = deps.now ?? Date.now;
  const pageSize = deps.pageSize ?? 1000;

  /** Freezes the audience once (a re-run finds the broadcast already sending). */
  async function start(b: Broadcast): Promise<string | undefined> {
    if (b.status !== 'scheduled') return b.status;
    const planned = await deps.audience.freeze(b.audience, deps.keys.broadcastAudience(b.id));
    const status = await deps.store.markPlanned(b.id, planned, new Date(now()));
    await deps.store.audit('plan', b.id, 'engine', { planned });
    if (status === 'done') await deps.store.audit('done', b.id, 'engine', { planned: 0 });
    return status;
  }

  async function expand(job: Job<BroadcastPlanJob>, b: Broadcast) {
    const status = await start(b);
    const audienceKey = deps.keys.broadcastAudience(b.id);
    let cursor = job.data.cursor ?? '0';
    let enqueued = 0;
    if (status === 'sending') {
      do {
        const page = await deps.redis.sScan(audienceKey, cursor, { COUNT: pageSize });
        const jobs = page.members.map((userId) => broadcastDeliveryJob(b.id, userId));
        if (jobs.length) await deps.deliveries.addBulk(jobs);
        enqueued += jobs.length;
        cursor = page.cursor;
        await job.updateData({ ...job.data, cursor });
        if ((await deps.store.status(b.id)) === 'cancelled') break;
      } while (cursor !== '0');
    }
    // Every recipient is in a delivery job now (or the broadcast ended): the frozen set has done its work.
    await deps.redis.del(audienceKey);
    return { broadcast: b.id, status, enqueued };
  }

  /** The schedule ran its last run: the recurring broadcast is done. */
  async function finish(parent: Broadcast, lastOccurrence?: string) {
    await deps.scheduler.unschedule(parent);
    await deps.store.end(parent.id, 'done', new Date(now()));
    await deps.store.audit('done', parent.id, 'engine', lastOccurrence ? { lastOccurrence } : {});
  }

  /**
   * One run of a recurring broadcast: an occurrence named by the run's scheduled time. BullMQ
   * schedules the next run when this one starts, without checking it against `endDate`, and adds
   * none once `endDate` has passed (the scheduler then still shows this run as next): so a run past
   * `until` plans nothing, and a run whose successor is missing or past `until` is the last.
   */
  async function runOccurrence(job: Job<BroadcastPlanJob>, parent: Broadcast) {
    const runAt = job.opts.prevMillis ?? job.timestamp;
    const until = parent.repeat?.until ? Date.parse(parent.repeat.until) : undefined;
    if (until !== undefined && runAt > until) {
      await finish(parent);
      return { broadcast: parent.id, status: 'done' };
    }
    const { status: _s, counts: _c, skipReasons: _r, startedAt: _b, finishedAt: _f, cancelledAt: _x, latestOccurrence: _l, repeat: _p, sendAt: _t, ...content } = parent;
    const occurrence = { ...content, id: `${parent.id}-${runAt}`, parentId: parent.id, createdAt: new Date(now()).toISOString() };
    await deps.store.create(occurrence);
    await deps.store.setLatestOccurrence(parent.id, occurrence.id);
    const result = await expand(job, (await deps.store.get(occurrence.id))!);
    const next = await deps.scheduler.nextRun(parent.id);
    if (until !== undefined && (next === undefined || next <= runAt || next > until)) await finish(parent, occurrence.id);
    return result;
  }

  return async function plan(job: Job<BroadcastPlanJob>) {
    const b = await deps.store.get(job.data.broadcastId);
    if (!b || isFinal(b.status)) return { broadcast: job.data.broadcastId, status: b?.status ?? 'unknown' };
    const result = isRecurring(b) ? await runOccurrence(job, b) : await expand(job, b);
    deps.logger.info(result, 'broadcast planned');
    return result;
  };
}
