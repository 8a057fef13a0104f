/**
 * The tickets' port to Zalo: everything said to someone other than the user in front of a flow
 * (offers to members, the other side's messages and the ticket's turns, late tickets to officers).
 * The worker role implements it over the bot (flows/notices/ticket-notices.ts); the follow-up jobs
 * require it, and the citizens' commands need only to know who can be reached.
 */
import type { Team } from '../teams/team';
import type { Ticket, TicketMessage } from './ticket';

export type CitizenNotice =
  | { kind: 'answer'; message: TicketMessage; teamName: string }
  | { kind: 'taken'; teamName: string }
  | { kind: 'passed'; teamName: string }
  | { kind: 'closed' }
  | { kind: 'late'; officersTold: boolean };

export type MemberNotice =
  | { kind: 'message'; message: TicketMessage }
  | { kind: 'withdrawn' }
  | { kind: 'closed-by-citizen' }
  /** Answered and closed through the API while they held it: their chat is theirs again. */
  | { kind: 'closed-by-api' }
  /** Their message (or an answer through the API) could not reach the citizen. */
  | { kind: 'undelivered' }
  /** Not answered in time: the ticket went back to the team. */
  | { kind: 'released' };

export interface MemberReach {
  /** Whether Zalo's rules, as far as we know them, let the OA message this member now. */
  reachable(memberId: string): Promise<boolean>;
}

export interface TicketNotifier extends MemberReach {
  /** Offers the question to one member; false when Zalo's rules leave them unreachable. */
  offer(memberId: string, ticket: Ticket, team: Team): Promise<boolean>;
  /** false when the citizen could not be reached. */
  toCitizen(ticket: Ticket, notice: CitizenNotice): Promise<boolean>;
  toMember(memberId: string, ticket: Ticket, notice: MemberNotice): Promise<boolean>;
  /** Tells the officers a ticket is late; the number of officers told. */
  toOfficers(ticket: Ticket, answerWithinMs: number): Promise<number>;
}
