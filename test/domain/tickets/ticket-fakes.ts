/**
 * The Zalo side of the tickets, scripted for tests: a notifier that records what it was
 * asked to send (and can refuse or fail), and a job queue kept in memory that — like BullMQ —
 * keeps one job per id and hands queued jobs to the real job handler when a test says so.
 */
import type { TicketJob } from '../../../src/store/queues';
import { ticketJobId } from '../../../src/store/queues';
import type { CitizenNotice, MemberNotice, TicketNotifier } from '../../../src/domain/tickets/ticket-notifier';
import type { Ticket } from '../../../src/domain/tickets/ticket';
import type { Team } from '../../../src/domain/teams/team';

export type Sent = { to: string; ticket: string; kind: string; text?: string };

/** Records every send; `unreachable` users are refused as Zalo's 7-day rule would, `failOnce` throws once. */
export class ScriptedNotifier implements TicketNotifier {
  sent: Sent[] = [];
  unreachable = new Set<string>();
  failOnce = new Set<string>();
  officers: string[] = [];

  private attempt(to: string, ticket: Ticket, kind: string, text?: string): boolean {
    const key = `${to}/${kind}`;
    if (this.failOnce.delete(key) || this.failOnce.delete(to)) throw new Error(`Zalo error sending ${kind}`);
    if (this.unreachable.has(to)) return false;
    this.sent.push({ to, ticket: ticket.id, kind, ...(text ? { text } : {}) });
    return true;
  }
  /** Unreachable users our ledger still thinks reachable (Zalo refuses them nonetheless). */
  looksReachable = new Set<string>();
  async reachable(memberId: string) {
    return !this.unreachable.has(memberId) || this.looksReachable.has(memberId);
  }
  async offer(memberId: string, ticket: Ticket, team: Team) {
    return this.attempt(memberId, ticket, `offer:${team.key}`);
  }
  async toCitizen(ticket: Ticket, notice: CitizenNotice) {
    return this.attempt(ticket.citizenId, ticket, notice.kind, notice.kind === 'answer' ? notice.message.text : undefined);
  }
  async toMember(memberId: string, ticket: Ticket, notice: MemberNotice) {
    return this.attempt(memberId, ticket, notice.kind, notice.kind === 'message' ? notice.message.text : undefined);
  }
  async toOfficers(ticket: Ticket) {
    return this.officers.filter((o) => this.attempt(o, ticket, 'late')).length;
  }
  to(user: string, kind?: string): Sent[] {
    return this.sent.filter((s) => s.to === user && (!kind || s.kind === kind));
  }
}

/** BullMQ as the service sees it: one job per id; `run` hands queued jobs to the real handler. */
export class MemoryJobs {
  queued: TicketJob[] = [];
  private readonly ids = new Set<string>();
  handler?: (job: TicketJob) => Promise<unknown>;
  /** Job kinds run as soon as they are added (a worker that is always idle). */
  runAtOnce = new Set<TicketJob['kind']>();

  /** Each job added, with its delay. */
  planned: Array<{ job: TicketJob; delayMs: number }> = [];

  async add(job: TicketJob, delayMs = 0): Promise<void> {
    const id = ticketJobId(job);
    this.planned.push({ job, delayMs });
    if (this.ids.has(id)) return;
    this.ids.add(id);
    if (this.runAtOnce.has(job.kind)) await this.handler!(job);
    else this.queued.push(job);
  }
  /** Runs the queued jobs of these kinds (and those they queue) until none is left. */
  async run(kinds: TicketJob['kind'][] = ['offer', 'notice', 'deliver']): Promise<void> {
    for (let job = this.next(kinds); job; job = this.next(kinds)) await this.handler!(job);
  }
  of(kind: TicketJob['kind'], ticketId?: string): TicketJob[] {
    return this.queued.filter((j) => j.kind === kind && (!ticketId || j.ticketId === ticketId));
  }
  private next(kinds: TicketJob['kind'][]): TicketJob | undefined {
    const index = this.queued.findIndex((j) => kinds.includes(j.kind));
    return index < 0 ? undefined : this.queued.splice(index, 1)[0];
  }
}
