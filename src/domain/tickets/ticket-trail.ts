/**
 * What a change to a ticket leaves behind, stamped by one clock: entries in its history (what
 * someone said, what happened) and notices queued for the worker to the other side of the ticket
 * (`notice` jobs, each under a key that makes a retried change queue it once). Shared by the
 * citizens' and the team's commands and by the follow-up jobs.
 */
import type { TicketJob, TicketNoticeJob } from '../../store/queues';
import type { CitizenMessage, Ticket, TicketEvent, TicketMessage } from './ticket';

/** The `tickets` queue as the domain sees it (the engine adds to BullMQ). */
export interface TicketJobs {
  add(job: TicketJob, delayMs?: number): Promise<void>;
}

export type CitizenEvent = Extract<TicketNoticeJob, { to: 'citizen' }>['event'];
export type MemberEvent = Extract<TicketNoticeJob, { to: 'member' }>['event'];

export class TicketTrail {
  constructor(
    private readonly jobs: TicketJobs,
    readonly now: () => number = Date.now,
  ) {}

  iso(): string {
    return new Date(this.now()).toISOString();
  }

  /** What a citizen or a member (`by`, on the team's side) said. */
  message(from: 'citizen' | 'team', message: CitizenMessage, by?: string): TicketMessage {
    return {
      at: this.iso(),
      from,
      ...(message.text ? { text: message.text } : {}),
      ...(message.photos?.length ? { photos: message.photos } : {}),
      ...(by ? { by } : {}),
    };
  }

  /** A system entry; fields left undefined are left out of the stored JSON. */
  note(event: TicketEvent, extra: { team?: string; detail?: string; by?: string | undefined } = {}): TicketMessage {
    const defined = Object.entries(extra).filter(([, v]) => v !== undefined);
    return { at: this.iso(), from: 'system', event, ...Object.fromEntries(defined) };
  }

  tellCitizen(ticket: Ticket, event: CitizenEvent, key: string, index?: number): Promise<void> {
    return this.jobs.add({ kind: 'notice', ticketId: ticket.id, key, to: 'citizen', event, ...(index === undefined ? {} : { index }) });
  }

  tellMember(ticket: Ticket, memberId: string, event: MemberEvent, key: string, index?: number): Promise<void> {
    return this.jobs.add({
      kind: 'notice',
      ticketId: ticket.id,
      key,
      to: 'member',
      memberId,
      event,
      ...(index === undefined ? {} : { index }),
    });
  }
}
