/**
 * Queue names and their job payloads: every BullMQ queue of the service is declared here, so a
 * job's shape is known wherever it is produced or consumed.
 */
import { Queue, type ConnectionOptions, type JobsOptions } from 'bullmq';

export const QueueName = {
  /** One job per accepted webhook event: "drain this user's inbox". */
  Inbound: 'inbound',
  /** Periodic upkeep: token refresh. */
  Maintenance: 'maintenance',
  /** A dossier's status changed: one fan-out job, then one job per follower. */
  DossierNotices: 'dossier-notices',
} as const;
export type QueueName = (typeof QueueName)[keyof typeof QueueName];

export interface InboundJob {
  userId: string;
}

export type DossierNoticeJob =
  | { kind: 'changed'; code: string; status: number }
  | { kind: 'notify'; code: string; status: number; userId: string };

/** Per-follower jobs are idempotent by id (code, status, user): a retried fan-out sends nothing twice. */
export const DOSSIER_NOTICE_JOB_OPTIONS: JobsOptions = {
  removeOnComplete: { age: 7 * 24 * 3600 },
  removeOnFail: { age: 30 * 24 * 3600 },
  attempts: 6,
  backoff: { type: 'exponential', delay: 2000 },
};

/** The fan-out job for one status change; its id keeps one change one job, whoever reports it. */
export function dossierChangedJob(code: string, status: number, at: number) {
  return {
    name: 'changed',
    data: { kind: 'changed' as const, code, status },
    opts: { ...DOSSIER_NOTICE_JOB_OPTIONS, jobId: `dc-${code.replace(/[^A-Za-z0-9]/g, '_')}-${status}-${at}` },
  };
}

export const MaintenanceJob = {
  RefreshToken: 'refresh-token',
  /** Re-queues drains for inboxes whose job was lost (retries exhausted in a long outage). */
  SweepInboxes: 'sweep-inboxes',
  /** Reads followed dossiers from the provincial system, so its status changes notify followers. */
  SyncFollowedDossiers: 'sync-followed-dossiers',
} as const;

export interface QueueFactoryOptions {
  connection: ConnectionOptions;
  prefix: string;
}

export function createQueue<T>(name: QueueName, options: QueueFactoryOptions, defaultJobOptions?: JobsOptions) {
  return new Queue<T>(name, { connection: options.connection, prefix: options.prefix, defaultJobOptions });
}

/**
 * Finished inbound jobs are dropped soon: the seen-set, not the job id, dedupes retries. A drain
 * that cannot proceed (Redis or Zalo unreachable) retries for about half an hour before the
 * sweeper takes over.
 */
export const INBOUND_JOB_OPTIONS: JobsOptions = {
  removeOnComplete: { age: 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
  attempts: 12,
  backoff: { type: 'exponential', delay: 1000 },
};

/** Scheduled upkeep leaves no trail of finished jobs. */
export const MAINTENANCE_JOB_OPTIONS: JobsOptions = {
  removeOnComplete: true,
  removeOnFail: { count: 100 },
};
