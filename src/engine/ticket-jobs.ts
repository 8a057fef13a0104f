/**
 * The `tickets` queue: the producer the ticket commands write to, and the worker that runs its
 * jobs on the follow-ups — offers to members, notices to the other side of a ticket, answers written through the API, and the service-level checks
 * (delayed by office time when planned; each re-reads the ticket when it fires, so a ticket taken
 * or answered meanwhile makes it a no-op). Outcomes are counted for the dashboards.
 */
import { Worker, type ConnectionOptions, type Queue } from 'bullmq';
import { Counter, type Registry } from 'prom-client';
import type { Logger } from '../logger';
import { QueueName, ticketJob, type TicketJob } from '../store/queues';
import type { TicketJobs } from '../domain/tickets/ticket-trail';
import type { TicketFollowUps } from '../domain/tickets/ticket-follow-ups';

export function queueTicketJobs(queue: Queue<TicketJob>): TicketJobs {
  return {
    add: async (job, delayMs) => {
      const { name, data, opts } = ticketJob(job, delayMs);
      await queue.add(name, data, opts);
    },
  };
}

export function createTicketCounter(registry: Registry) {
  return new Counter({
    name: 'zoa_ticket_events_total',
    help: 'Ticket jobs by outcome: offered, unreachable (nobody in the team could be reached), escalated, late, late_no_officer, delivered, not_delivered (answers through the API), notice_sent, notice_not_sent (notices to the other side of a ticket)',
    labelNames: ['event'] as const,
    registers: [registry],
  });
}

export function createTicketJobHandler(followUps: TicketFollowUps, counter: ReturnType<typeof createTicketCounter>) {
  return async (job: TicketJob): Promise<unknown> => {
    switch (job.kind) {
      case 'offer': {
        const result = await followUps.offer(job.ticketId, job.team, job.generation);
        counter.inc({ event: result.reached ? 'offered' : 'unreachable' });
        return result;
      }
      case 'take-due': {
        const outcome = await followUps.takeDue(job.ticketId, job.round);
        if (outcome === 'escalated') counter.inc({ event: 'escalated' });
        return { outcome };
      }
      case 'answer-due': {
        const result = await followUps.answerDue(job.ticketId, job.round);
        if (result.outcome === 'late') counter.inc({ event: result.officersTold ? 'late' : 'late_no_officer' });
        return result;
      }
      case 'deliver': {
        const delivered = await followUps.deliver(job.ticketId, job.index, job.close);
        counter.inc({ event: delivered ? 'delivered' : 'not_delivered' });
        return { delivered };
      }
      case 'notice': {
        const sent = await followUps.notice(job);
        counter.inc({ event: sent ? 'notice_sent' : 'notice_not_sent' });
        return { sent };
      }
    }
  };
}

export interface TicketWorkerOptions {
  connection: ConnectionOptions;
  prefix: string;
}

export function startTicketWorker(handle: (job: TicketJob) => Promise<unknown>, options: TicketWorkerOptions, logger: Logger): Worker<TicketJob> {
  // Few tickets, each job a handful of sends: a small concurrency keeps Zalo calls modest.
  const worker = new Worker<TicketJob>(QueueName.Tickets, (job) => handle(job.data), { ...options, concurrency: 4 });
  worker.on('failed', (job, err) => logger.warn({ job: job?.id, kind: job?.data.kind, err: err.message }, 'ticket job failed'));
  worker.on('error', (err) => logger.debug({ err: err.message }, 'ticket worker error'));
  return worker;
}
