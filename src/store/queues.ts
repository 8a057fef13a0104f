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
  /** A broadcast due now (delayed to its `sendAt`, or one run of a recurring one): expands its audience. */
  BroadcastPlan: 'broadcast-plan',
  /** One job per recipient of a broadcast, under one global rate limit. */
  BroadcastDelivery: 'broadcast-delivery',
  /** Tickets to the village teams: offers to members, service-level checks, answers from the API. */
  Tickets: 'tickets',
} as const;
export type QueueName = (typeof QueueName)[keyof typeof QueueName];

export interface InboundJob {
  userId: string;
}

export type DossierNoticeJob =
  { kind: 'changed'; code: string; status: number } | { kind: 'notify'; code: string; status: number; userId: string };

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
    opts: { ...DOSSIER_NOTICE_JOB_OPTIONS, jobId: `dc-${jobIdPart(code)}-${status}-${at}` },
  };
}

/** One follower's notice of one status change; its id keeps a retried fan-out from sending twice. */
export function dossierNotifyJob(code: string, status: number, userId: string) {
  return {
    name: 'notify',
    data: { kind: 'notify' as const, code, status, userId },
    opts: { ...DOSSIER_NOTICE_JOB_OPTIONS, jobId: `dn-${jobIdPart(code)}-${status}-${userId}` },
  };
}

/** BullMQ refuses `:` in custom ids; a dossier code may hold any punctuation. */
const jobIdPart = (code: string) => code.replace(/[^A-Za-z0-9]/g, '_');

/** `cursor`: how far the SSCAN of the frozen audience got, so a restarted plan continues there. */
export interface BroadcastPlanJob {
  broadcastId: string;
  cursor?: string;
}

export interface BroadcastDeliveryJob {
  broadcastId: string;
  userId: string;
}

const DAY_S = 24 * 3600;

/** A plan is idempotent (a frozen audience, deterministic delivery ids): retrying it is safe. */
export const BROADCAST_PLAN_JOB_OPTIONS: JobsOptions = {
  removeOnComplete: { age: 7 * DAY_S },
  removeOnFail: { age: 30 * DAY_S },
  attempts: 10,
  backoff: { type: 'exponential', delay: 1000 },
};

export const broadcastPlanJobId = (broadcastId: string) => `plan-${broadcastId}`;
/** A recurring broadcast's BullMQ job scheduler: each run plans a new occurrence. */
export const broadcastSchedulerId = (broadcastId: string) => `broadcast-${broadcastId}`;

/** The plan job of a one-off broadcast, delayed to its `sendAt`; its id keeps one broadcast one plan. */
export function broadcastPlanJob(broadcastId: string, delayMs: number) {
  return {
    name: 'plan',
    data: { broadcastId } satisfies BroadcastPlanJob,
    opts: { ...BROADCAST_PLAN_JOB_OPTIONS, jobId: broadcastPlanJobId(broadcastId), delay: Math.max(0, delayMs) },
  };
}

/** The plan queue's other job: after a cancel, take the broadcast's waiting deliveries out of the queue. */
export const BROADCAST_PURGE = 'purge';

export function broadcastPurgeJob(broadcastId: string) {
  return {
    name: BROADCAST_PURGE,
    data: { broadcastId } satisfies BroadcastPlanJob,
    opts: { ...BROADCAST_PLAN_JOB_OPTIONS, jobId: `purge-${broadcastId}` },
  };
}

/**
 * One recipient of one broadcast. The id (BullMQ refuses `:` in custom ids) makes planning twice
 * add nothing, so finished jobs are kept a day, well past any broadcast's plan; the per-broadcast
 * set of counted recipients guards beyond that.
 */
export function broadcastDeliveryJob(broadcastId: string, userId: string) {
  return {
    name: 'deliver',
    data: { broadcastId, userId } satisfies BroadcastDeliveryJob,
    opts: {
      jobId: `${broadcastId}-${userId}`,
      removeOnComplete: { age: DAY_S },
      removeOnFail: { age: 7 * DAY_S },
      attempts: 5,
      backoff: { type: 'exponential', delay: 2000 },
    } satisfies JobsOptions,
  };
}

/**
 * Ticket jobs. `round` counts reopenings: a service-level check planned for an earlier round
 * finds the round changed and does nothing. `offer`'s `generation` names one offering of the
 * ticket (the round's first, an escalation, a pass, a release) so a retry or a second planning
 * offers nobody twice. `deliver` sends the ticket's history entry `index` (an answer written
 * through the API) to the citizen, and closes the ticket once sent when `close`. `notice` tells
 * the other side of a ticket about a change already made; `key` names that change, so a retried
 * inbound event queues its notice once.
 */
export type TicketJob =
  | { kind: 'offer'; ticketId: string; team: string; generation: string }
  | { kind: 'take-due'; ticketId: string; round: number }
  | { kind: 'answer-due'; ticketId: string; round: number }
  | { kind: 'deliver'; ticketId: string; index: number; close: boolean }
  | TicketNoticeJob;

export type TicketNoticeJob =
  | { kind: 'notice'; ticketId: string; key: string; to: 'citizen'; event: 'answer' | 'taken' | 'passed' | 'closed'; index?: number }
  | {
      kind: 'notice';
      ticketId: string;
      key: string;
      to: 'member';
      memberId: string;
      event: 'message' | 'withdrawn' | 'closed-by-citizen' | 'closed-by-api' | 'undelivered' | 'released';
      index?: number;
    };

const TICKET_JOB_OPTIONS: JobsOptions = {
  removeOnComplete: { age: 7 * 24 * 3600 },
  removeOnFail: { age: 30 * 24 * 3600 },
  attempts: 6,
  backoff: { type: 'exponential', delay: 2000 },
};

/** Ids keep each job one, however often it is planned or a retry plans it again (no `:` allowed). */
export function ticketJobId(job: TicketJob): string {
  switch (job.kind) {
    case 'offer':
      return `tk-${job.ticketId}-o${job.generation}`;
    case 'deliver':
      return `tk-${job.ticketId}-d${job.index}`;
    case 'notice':
      return `tk-${job.ticketId}-n${job.key}`;
    default:
      return `tk-${job.ticketId}-${job.kind}-${job.round}`;
  }
}

export function ticketJob(job: TicketJob, delayMs = 0) {
  return { name: job.kind, data: job, opts: { ...TICKET_JOB_OPTIONS, delay: Math.max(0, Math.round(delayMs)), jobId: ticketJobId(job) } };
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
