/**
 * The `tickets` queue's jobs, run on the follow-ups — offers to members, notices to the other side of a ticket, answers written through the API, and the service-level checks
 * (delayed by office time when planned; each re-reads the ticket when it fires, so a ticket taken
 * or answered meanwhile makes it a no-op). Outcomes are counted for the dashboards.
 */
import { Counter, type Registry } from 'prom-client';
import { QueueName, type TicketJob } from '../store/queues';
import type { TicketFollowUps } from '../domain/tickets/ticket-follow-ups';
import type { JobHandler } from './job-handler';

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

/** Few tickets, each job a handful of sends: a small concurrency keeps Zalo calls modest. */
export function ticketJobs(followUps: TicketFollowUps, registry: Registry): JobHandler<TicketJob> {
  const handle = createTicketJobHandler(followUps, createTicketCounter(registry));
  return {
    queue: QueueName.Tickets,
    concurrency: 4,
    run: (job) => handle(job.data),
    describe: (job) => ({ job: job.id, kind: job.data.kind }),
  };
}
