/**
 * What a queue's worker runs: one handler per queue, declared where its job is understood and
 * started by `startWorkers` with the settings every worker shares.
 */
import type { Job } from 'bullmq';
import type { QueueName } from '../store/queues';

export interface JobHandler<T = unknown> {
  queue: QueueName;
  concurrency: number;
  /** Runs one job; `token` is the worker's lock on it (for moving it to delayed). */
  run(job: Job<T>, token?: string): Promise<unknown>;
  /** What identifies a job in log lines, instead of its id (user ids hashed, never in clear). */
  describe?(job: Job<T>): Record<string, unknown>;
  /** After a failed attempt (its last one when `job.attemptsMade >= job.opts.attempts`). */
  failed?(job: Job<T>, err: Error): Promise<void>;
}
