/**
 * The `maintenance` queue: periodic upkeep, one repeatable job per task (BullMQ job schedulers,
 * so any number of worker processes schedule each task once). Every task has its run here by type,
 * so a scheduled job without one cannot be written.
 */
import type { Logger } from '../logger';
import { createQueue, MAINTENANCE_JOB_OPTIONS, type MaintenanceJob, QueueName, type QueueFactoryOptions } from '../store/queues';
import type { JobHandler } from './job-handler';

type MaintenanceTask = (typeof MaintenanceJob)[keyof typeof MaintenanceJob];

export interface MaintenanceTaskSpec {
  run(): Promise<unknown>;
  /** Omitted: not scheduled by this process (a job scheduled earlier still runs). */
  everyMs?: number;
}

export interface MaintenanceJobs {
  handler: JobHandler;
  close(): Promise<void>;
}

export async function maintenanceJobs(
  tasks: Record<MaintenanceTask, MaintenanceTaskSpec>,
  queueOptions: QueueFactoryOptions,
  logger: Logger,
): Promise<MaintenanceJobs> {
  const queue = createQueue(QueueName.Maintenance, queueOptions);
  queue.on('error', (err) => logger.debug({ err: err.message }, 'maintenance queue error'));
  for (const [name, task] of Object.entries(tasks)) {
    if (task.everyMs) await queue.upsertJobScheduler(name, { every: task.everyMs }, { name, opts: MAINTENANCE_JOB_OPTIONS });
  }
  const taskOf = (name: string) => (Object.hasOwn(tasks, name) ? tasks[name as MaintenanceTask] : undefined);
  return {
    handler: {
      queue: QueueName.Maintenance,
      concurrency: 1,
      describe: (job) => ({ job: job.name }),
      run: async (job) => {
        const task = taskOf(job.name);
        if (!task) throw new Error(`no handler for maintenance job ${job.name}`);
        return task.run();
      },
    },
    close: () => queue.close(),
  };
}
