/**
 * Broadcast wiring shared by the roles: `createBroadcasts` gives the web role (API) and the worker
 * role (in-chat composer) the same service over the same queues; `startBroadcastWorkers` runs the
 * plan and delivery workers of a worker process.
 *
 * Rate: one global limit on the delivery queue, across every worker process. BullMQ counts fixed
 * windows (shared/engine-notes.md), so the ceiling is spread over windows of about 100 ms or more,
 * chosen so that the busiest sliding second stays within max(rate × 1.1, rate + 1) (rateLimitWindow).
 * Crash safety: a killed worker's deliveries are taken over once their lock lapses (20 s) at the
 * next stalled check (10 s); a high maxStalledCount keeps them running instead of failing.
 */
import { Worker, type Job } from 'bullmq';
import { hashId, type Logger } from '../logger';
import type { Keys } from '../store/keys';
import type { RedisClient, toQueueConnection } from '../store/redis';
import { BROADCAST_PURGE, createQueue, QueueName, type BroadcastDeliveryJob, type BroadcastPlanJob } from '../store/queues';
import type { ZaloOaClient } from '../edge/zalo/oa-client';
import type { CommuneProfile } from '../domain/commune/commune-profile';
import { AudienceResolver } from '../domain/broadcasts/audience';
import { BroadcastStore } from '../domain/broadcasts/broadcast-store';
import { BroadcastService } from '../domain/broadcasts/broadcast-service';
import { QueueBroadcastScheduler } from './broadcast-scheduler';
import { createBroadcastPlanner } from './broadcast-plan';
import { createBroadcastPurger } from './broadcast-purge';
import { countExhausted, createBroadcastDeliveryHandler, type BroadcastDeliveryOptions } from './broadcast-delivery';
import { delayUntilMorning } from './night-ban';

const STALL_SETTINGS = { lockDuration: 20_000, stalledInterval: 10_000, maxStalledCount: 10 } as const;
const PLAN_CONCURRENCY = 2;

export interface QueueOptions {
  connection: ReturnType<typeof toQueueConnection>;
  prefix: string;
}

export interface BroadcastPartsDeps {
  redis: RedisClient;
  keys: Keys;
  queueOptions: QueueOptions;
  commune: CommuneProfile;
  logDays: number;
  hashUser(userId: string): string;
  logger: Logger;
  now?: () => number;
}

export interface BroadcastParts {
  service: BroadcastService;
  store: BroadcastStore;
  audience: AudienceResolver;
  scheduler: QueueBroadcastScheduler;
  planQueue: ReturnType<typeof createQueue<BroadcastPlanJob>>;
  deliveryQueue: ReturnType<typeof createQueue<BroadcastDeliveryJob>>;
  close(): Promise<void>;
}

export function createBroadcasts(deps: BroadcastPartsDeps): BroadcastParts {
  const store = new BroadcastStore(deps.redis, deps.keys, deps.logDays, deps.hashUser);
  const audience = new AudienceResolver(deps.redis, deps.keys);
  const planQueue = createQueue<BroadcastPlanJob>(QueueName.BroadcastPlan, deps.queueOptions);
  const deliveryQueue = createQueue<BroadcastDeliveryJob>(QueueName.BroadcastDelivery, deps.queueOptions);
  for (const queue of [planQueue, deliveryQueue]) queue.on('error', (err) => deps.logger.debug({ queue: queue.name, err: err.message }, 'broadcast queue error'));
  const scheduler = new QueueBroadcastScheduler(planQueue, deps.now);
  const service = new BroadcastService({ store, audience, commune: deps.commune, scheduler, now: deps.now });
  return {
    service,
    store,
    audience,
    scheduler,
    planQueue,
    deliveryQueue,
    close: async () => {
      await Promise.all([planQueue.close(), deliveryQueue.close()]);
    },
  };
}

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

export interface BroadcastWorkersDeps {
  parts: BroadcastParts;
  /** A Zalo client without retries of its own (attempts 1). */
  client: ZaloOaClient;
  redis: RedisClient;
  keys: Keys;
  queueOptions: QueueOptions;
  logger: Logger;
}

export interface BroadcastWorkersOptions extends BroadcastDeliveryOptions {
  ratePerSec: number;
  concurrency: number;
}

export async function startBroadcastWorkers(deps: BroadcastWorkersDeps, options: BroadcastWorkersOptions) {
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
  const planner = new Worker<BroadcastPlanJob>(QueueName.BroadcastPlan, (job) => (job.name === BROADCAST_PURGE ? purge(job) : plan(job)), {
    ...deps.queueOptions,
    ...STALL_SETTINGS,
    concurrency: PLAN_CONCURRENCY,
  });

  const deliver = createBroadcastDeliveryHandler(
    { store: parts.store, client: deps.client, redis: deps.redis, keys: deps.keys, logger, pauseQueue: (ms) => parts.deliveryQueue.rateLimit(ms) },
    options,
  );
  const delivery = new Worker<BroadcastDeliveryJob>(
    QueueName.BroadcastDelivery,
    (job: Job<BroadcastDeliveryJob>, token?: string) =>
      delayUntilMorning(job, token, () => deliver(job.data, { final: job.attemptsMade + 1 >= (job.opts.attempts ?? 1) })),
    { ...deps.queueOptions, ...STALL_SETTINGS, concurrency: options.concurrency },
  );

  // Job ids carry user ids (`<broadcast>-<user>`): logs name the broadcast and the hashed user.
  planner.on('failed', (job, err) => {
    logger.warn({ queue: planner.name, broadcast: job?.data.broadcastId, attempts: job?.attemptsMade, err: err.message }, 'broadcast plan failed');
    if (job && job.name !== BROADCAST_PURGE && job.attemptsMade >= (job.opts.attempts ?? 1)) {
      plan.abandon(job, err).catch((e: Error) => logger.error({ broadcast: job.data.broadcastId, err: e.message }, 'broadcast plan could not be ended'));
    }
  });
  delivery.on('failed', (job, err) => {
    if (!job) return;
    const who = { queue: delivery.name, broadcast: job.data.broadcastId, user: hashId(job.data.userId), attempts: job.attemptsMade };
    logger.warn({ ...who, err: err.message }, 'broadcast delivery failed');
    countExhausted(parts.store, job, err, new Date(options.now?.() ?? Date.now())).catch((e: Error) => logger.error({ ...who, err: e.message }, 'broadcast delivery could not be counted'));
  });
  for (const worker of [planner, delivery]) worker.on('error', (err) => logger.debug({ queue: worker.name, err: err.message }, 'broadcast worker error'));
  return {
    running: () => planner.isRunning() && delivery.isRunning(),
    close: async () => {
      await Promise.all([planner.close(), delivery.close()]);
    },
  };
}
