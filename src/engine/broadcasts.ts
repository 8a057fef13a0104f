/**
 * The broadcasts both roles share: `createBroadcasts` gives the web role (API) and the worker role
 * (in-chat composer, and the jobs in src/jobs/broadcast-jobs.ts) the same service over the same queues.
 */
import type { Keys } from '../store/keys';
import type { RedisClient } from '../store/redis';
import { createQueue, QueueName, type QueueFactoryOptions, type BroadcastDeliveryJob, type BroadcastPlanJob } from '../store/queues';
import type { Logger } from '../logger';
import type { CommuneProfile } from '../domain/commune/commune-profile';
import { AudienceResolver } from '../domain/broadcasts/audience';
import { BroadcastStore } from '../domain/broadcasts/broadcast-store';
import { BroadcastService } from '../domain/broadcasts/broadcast-service';
import { QueueBroadcastScheduler } from './broadcast-scheduler';

export interface BroadcastPartsDeps {
  redis: RedisClient;
  keys: Keys;
  queueOptions: QueueFactoryOptions;
  commune: CommuneProfile;
  logDays: number;
  hashUser: (userId: string) => string;
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
  for (const queue of [planQueue, deliveryQueue])
    queue.on('error', (err) => deps.logger.debug({ queue: queue.name, err: err.message }, 'broadcast queue error'));
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
