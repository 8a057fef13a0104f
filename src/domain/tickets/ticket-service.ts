/**
 * The hand-off to the village teams and back. Citizens open tickets from the chat; members of
 * the village's team are offered each one and the first to take it answers in their own chat
 * with the OA, relayed both ways until it closes. Service levels in office time: not taken in
 * time → the commune team; not answered in time → officers are told and the citizen gets an
 * honest update. Everything said to someone other than the user in front of the flow goes
 * through the `TicketNotifier` port (the engine implements it over the Zalo bridge); offers,
 * service-level checks and answers written through the API are jobs (`TicketJobs`).
 *
 * The web role builds this service without a notifier: it only uses `replyFromApi`, whose
 * delivery is a job for the worker.
 */
import type { TicketJob } from '../../store/queues';
import { COMMUNE_TEAM, type Team } from '../teams/team';
import type { TeamRegistry } from '../teams/team-registry';
import type { CitizenDirectory } from './citizen-directory';
import type { OfficeCalendar } from './office-time';
import type { ClosedBy, RatingLevel, Ticket, TicketEvent, TicketMessage } from './ticket';
import type { TicketStore, TransitionResult } from './ticket-store';

export type CitizenNotice =
  | { kind: 'answer'; message: TicketMessage; teamName: string }
  | { kind: 'taken'; teamName: string }
  | { kind: 'closed' }
  | { kind: 'late'; officersTold: boolean };

export type MemberNotice = { kind: 'message'; message: TicketMessage } | { kind: 'withdrawn' } | { kind: 'closed-by-citizen' };

export interface TicketNotifier {
  /** Offers the question to one member; false when Zalo's rules leave them unreachable. */
  offer(memberId: string, ticket: Ticket, team: Team): Promise<boolean>;
  /** false when the citizen could not be reached. */
  toCitizen(ticket: Ticket, notice: CitizenNotice): Promise<boolean>;
  toMember(memberId: string, ticket: Ticket, notice: MemberNotice): Promise<boolean>;
  /** Tells the officers a ticket is late; the number of officers told. */
  toOfficers(ticket: Ticket, answerWithinMs: number): Promise<number>;
}

export interface TicketJobs {
  add(job: TicketJob, delayMs?: number): Promise<void>;
}

export interface TicketServiceOptions {
  calendar: OfficeCalendar;
  /** Office time a ticket may wait for a member before the commune team is offered it. */
  takeWithinMs: number;
  /** Office time a ticket may wait for an answer before officers are told. */
  answerWithinMs: number;
  /** How long after closing the citizen may reopen a ticket. */
  reopenWithinMs?: number;
  now?: () => number;
}

/** What a citizen brings: the question's text and the photos sent with it. */
export interface CitizenMessage {
  text?: string;
  photos?: string[];
}

/** Why a member's button did nothing: someone else holds it, it is closed or gone, or not theirs to answer. */
export type MemberRefusal = { kind: 'lost'; byName?: string } | { kind: 'closed' | 'missing' | 'not-member' };

export type TakeOutcome =
  | { kind: 'taken'; ticket: Ticket; team: Team }
  /** They held it already: their chat is pointed at it again. */
  | { kind: 'yours'; ticket: Ticket; team: Team }
  | MemberRefusal;

/** Passing a ticket on or closing it: done as asked, or refused. */
export type MemberActionOutcome = { kind: 'done'; ticket: Ticket; team: Team } | MemberRefusal;

export type CitizenOutcome = { kind: 'done'; ticket: Ticket } | { kind: 'refused'; why: 'missing' | 'not-yours' | 'closed' | 'too-late' | 'open' };

export type ApiReplyOutcome = { kind: 'sent'; ticket: Ticket } | { kind: 'missing' | 'closed' };

const DAY_MS = 86_400_000;

export class TicketService {
  private readonly now: () => number;
  private readonly reopenWithinMs: number;

  constructor(
    private readonly store: TicketStore,
    private readonly teams: TeamRegistry,
    private readonly citizens: CitizenDirectory,
    private readonly jobs: TicketJobs,
    private readonly options: TicketServiceOptions,
    private readonly notifier?: TicketNotifier,
  ) {
    this.now = options.now ?? Date.now;
    this.reopenWithinMs = options.reopenWithinMs ?? DAY_MS;
  }

  // ---------------------------------------------------------------------------------------------
  // The citizen's side
  // ---------------------------------------------------------------------------------------------

  villageOf(citizenId: string): Promise<string | undefined> {
    return this.citizens.villageOf(citizenId);
  }

  setVillage(citizenId: string, village: string): Promise<void> {
    return this.citizens.setVillage(citizenId, village);
  }

  teamOf(key: string): Promise<Team> {
    return this.teams.get(key);
  }

  /** The citizen's open or taken ticket, if any. */
  async active(citizenId: string): Promise<Ticket | undefined> {
    const ticket = await this.store.latestOf(citizenId);
    return ticket && ticket.status !== 'closed' ? ticket : undefined;
  }

  /** The moment an answer is due for a ticket opened now (shown to the citizen). */
  answerDueBy(): number {
    return this.options.calendar.addOfficeTime(this.now(), this.options.answerWithinMs);
  }

  get answerWithinMs(): number {
    return this.options.answerWithinMs;
  }

  async open(citizenId: string, village: string, question: CitizenMessage): Promise<Ticket> {
    const citizenName = await this.citizens.displayNameOf(citizenId);
    const ticket = await this.store.create(
      { citizenId, village, question: question.text?.trim() ?? '', photos: question.photos ?? [], ...(citizenName ? { citizenName } : {}) },
      new Date(this.now()),
    );
    await this.plan(ticket);
    return ticket;
  }

  async withdraw(citizenId: string, id: string): Promise<CitizenOutcome> {
    return this.closeForCitizen(citizenId, id, 'withdrawn', { kind: 'withdrawn' });
  }

  /** The citizen says the answer settled it. */
  async done(citizenId: string, id: string): Promise<CitizenOutcome> {
    return this.closeForCitizen(citizenId, id, 'citizen', { kind: 'closed-by-citizen' });
  }

  /** While a member holds the citizen's ticket, what the citizen sends goes to that member. */
  async citizenSays(citizenId: string, message: CitizenMessage): Promise<Ticket | undefined> {
    const ticket = await this.active(citizenId);
    if (ticket?.status !== 'taken' || !ticket.takenBy) return undefined;
    const entry = this.message('citizen', message);
    await this.store.append(ticket.id, entry);
    await this.notifier?.toMember(ticket.takenBy, ticket, { kind: 'message', message: entry });
    return ticket;
  }

  async rate(citizenId: string, id: string, level: RatingLevel): Promise<CitizenOutcome> {
    const ticket = await this.store.get(id);
    if (!ticket) return { kind: 'refused', why: 'missing' };
    if (ticket.citizenId !== citizenId) return { kind: 'refused', why: 'not-yours' };
    if (ticket.status !== 'closed') return { kind: 'refused', why: 'open' };
    await this.store.update(id, { rating: level, ratedAt: this.iso() });
    return { kind: 'done', ticket: { ...ticket, rating: level } };
  }

  /** Within a day of closing, the ticket opens again and the village team is offered it anew. */
  async reopen(citizenId: string, id: string): Promise<CitizenOutcome> {
    const ticket = await this.store.get(id);
    if (!ticket) return { kind: 'refused', why: 'missing' };
    if (ticket.citizenId !== citizenId) return { kind: 'refused', why: 'not-yours' };
    if (ticket.status !== 'closed') return { kind: 'refused', why: 'open' };
    if (this.now() - Date.parse(ticket.closedAt ?? '') > this.reopenWithinMs) return { kind: 'refused', why: 'too-late' };
    // One question at a time: the citizen's messages are relayed to the ticket being answered.
    if (await this.active(citizenId)) return { kind: 'refused', why: 'open' };
    const round = ticket.round + 1;
    const result = await this.store.transition(id, {
      from: ['closed'],
      to: 'open',
      citizenId,
      set: { round: String(round), team: ticket.village, reopenedAt: this.iso() },
      unset: ['takenBy', 'takenByName', 'takenAt', 'closedAt', 'closedBy', 'escalatedAt', 'rating', 'ratedAt'],
      note: this.note('reopened'),
    });
    if (!result.ok) return { kind: 'refused', why: refusal(result) };
    const reopened = (await this.store.get(id))!;
    await this.store.setCitizenTicket(citizenId, id);
    await this.plan(reopened);
    return { kind: 'done', ticket: reopened };
  }

  // ---------------------------------------------------------------------------------------------
  // The team's side
  // ---------------------------------------------------------------------------------------------

  /** The ticket a member's chat is relayed to. */
  deskOf(memberId: string): Promise<Ticket | undefined> {
    return this.store.deskOf(memberId);
  }

  async take(memberId: string, id: string): Promise<TakeOutcome> {
    const ticket = await this.store.get(id);
    if (!ticket) return { kind: 'missing' };
    const team = await this.teams.mayAnswer(memberId, ticket.village);
    if (!team) return { kind: 'not-member' };
    const name = memberName(team, memberId);
    const result = await this.store.transition(id, {
      from: ['open'],
      to: 'taken',
      set: { takenBy: memberId, takenAt: this.iso(), team: team.key, ...(name ? { takenByName: name } : {}) },
      unset: name ? [] : ['takenByName'],
      deskOf: memberId,
      note: this.note('taken', { team: team.key, by: name }),
    });
    if (result.ok) {
      const taken = (await this.store.get(id))!;
      await this.notifier?.toCitizen(taken, { kind: 'taken', teamName: team.name });
      return { kind: 'taken', ticket: taken, team };
    }
    if (result.why === 'taken' && result.takenBy === memberId) {
      await this.store.setDesk(memberId, id);
      return { kind: 'yours', ticket, team };
    }
    if (result.why === 'taken') return { kind: 'lost', ...(result.takenByName ? { byName: result.takenByName } : {}) };
    return { kind: result.why === 'closed' ? 'closed' : 'missing' };
  }

  /** A member hands the ticket (open, or held by them) to the commune team. */
  async passToCommune(memberId: string, id: string): Promise<MemberActionOutcome> {
    const ticket = await this.store.get(id);
    if (!ticket) return { kind: 'missing' };
    const team = await this.teams.mayAnswer(memberId, ticket.village);
    if (!team) return { kind: 'not-member' };
    const result = await this.store.transition(id, {
      from: ticket.status === 'taken' ? ['taken'] : ['open'],
      to: 'open',
      ...(ticket.status === 'taken' ? { takerId: memberId } : {}),
      set: { team: COMMUNE_TEAM, escalatedAt: this.iso() },
      unset: ['takenBy', 'takenByName', 'takenAt'],
      note: this.note('passed', { team: COMMUNE_TEAM, by: memberName(team, memberId) }),
    });
    if (!result.ok) {
      if (result.why === 'not-taker' || result.why === 'taken') return { kind: 'lost', ...(result.takenByName ? { byName: result.takenByName } : {}) };
      return { kind: result.why === 'closed' ? 'closed' : 'missing' };
    }
    await this.jobs.add({ kind: 'offer', ticketId: id, team: COMMUNE_TEAM });
    return { kind: 'done', ticket: (await this.store.get(id))!, team: await this.teams.get(COMMUNE_TEAM) };
  }

  /** What the member holding a ticket sends goes to its citizen, signed with the team's name. */
  async memberSays(memberId: string, message: CitizenMessage): Promise<{ ticket: Ticket; delivered: boolean } | undefined> {
    const ticket = await this.store.deskOf(memberId);
    if (!ticket) return undefined;
    const entry = this.message('team', message, ticket.takenByName);
    await this.store.append(ticket.id, entry);
    const team = await this.teams.get(ticket.team);
    const delivered = (await this.notifier?.toCitizen(ticket, { kind: 'answer', message: entry, teamName: team.name })) ?? false;
    return { ticket, delivered };
  }

  /** The member holding it closes the ticket (their desk's one when `id` is not given). */
  async memberClose(memberId: string, id?: string): Promise<MemberActionOutcome> {
    const ticketId = id ?? (await this.store.deskOf(memberId))?.id;
    if (!ticketId) return { kind: 'missing' };
    const result = await this.store.transition(ticketId, {
      from: ['taken'],
      to: 'closed',
      takerId: memberId,
      set: { closedAt: this.iso(), closedBy: 'team' },
      note: this.note('closed', { detail: 'team' }),
    });
    if (!result.ok) {
      if (result.why === 'not-taker' || result.why === 'open') return { kind: 'lost', ...(result.takenByName ? { byName: result.takenByName } : {}) };
      return { kind: result.why === 'closed' ? 'closed' : 'missing' };
    }
    const closed = (await this.store.get(ticketId))!;
    await this.notifier?.toCitizen(closed, { kind: 'closed' });
    return { kind: 'done', ticket: closed, team: await this.teams.get(closed.team) };
  }

  /** An answer written through the API; delivered to the citizen by a job. Closes unless told not to. */
  async replyFromApi(id: string, text: string, close: boolean, author: string): Promise<ApiReplyOutcome> {
    const ticket = await this.store.get(id);
    if (!ticket) return { kind: 'missing' };
    if (ticket.status === 'closed') return { kind: 'closed' };
    const index = await this.store.append(id, this.message('team', { text }, author));
    let closed = false;
    if (close) {
      const result = await this.store.transition(id, {
        from: ['open', 'taken'],
        to: 'closed',
        set: { closedAt: this.iso(), closedBy: 'api' },
        note: this.note('closed', { detail: 'api', by: author }),
      });
      closed = result.ok;
    }
    await this.jobs.add({ kind: 'deliver', ticketId: id, index, closed });
    return { kind: 'sent', ticket: (await this.store.get(id))! };
  }

  // ---------------------------------------------------------------------------------------------
  // Jobs: offers, deliveries, service levels
  // ---------------------------------------------------------------------------------------------

  /**
   * Offers an open ticket to every reachable member of a team. Nobody reachable in the village
   * team → the commune team; nobody there either → it waits in the API queue, and the history
   * says so.
   */
  async offer(id: string, teamKey: string): Promise<{ reached: number; team: string }> {
    const ticket = await this.store.get(id);
    if (ticket?.status !== 'open') return { reached: 0, team: teamKey };
    const team = await this.teams.get(teamKey);
    let reached = 0;
    for (const member of team.members) {
      if (member.zaloId === ticket.citizenId) continue;
      if (await this.requireNotifier().offer(member.zaloId, ticket, team)) reached += 1;
    }
    if (reached > 0) {
      await this.store.append(id, this.note('offered', { team: teamKey, detail: String(reached) }));
      return { reached, team: teamKey };
    }
    await this.store.append(id, this.note('unreachable', { team: teamKey }));
    if (teamKey === COMMUNE_TEAM) {
      await this.store.append(id, this.note('queued'));
      return { reached: 0, team: teamKey };
    }
    await this.store.update(id, { team: COMMUNE_TEAM, escalatedAt: this.iso() });
    return this.offer(id, COMMUNE_TEAM);
  }

  /** Sends an answer written through the API, then the rating question when it closed the ticket. */
  async deliver(id: string, index: number, closed: boolean): Promise<boolean> {
    const [ticket, entry] = await Promise.all([this.store.get(id), this.store.entry(id, index)]);
    if (!ticket || !entry) return false;
    const team = await this.teams.get(ticket.team);
    const notifier = this.requireNotifier();
    const sent = await notifier.toCitizen(ticket, { kind: 'answer', message: entry, teamName: team.name });
    if (closed) await notifier.toCitizen(ticket, { kind: 'closed' });
    return sent;
  }

  /** Fired TICKET_TAKE_MINUTES of office time after opening: still nobody → the commune team. */
  async takeDue(id: string, round: number): Promise<'escalated' | 'skipped'> {
    const ticket = await this.store.get(id);
    if (!ticket || ticket.round !== round || ticket.status !== 'open' || ticket.team === COMMUNE_TEAM) return 'skipped';
    await this.store.update(id, { team: COMMUNE_TEAM, escalatedAt: this.iso() });
    await this.store.append(id, this.note('escalated', { team: COMMUNE_TEAM }));
    await this.offer(id, COMMUNE_TEAM);
    return 'escalated';
  }

  /** Fired TICKET_ANSWER_HOURS of office time after opening: no answer yet → officers, and the citizen hears why. */
  async answerDue(id: string, round: number): Promise<{ outcome: 'late' | 'skipped'; officersTold: number }> {
    const ticket = await this.store.get(id);
    const roundStart = ticket?.reopenedAt ?? ticket?.createdAt ?? '';
    const answered = ticket?.lastAnswerAt !== undefined && ticket.lastAnswerAt >= roundStart;
    if (!ticket || ticket.round !== round || ticket.status === 'closed' || answered) return { outcome: 'skipped', officersTold: 0 };
    const notifier = this.requireNotifier();
    const officersTold = await notifier.toOfficers(ticket, this.options.answerWithinMs);
    await this.store.append(id, this.note('late', { detail: String(officersTold) }));
    await notifier.toCitizen(ticket, { kind: 'late', officersTold: officersTold > 0 });
    return { outcome: 'late', officersTold };
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers
  // ---------------------------------------------------------------------------------------------

  private async plan(ticket: Ticket): Promise<void> {
    const now = this.now();
    const { calendar, takeWithinMs, answerWithinMs } = this.options;
    await this.jobs.add({ kind: 'offer', ticketId: ticket.id, team: ticket.village });
    await this.jobs.add({ kind: 'take-due', ticketId: ticket.id, round: ticket.round }, calendar.addOfficeTime(now, takeWithinMs) - now);
    await this.jobs.add({ kind: 'answer-due', ticketId: ticket.id, round: ticket.round }, calendar.addOfficeTime(now, answerWithinMs) - now);
  }

  private async closeForCitizen(citizenId: string, id: string, closedBy: ClosedBy, notice: MemberNotice): Promise<CitizenOutcome> {
    const before = await this.store.get(id);
    const result = await this.store.transition(id, {
      from: ['open', 'taken'],
      to: 'closed',
      citizenId,
      set: { closedAt: this.iso(), closedBy },
      note: this.note('closed', { detail: closedBy }),
    });
    if (!result.ok) return { kind: 'refused', why: refusal(result) };
    const closed = (await this.store.get(id))!;
    if (before?.takenBy) await this.notifier?.toMember(before.takenBy, closed, notice);
    return { kind: 'done', ticket: closed };
  }

  private message(from: 'citizen' | 'team', message: CitizenMessage, by?: string): TicketMessage {
    return {
      at: this.iso(),
      from,
      ...(message.text ? { text: message.text } : {}),
      ...(message.photos?.length ? { photos: message.photos } : {}),
      ...(by ? { by } : {}),
    };
  }

  /** A system entry; fields left undefined are left out of the stored JSON. */
  private note(event: TicketEvent, extra: { team?: string; detail?: string; by?: string | undefined } = {}): TicketMessage {
    const defined = Object.entries(extra).filter(([, v]) => v !== undefined);
    return { at: this.iso(), from: 'system', event, ...Object.fromEntries(defined) };
  }

  private iso(): string {
    return new Date(this.now()).toISOString();
  }

  private requireNotifier(): TicketNotifier {
    if (!this.notifier) throw new Error('ticket messages are sent by the worker role: this service was built without a notifier');
    return this.notifier;
  }
}

function memberName(team: Team, memberId: string): string | undefined {
  return team.members.find((m) => m.zaloId === memberId)?.displayName;
}

function refusal(result: TransitionResult): 'missing' | 'not-yours' | 'closed' | 'open' {
  if (result.ok) return 'open';
  if (result.why === 'missing' || result.why === 'not-yours' || result.why === 'closed') return result.why;
  return 'open';
}
