/**
 * The broadcast jobs of a worker process: the plan queue (expands a due broadcast's audience into
 * deliveries, and purges a cancelled one's) and the delivery queue (one recipient each).
 *
 * Rate: one global limit on the delivery queue, across every worker process. BullMQ counts fixed
 * windows (docs/zalo-platform.md, engine notes), so the ceiling is spread over windows of about
 * 100 ms or more, chosen so that the busiest sliding second stays within max(rate × 1.1, rate + 1).
 */
import type { Job } from 'bullmq';
import { hashId, type Logger } from '../logger';
import type { Keys } from '../store/keys';
import type { RedisClient } from '../store/redis';
import { BROADCAST_PURGE, QueueName, type BroadcastDeliveryJob, type BroadcastPlanJob } from '../store/queues';
import type { ZaloOaClient } from '../edge/zalo/oa-client';
import type { BroadcastParts } from '../engine/broadcasts';
import { createBroadcastPlanner } from './broadcast-plan';
import { createBroadcastPurger } from './broadcast-purge';
import { countExhausted, createBroadcastDeliveryHandler, type BroadcastDeliveryOptions } from './broadcast-delivery';
import { delayUntilMorning } from './night-ban';
import type { JobHandler } from './job-handler';

const PLAN_CONCURRENCY = 2;

/**
 * `max` jobs per `duration` ms (whole ms), never faster than the rate on average. A sliding second
 * can touch ceil(1000 / duration) + 1 back-to-back windows, each full, so the busiest second holds
 * max × that; the largest `max` up to rate/10 that keeps it within max(rate × 1.1, rate + 1) is
 * taken (max 1 always fits: ceil(1000 / ceil(1000 / rate)) + 1 ≤ rate + 1).
 */
export function rateLimitWindow(ratePerSec: number): { max: number; duration: number } {
  const ceiling = Math.max(ratePerSec * 1.1, ratePerSec + 1);
  for (let max = Math.max(1, Math.floor(ratePerSec / 10)); ; max -= 1) {
    const duration = Math.ceil((1000 * max) / ratePerSec);
    if (max === 1 || max * (Math.ceil(1000 / duration) + 1) <= ceiling) return { max, duration };
  }
}

export interface BroadcastJobsDeps {
  parts: BroadcastParts;
  /** A Zalo client without retries of its own (attempts 1): deliveries retry through BullMQ. */
  client: ZaloOaClient;
  redis: RedisClient;
  keys: Keys;
  logger: Logger;
}

export interface BroadcastJobsOptions extends BroadcastDeliveryOptions {
  ratePerSec: number;
  concurrency: number;
}

/** The plan and delivery handlers; sets the delivery queue's global rate limit first. */
export async function broadcastJobs(deps: BroadcastJobsDeps, options: BroadcastJobsOptions): Promise<JobHandler[]> {
  const { parts, logger } = deps;
  const window = rateLimitWindow(options.ratePerSec);
  await parts.deliveryQueue.setGlobalRateLimit(window.max, window.duration);

  const plan = createBroadcastPlanner({
    store: parts.store,
    audience: parts.audience,
    deliveries: parts.deliveryQueue,
    redis: deps.redis,
    keys: deps.keys,
    logger,
    scheduler: parts.scheduler,
    now: options.now,
  });
  const purge = createBroadcastPurger({ store: parts.store, deliveries: parts.deliveryQueue, now: options.now });
  const planner: JobHandler<BroadcastPlanJob> = {
    queue: QueueName.BroadcastPlan,
    concurrency: PLAN_CONCURRENCY,
    run: (job) => (job.name === BROADCAST_PURGE ? purge(job) : plan(job)),
    describe: (job) => ({ job: job.id, broadcast: job.data.broadcastId }),
    // A plan that spent its last attempt ends its broadcast as failed instead of leaving it running.
    failed: async (job, err) => {
      if (job.name !== BROADCAST_PURGE && job.attemptsMade >= (job.opts.attempts ?? 1)) await plan.abandon(job, err);
    },
  };

  const deliver = createBroadcastDeliveryHandler(
    {
      store: parts.store,
      client: deps.client,
      redis: deps.redis,
      keys: deps.keys,
      logger,
      pauseQueue: (ms) => parts.deliveryQueue.rateLimit(ms),
    },
    options,
  );
  const delivery: JobHandler<BroadcastDeliveryJob> = {
    queue: QueueName.BroadcastDelivery,
    concurrency: options.concurrency,
    run: (job: Job<BroadcastDeliveryJob>, token?: string) =>
      delayUntilMorning(job, token, () => deliver(job.data, { final: job.attemptsMade + 1 >= (job.opts.attempts ?? 1) })),
    // Job ids carry user ids (`<broadcast>-<user>`): logs name the broadcast and the hashed user.
    describe: (job) => ({ broadcast: job.data.broadcastId, user: hashId(job.data.userId) }),
    failed: async (job, err) => {
      await countExhausted(parts.store, job, err, new Date(options.now?.() ?? Date.now()));
    },
  };
  return [planner, delivery];
}
