/**
 * Every BullMQ worker of the service is built here, from the handlers the composition root
 * chooses: the same stall settings, failure logging and metrics for each, and no start at all
 * when a chosen queue has no handler or two handlers claim one queue.
 *
 * Stalls: a killed worker's jobs are taken over once their lock lapses (20 s) at the next stalled
 * check (10 s); a high maxStalledCount keeps them running instead of failing after one stall.
 */
import { Worker } from 'bullmq';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics';
import type { QueueFactoryOptions, QueueName } from '../store/queues';
import type { JobHandler } from './job-handler';

const STALL_SETTINGS = { lockDuration: 20_000, stalledInterval: 10_000, maxStalledCount: 10 } as const;

export interface WorkersDeps {
  queueOptions: QueueFactoryOptions;
  logger: Logger;
  metrics: Pick<Metrics, 'jobs'>;
}

export interface Workers {
  running(): boolean;
  close(): Promise<void>;
}

/** The handler of each queue in `queues`; throws on a duplicate handler or a queue no handler serves. */
export function chooseHandlers(handlers: readonly JobHandler[], queues: readonly QueueName[]): JobHandler[] {
  const byQueue = new Map<QueueName, JobHandler>();
  for (const handler of handlers) {
    if (byQueue.has(handler.queue)) throw new Error(`two handlers for queue ${handler.queue}`);
    byQueue.set(handler.queue, handler);
  }
  return queues.map((queue) => {
    const handler = byQueue.get(queue);
    if (!handler) throw new Error(`no handler for queue ${queue}`);
    return handler;
  });
}

export function startWorkers(handlers: readonly JobHandler[], queues: readonly QueueName[], deps: WorkersDeps): Workers {
  const workers = chooseHandlers(handlers, queues).map((handler) => startWorker(handler, deps));
  return {
    running: () => workers.every((worker) => worker.isRunning()),
    close: async () => {
      await Promise.all(workers.map((worker) => worker.close()));
    },
  };
}

function startWorker(handler: JobHandler, { queueOptions, logger, metrics }: WorkersDeps): Worker {
  const worker = new Worker(handler.queue, (job, token) => handler.run(job, token), {
    ...queueOptions,
    ...STALL_SETTINGS,
    concurrency: handler.concurrency,
  });
  worker.on('completed', () => metrics.jobs.inc({ queue: handler.queue, outcome: 'completed' }));
  worker.on('failed', (job, err) => {
    metrics.jobs.inc({ queue: handler.queue, outcome: 'failed' });
    if (!job) return logger.warn({ queue: handler.queue, err: err.message }, 'job failed');
    const about = { queue: handler.queue, attempts: job.attemptsMade, ...(handler.describe ? handler.describe(job) : { job: job.id }) };
    logger.warn({ ...about, err: err.message }, 'job failed');
    handler.failed?.(job, err).catch((e: Error) => logger.error({ ...about, err: e.message }, 'job failure could not be recorded'));
  });
  worker.on('error', (err) => logger.debug({ queue: handler.queue, err: err.message }, 'worker error'));
  return worker;
}
