/**
 * The `inbound` queue: one drain job per accepted webhook event hands the user's inbox, in order,
 * to the event handler. Also the inbox upkeep: a sweep re-queues inboxes whose job was lost, and
 * a reconnect to Redis triggers one.
 */
import { randomUUID } from 'node:crypto';
import { DelayedError, type Job, type Queue } from 'bullmq';
import type { Logger } from '../logger';
import type { RedisClient } from '../store/redis';
import { INBOUND_JOB_OPTIONS, QueueName, type InboundJob } from '../store/queues';
import type { StoredEvent, UserInbox } from '../engine/user-inbox';
import type { JobHandler } from './job-handler';

/** An inbox nobody owns for this long lost its drain job. */
export const STRANDED_AFTER_MS = 60_000;
/** How often a drain job looks again at an inbox an earlier run of it still owns (20 s at most). */
const OWNER_RECHECK_MS = 2000;
/** Events one drain run handles before the user goes to the back of the queue: fairness under load. */
const DRAIN_BUDGET = 4;
/** After Redis comes back, time for the drain jobs that survived the drop to take their inboxes. */
const RECOVERY_SWEEP_AFTER_MS = 3000;

export interface InboundJobsDeps {
  inbox: UserInbox;
  handle: (stored: StoredEvent) => Promise<void>;
  /** Producer of drain jobs (re-queued on shutdown, by the sweeper and after a reconnect). */
  queue: Queue<InboundJob>;
  concurrency: number;
  redis: RedisClient;
  logger: Logger;
}

export interface InboundJobs {
  handler: JobHandler<InboundJob>;
  /** Re-queues the inboxes waiting longer than `olderThanMs` with no owner. */
  sweep(olderThanMs: number, now?: number): Promise<{ requeued: number }>;
  /** Lets go of the inboxes being drained (they resume on another worker) and of the reconnect hook. */
  stop(): void;
}

export function inboundJobs(deps: InboundJobsDeps): InboundJobs {
  const { inbox, queue, logger } = deps;
  let stopping = false;
  const requeue = (userId: string, reason: string) =>
    queue.add('drain', { userId }, { ...INBOUND_JOB_OPTIONS, jobId: `${reason}-${userId}-${Date.now()}` });

  async function drain(job: Job<InboundJob>, token?: string) {
    const run = {
      userId: job.data.userId,
      jobId: job.id ?? job.name,
      runToken: token ?? randomUUID(),
      shouldStop: () => stopping,
      budget: DRAIN_BUDGET,
    };
    const outcome = await inbox.drain(run, deps.handle);
    if (outcome.status === 'retry') {
      // An earlier run of this job (it failed, or its worker died) still owns the inbox until its
      // ownership runs out: look again shortly, without spending an attempt or backing off further.
      await job.moveToDelayed(Date.now() + OWNER_RECHECK_MS, token);
      throw new DelayedError();
    }
    // Let go with events left (budget spent, shutting down, ownership lost): another run takes over.
    if (outcome.status === 'stopped' || outcome.status === 'lost') await requeue(job.data.userId, 'resume');
    return outcome;
  }

  async function sweep(olderThanMs: number, now = Date.now()) {
    const stranded = await inbox.stranded(olderThanMs, now);
    for (const userId of stranded) await requeue(userId, 'sweep');
    if (stranded.length) logger.warn({ count: stranded.length }, 're-queued stranded inboxes');
    return { requeued: stranded.length };
  }

  // A drop of the connection loses the replies in flight. A drain job that BullMQ moved to active
  // just then never reaches this worker, and its stalled check only brings it back once its lock
  // expires (20–40 s), while its user waits. So once Redis is back (the client's first `ready` came
  // before this role started) and the surviving jobs had time to take their inboxes, every inbox
  // that was waiting before the reconnect and has no owner gets a new job; a job that turns out
  // to be alive after all finds the inbox taken or empty.
  let recovery: ReturnType<typeof setTimeout> | undefined;
  const onReconnect = () => {
    const reconnectedAt = Date.now();
    clearTimeout(recovery);
    recovery = setTimeout(() => {
      sweep(0, reconnectedAt).catch((err: Error) => logger.warn({ err: err.message }, 'sweep after reconnect failed'));
    }, RECOVERY_SWEEP_AFTER_MS);
  };
  deps.redis.on('ready', onReconnect);

  return {
    handler: { queue: QueueName.Inbound, concurrency: deps.concurrency, run: drain },
    sweep,
    stop: () => {
      stopping = true;
      deps.redis.off('ready', onReconnect);
      clearTimeout(recovery);
    },
  };
}
