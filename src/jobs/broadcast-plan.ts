/**
 * The plan of a broadcast (a `broadcast-plan` job, due at its `sendAt`): freezes the audience into
 * a set, sets `planned`, then walks the set with SSCAN page by page into one delivery job per
 * recipient. The SSCAN cursor is saved in the job's data after each page, so a plan restarted
 * after a crash continues where it was; delivery job ids (`<broadcast>-<user>`) make a page added
 * twice add nothing. Only the run holding the plan (`claimPlan`, by job id) freezes and walks:
 * a second run can never re-freeze the set once `planned` is fixed. A cancel mid-way counts the
 * rest of the set `cancelled`, so the counts still reach `planned`. A recurring broadcast's run
 * first creates its occurrence (its own id and counts), then plans that.
 */
import { randomBytes } from 'node:crypto';
import type { Job, Queue } from 'bullmq';
import type { Logger } from '../logger';
import type { Keys } from '../store/keys';
import type { RedisClient } from '../store/redis';
import { broadcastDeliveryJob, type BroadcastDeliveryJob, type BroadcastPlanJob } from '../store/queues';
import {
  initialStatus,
  isFinal,
  isRecurring,
  type Broadcast,
  type BroadcastContent,
  type BroadcastStatus,
} from '../domain/broadcasts/broadcast';
import type { AudienceResolver } from '../domain/broadcasts/audience';
import type { BroadcastStore, OutcomeRecord } from '../domain/broadcasts/broadcast-store';

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

/** What a plan job needs to be told apart from another run and resumed: its id, data and timing. */
type PlanJob = Pick<Job<BroadcastPlanJob>, 'id' | 'data' | 'opts' | 'timestamp' | 'updateData'>;

export function createBroadcastPlanner(deps: BroadcastPlanDeps) {
  const now = deps.now ?? Date.now;
  const pageSize = deps.pageSize ?? 1000;

  /**
   * Claims the plan and, if this run holds it and the broadcast is not planned yet (`scheduled`,
   * or `sending` since its creation) nor ended, freezes the audience. A run that does not hold it
   * does nothing; the holder re-run after a crash resumes. `planned` only once it is stored: a
   * cancel that came while the audience froze leaves nothing planned, so nothing to count.
   */
  async function start(b: Broadcast, token: string): Promise<{ status?: BroadcastStatus; holder: boolean; planned?: number }> {
    const claim = await deps.store.claimPlan(b.id, token);
    if (!claim.holder || claim.planned !== undefined || !claim.status || isFinal(claim.status)) return claim;
    const planned = await deps.audience.freeze(b.audience, deps.keys.broadcastAudience(b.id));
    const status = await deps.store.markPlanned(b.id, planned, new Date(now()));
    if (status === 'cancelled') return { status, holder: true };
    await deps.store.audit('plan', b.id, 'engine', { planned });
    if (status === 'done') await deps.store.audit('done', b.id, 'engine', { planned: 0 });
    return { status, holder: true, planned };
  }

  /** Counts every member of the frozen set from `cursor` on (already counted ones are skipped by the store). */
  async function countRest(id: string, cursor: string, record: Omit<OutcomeRecord, 'userId'>): Promise<number> {
    const audienceKey = deps.keys.broadcastAudience(id);
    let counted = 0;
    do {
      const page = await deps.redis.sScan(audienceKey, cursor, { COUNT: pageSize });
      const results = await Promise.all(page.members.map((userId) => deps.store.recordOutcome(id, { ...record, userId }, new Date(now()))));
      counted += results.filter((r) => r !== 'duplicate').length;
      if (results.includes('ended')) await deps.store.audit('done', id, 'engine');
      cursor = page.cursor;
    } while (cursor !== '0');
    return counted;
  }

  async function expand(job: PlanJob, b: Broadcast) {
    const { status, holder, planned } = await start(b, job.id ?? randomBytes(8).toString('hex'));
    if (!holder) return { broadcast: b.id, status, enqueued: 0, heldByAnotherRun: true };
    const audienceKey = deps.keys.broadcastAudience(b.id);
    let cursor = job.data.cursor ?? '0';
    let enqueued = 0;
    let current = status;
    if (current === 'sending') {
      do {
        const page = await deps.redis.sScan(audienceKey, cursor, { COUNT: pageSize });
        const jobs = page.members.map((userId) => broadcastDeliveryJob(b.id, userId));
        if (jobs.length) await deps.deliveries.addBulk(jobs);
        enqueued += jobs.length;
        cursor = page.cursor;
        await job.updateData({ ...job.data, cursor });
        current = await deps.store.status(b.id);
      } while (cursor !== '0' && current === 'sending');
    }
    // Cancelled before its turn, the rest of the set never becomes a delivery job: it is counted here
    // (all of it when a resumed plan finds the broadcast cancelled; the store skips who was counted).
    const restLeft = cursor !== '0' || status === 'cancelled';
    const cancelled =
      current === 'cancelled' && planned !== undefined && restLeft ? await countRest(b.id, cursor, { outcome: 'cancelled' }) : 0;
    // Every recipient is in a delivery job or counted now (or the broadcast ended): the frozen set has done its work.
    await deps.redis.del(audienceKey);
    return { broadcast: b.id, status: current, enqueued, ...(cancelled ? { cancelled } : {}) };
  }

  /** The schedule ran its last run: the recurring broadcast is done. */
  async function finish(parent: Broadcast, lastOccurrence?: string) {
    await deps.scheduler.unschedule(parent);
    await deps.store.end(parent.id, 'done', new Date(now()));
    await deps.store.audit('done', parent.id, 'engine', lastOccurrence ? { lastOccurrence } : {});
  }

  /** A run of a recurring broadcast is named by its scheduled time. */
  const occurrenceId = (parentId: string, job: PlanJob) => `${parentId}-${job.opts.prevMillis ?? job.timestamp}`;

  /**
   * One run of a recurring broadcast: an occurrence named by the run's scheduled time. BullMQ
   * schedules the next run when this one starts, without checking it against `endDate`, and adds
   * none once `endDate` has passed (the scheduler then still shows this run as next): so a run past
   * `until` plans nothing, and a run whose successor is missing or past `until` is the last.
   */
  async function runOccurrence(job: PlanJob, parent: Broadcast) {
    const runAt = job.opts.prevMillis ?? job.timestamp;
    const until = parent.repeat?.until ? Date.parse(parent.repeat.until) : undefined;
    if (until !== undefined && runAt > until) {
      await finish(parent);
      return { broadcast: parent.id, status: 'done' };
    }
    const {
      status: _s,
      counts: _c,
      skipReasons: _r,
      startedAt: _b,
      finishedAt: _f,
      cancelledAt: _x,
      latestOccurrence: _l,
      repeat: _p,
      sendAt: _t,
      ...content
    } = parent;
    const occurrence = { ...content, id: occurrenceId(parent.id, job), parentId: parent.id, createdAt: new Date(now()).toISOString() };
    await deps.store.create(occurrence, initialStatus(occurrence, now()));
    await deps.store.setLatestOccurrence(parent.id, occurrence.id);
    // A cancel that read the parent before its latest occurrence was set did not end this one.
    if ((await deps.store.status(parent.id)) === 'cancelled') {
      await deps.store.end(occurrence.id, 'cancelled', new Date(now()));
      await deps.store.audit('cancel', occurrence.id, 'engine', { parent: parent.id });
      return { broadcast: occurrence.id, status: 'cancelled', enqueued: 0 };
    }
    const result = await expand(job, (await deps.store.get(occurrence.id))!);
    const next = await deps.scheduler.nextRun(parent.id);
    if (until !== undefined && (next === undefined || next <= runAt || next > until)) await finish(parent, occurrence.id);
    return result;
  }

  async function plan(job: PlanJob) {
    const b = await deps.store.get(job.data.broadcastId);
    if (!b || (isRecurring(b) && isFinal(b.status))) return { broadcast: job.data.broadcastId, status: b?.status ?? 'unknown' };
    // A one-off broadcast that ended is still passed on: a plan resumed after a cancel counts the rest.
    const result = isRecurring(b) ? await runOccurrence(job, b) : await expand(job, b);
    deps.logger.info(result, 'broadcast planned');
    return result;
  }

  /**
   * A plan job that used its last attempt: the broadcast (a recurring one's occurrence) ends.
   * Never planned → cancelled; partly planned → the recipients never enqueued are counted
   * `failed`, so the counts still reach `planned`. Either way it is audited with the error.
   */
  async function abandon(job: PlanJob, err: Error) {
    const b = await deps.store.get(job.data.broadcastId);
    if (!b) return;
    const id = isRecurring(b) ? occurrenceId(b.id, job) : b.id;
    const { status, planned } = await deps.store.planState(id);
    if (!status || isFinal(status)) return;
    if (planned === undefined) await deps.store.end(id, 'cancelled', new Date(now()));
    await deps.store.audit('plan_failed', id, 'engine', { was: status, error: err.message });
    if (planned !== undefined) await countRest(id, job.data.cursor ?? '0', { outcome: 'failed', detail: { error: 'plan_failed' } });
    await deps.redis.del(deps.keys.broadcastAudience(id));
  }

  return Object.assign(plan, { abandon });
}
