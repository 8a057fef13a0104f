/**
 * Plans broadcasts through the `broadcast-plan` queue: a one-off broadcast as one job delayed to
 * its `sendAt`; a recurring one as a BullMQ job scheduler (every N minutes, or a cron pattern in
 * Vietnam's time zone, from `sendAt` until `repeat.until`), each run planning a new occurrence;
 * after a cancel, a `purge` job that takes the waiting deliveries out of the delivery queue.
 */
import type { Queue } from 'bullmq';
import { isRecurring, type BroadcastContent } from '../domain/broadcasts/broadcast';
import { VIETNAM_TZ } from '../domain/broadcasts/repeat-cron';
import type { BroadcastScheduler } from '../domain/broadcasts/broadcast-service';
import {
  BROADCAST_PLAN_JOB_OPTIONS,
  broadcastPlanJob,
  broadcastPlanJobId,
  broadcastPurgeJob,
  broadcastSchedulerId,
  type BroadcastPlanJob,
} from '../store/queues';

export class QueueBroadcastScheduler implements BroadcastScheduler {
  constructor(
    private readonly plans: Queue<BroadcastPlanJob>,
    private readonly now: () => number = Date.now,
  ) {}

  async schedule(broadcast: BroadcastContent): Promise<void> {
    const at = broadcast.sendAt ? Date.parse(broadcast.sendAt) : this.now();
    const repeat = broadcast.repeat;
    if (repeat && isRecurring(broadcast)) {
      const every = repeat.every === undefined ? { pattern: repeat.cron, tz: VIETNAM_TZ } : { every: repeat.every * 60_000 };
      await this.plans.upsertJobScheduler(
        broadcastSchedulerId(broadcast.id),
        { ...every, startDate: at, ...(repeat.until ? { endDate: Date.parse(repeat.until) } : {}) },
        { name: 'plan', data: { broadcastId: broadcast.id }, opts: BROADCAST_PLAN_JOB_OPTIONS },
      );
      return;
    }
    const job = broadcastPlanJob(broadcast.id, at - this.now());
    await this.plans.add(job.name, job.data, job.opts);
  }

  async unschedule(broadcast: BroadcastContent): Promise<void> {
    if (isRecurring(broadcast)) {
      await this.plans.removeJobScheduler(broadcastSchedulerId(broadcast.id));
      return;
    }
    // A plan already running cannot be removed (it is locked): it sees the status and stops.
    await this.plans.remove(broadcastPlanJobId(broadcast.id)).catch(() => undefined);
  }

  async purge(broadcastId: string): Promise<void> {
    const job = broadcastPurgeJob(broadcastId);
    await this.plans.add(job.name, job.data, job.opts);
  }

  /** When the schedule runs next (undefined: it has ended). */
  async nextRun(broadcastId: string): Promise<number | undefined> {
    const scheduler = await this.plans.getJobScheduler(broadcastSchedulerId(broadcastId));
    return scheduler?.next ?? undefined;
  }
}
