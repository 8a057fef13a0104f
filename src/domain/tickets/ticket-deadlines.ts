/**
 * When a ticket's service levels fall due, in office time from the start of its round (its
 * opening, or its reopening): taken by `takeBy` (else the commune team is offered it), answered by
 * `answerBy` (else officers are told). `late`: still not closed, no answer reached the citizen in
 * this round, and `answerBy` has passed — what the console marks and the overview counts.
 */
import type { OfficeCalendar } from './office-time';
import type { Ticket } from './ticket';

export interface ServiceLevels {
  takeWithinMs: number;
  answerWithinMs: number;
}

export interface TicketDeadlines {
  takeBy: string;
  answerBy: string;
  late: boolean;
}

export function ticketDeadlines(ticket: Ticket, calendar: OfficeCalendar, levels: ServiceLevels, now = Date.now()): TicketDeadlines {
  const roundStart = ticket.reopenedAt ?? ticket.createdAt;
  const start = Date.parse(roundStart);
  const answerBy = calendar.addOfficeTime(start, levels.answerWithinMs);
  const answered = ticket.lastAnswerAt !== undefined && ticket.lastAnswerAt >= roundStart;
  return {
    takeBy: new Date(calendar.addOfficeTime(start, levels.takeWithinMs)).toISOString(),
    answerBy: new Date(answerBy).toISOString(),
    late: ticket.status !== 'closed' && !answered && now > answerBy,
  };
}
