/**
 * A ticket: a citizen's question handed to their village's team. States: `open` (waiting for a
 * member), `taken` (one member answers), `closed`. Ids are short and readable (T-000123) since
 * citizens and officers say them aloud. The citizen's Zalo id stays in the store and the API's
 * officer view: members only ever see the citizen's display name.
 */
import { hashId } from '../../logger';
import { RATING_LEVELS, type RatingLevel } from '../dossiers/dossier-follows';

export const TICKET_STATUSES = ['open', 'taken', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export { RATING_LEVELS, type RatingLevel };

/** How a ticket was closed. */
export type ClosedBy = 'team' | 'api' | 'citizen' | 'withdrawn';

/**
 * Why the commune team has a village's ticket: a village member passed it (`passedByName`
 * names them), nobody in the village took it in time, or nobody in the village team could be
 * reached (no members, or all outside Zalo's 7-day window).
 */
export type Escalation = 'passed' | 'not-taken' | 'unreachable';

export const TICKET_ID = /^T-\d{6,}$/;

export function formatTicketId(sequence: number): string {
  return `T-${String(sequence).padStart(6, '0')}`;
}

/** What a system entry of the history records (docs/guides/tickets.md). */
export type TicketEvent =
  | 'offered' // the question reached `detail` members of team `team`
  | 'unreachable' // no member of team `team` could be reached (outside Zalo's 7-day window or blocked), or the member holding it (`by`) could not be, or went silent (`detail`: `silent`): back to `open`
  | 'undelivered' // the team's message (`detail`: its history index) could not reach the citizen
  | 'queued' // nobody could be reached at all: the ticket waits in the API queue
  | 'taken'
  | 'passed' // a member passed it to the commune team
  | 'escalated' // not taken in time: offered to the commune team
  | 'late' // not answered in time: officers told (`detail`: how many)
  | 'closed'
  | 'reopened';

export interface TicketMessage {
  at: string;
  /** `system`: something happened to the ticket, named by `event`. */
  from: 'citizen' | 'team' | 'system';
  text?: string;
  photos?: string[];
  /** Who wrote it on the team's side (a member's display name, an API token's name) or did it. */
  by?: string;
  event?: TicketEvent;
  team?: string;
  detail?: string;
}

/** What a citizen or member sends: text and photos, and the inbound message's id (a retried event carries the same). */
export interface CitizenMessage {
  text?: string;
  photos?: string[];
  id?: string;
}

export interface Ticket {
  id: string;
  status: TicketStatus;
  village: string;
  /** The team it is offered to now: the village or, once passed on, `commune`. */
  team: string;
  citizenId: string;
  citizenName?: string;
  question: string;
  photos: string[];
  /** The member holding it; unset while `taken` means it is held through the API (by `takenByName`). */
  takenBy?: string;
  takenByName?: string;
  createdAt: string;
  takenAt?: string;
  firstAnswerAt?: string;
  closedAt?: string;
  closedBy?: ClosedBy;
  escalatedAt?: string;
  escalation?: Escalation;
  passedByName?: string;
  /** The team's latest message, so a reopened ticket's service level sees answers of its own round. */
  lastAnswerAt?: string;
  reopenedAt?: string;
  rating?: RatingLevel;
  ratedAt?: string;
  /** 0, then one more each time the citizen reopens it. */
  round: number;
}

/** A ticket hash's fields → the ticket (undefined when there is no such ticket). */
export function toTicket(fields: Record<string, string>): Ticket | undefined {
  if (!fields.id || !fields.status) return undefined;
  const optional = (name: string) => (fields[name] ? { [name]: fields[name] } : {});
  return {
    id: fields.id,
    status: fields.status as TicketStatus,
    village: fields.village ?? '',
    team: fields.team ?? fields.village ?? '',
    citizenId: fields.citizenId ?? '',
    question: fields.question ?? '',
    photos: fields.photos ? (JSON.parse(fields.photos) as string[]) : [],
    createdAt: fields.createdAt ?? '',
    round: Number(fields.round ?? 0),
    ...optional('citizenName'),
    ...optional('takenBy'),
    ...optional('takenByName'),
    ...optional('takenAt'),
    ...optional('firstAnswerAt'),
    ...optional('closedAt'),
    ...optional('closedBy'),
    ...optional('escalatedAt'),
    ...optional('escalation'),
    ...optional('passedByName'),
    ...optional('lastAnswerAt'),
    ...optional('reopenedAt'),
    ...optional('rating'),
    ...optional('ratedAt'),
  };
}

/** What the API shows (the citizen's Zalo id is left out: officers reach citizens through the ticket). */
export function toTicketView(t: Ticket) {
  const { citizenId: _citizenId, takenBy: _takenBy, ...view } = t;
  return view;
}

/** A ticket's rating as the commune's satisfaction report lists it (next to the dossiers'). */
export interface TicketRating {
  subject: 'ticket';
  ticketId: string;
  village: string;
  level: RatingLevel;
  /** ISO time of the rating. */
  at: string;
  /** The citizen, hashed: ratings are reported, people are not. */
  rater: string;
}

export type RatedTicket = Ticket & { rating: RatingLevel; ratedAt: string };

export function toTicketRating(t: RatedTicket): TicketRating {
  return { subject: 'ticket', ticketId: t.id, village: t.village, level: t.rating, at: t.ratedAt, rater: hashId(t.citizenId) };
}
