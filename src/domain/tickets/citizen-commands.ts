/**
 * What a citizen does with a ticket from the chat: ask (the question goes to their village's
 * team, or to the commune team when nobody in the village team can be reached now), add photos,
 * talk to the member holding it, withdraw it, say it is settled, rate it and reopen it within a
 * day. Each change is written to the ticket at once; offers, notices and the service-level checks
 * it calls for are queued as jobs for the worker (./ticket-follow-ups.ts).
 */
import { COMMUNE_TEAM, type Team } from '../teams/team';
import type { TeamRegistry } from '../teams/team-registry';
import type { CitizenDirectory } from './citizen-directory';
import type { OfficeCalendar } from './office-time';
import type { CitizenMessage, RatingLevel, Ticket } from './ticket';
import type { MemberReach } from './ticket-notifier';
import type { TicketStore, TransitionResult } from './ticket-store';
import { TicketTrail, type TicketJobs } from './ticket-trail';

export interface CitizenCommandOptions {
  calendar: OfficeCalendar;
  /** Office time a ticket may wait for a member before the commune team is offered it. */
  takeWithinMs: number;
  /** Office time a ticket may wait for an answer before officers are told. */
  answerWithinMs: number;
  /** How long after closing the citizen may reopen a ticket. */
  reopenWithinMs?: number;
  now?: () => number;
}

export type CitizenOutcome =
  { kind: 'done'; ticket: Ticket } | { kind: 'refused'; why: 'missing' | 'not-yours' | 'closed' | 'too-late' | 'open' };

const DAY_MS = 86_400_000;
/** A screenshot sent this soon after the question belongs to it. */
const PHOTO_AFTER_QUESTION_MS = 10 * 60_000;

export class CitizenCommands {
  private readonly trail: TicketTrail;
  private readonly reopenWithinMs: number;

  constructor(
    private readonly store: TicketStore,
    private readonly teams: TeamRegistry,
    private readonly citizens: CitizenDirectory,
    private readonly jobs: TicketJobs,
    private readonly reach: MemberReach,
    private readonly options: CitizenCommandOptions,
  ) {
    this.trail = new TicketTrail(jobs, options.now);
    this.reopenWithinMs = options.reopenWithinMs ?? DAY_MS;
  }

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
  active(citizenId: string): Promise<Ticket | undefined> {
    return this.store.activeOf(citizenId);
  }

  /** The moment an answer is due for a ticket opened now (shown to the citizen). */
  answerDueBy(): number {
    return this.options.calendar.addOfficeTime(this.trail.now(), this.options.answerWithinMs);
  }

  get answerWithinMs(): number {
    return this.options.answerWithinMs;
  }

  async open(citizenId: string, village: string, question: CitizenMessage): Promise<Ticket> {
    const citizenName = await this.citizens.displayNameOf(citizenId);
    const ticket = await this.store.create(
      { citizenId, village, question: question.text?.trim() ?? '', photos: question.photos ?? [], ...(citizenName ? { citizenName } : {}) },
      new Date(this.trail.now()),
    );
    const routed = await this.route(ticket);
    await this.plan(routed);
    return routed;
  }

  /**
   * The team a question of this village goes to first: the village team, unless none of its
   * members (the asker aside) is one Zalo lets the OA reach now — then the commune team. The
   * citizen is told the team that really gets it.
   */
  async firstTeam(citizenId: string, village: string): Promise<Team> {
    const team = await this.teams.get(village);
    if (village === COMMUNE_TEAM) return team;
    for (const member of team.members) if (member.zaloId !== citizenId && (await this.reach.reachable(member.zaloId))) return team;
    return this.teams.get(COMMUNE_TEAM);
  }

  async withdraw(citizenId: string, id: string): Promise<CitizenOutcome> {
    return this.close(citizenId, id, 'withdrawn');
  }

  /** The citizen says the answer settled it. */
  async done(citizenId: string, id: string): Promise<CitizenOutcome> {
    return this.close(citizenId, id, 'citizen');
  }

  /**
   * While someone holds the citizen's ticket, what the citizen sends goes into it: to the member
   * holding it, or — held through the API — into its history, where the API reads it. A photo
   * sent soon after the question, while nobody took it yet, is added to the question.
   */
  async citizenSays(citizenId: string, message: CitizenMessage): Promise<Ticket | undefined> {
    const ticket = await this.active(citizenId);
    if (ticket?.status === 'open' && message.photos?.length && !message.text) return this.addPhotos(ticket, message.photos, message);
    if (ticket?.status !== 'taken') return undefined;
    const index = await this.store.append(ticket.id, this.trail.message('citizen', message), message.id && `c${message.id}`);
    if (ticket.takenBy) await this.trail.tellMember(ticket, ticket.takenBy, 'message', `c${index}`, index);
    return ticket;
  }

  private async addPhotos(ticket: Ticket, added: string[], message: CitizenMessage): Promise<Ticket | undefined> {
    const askedAt = Date.parse(ticket.reopenedAt ?? ticket.createdAt);
    if (this.trail.now() - askedAt > PHOTO_AFTER_QUESTION_MS) return undefined;
    const seen = message.id !== undefined && (await this.store.flag(ticket.id, `c${message.id}`)) !== undefined;
    if (seen) return ticket;
    const photos = [...ticket.photos, ...added];
    await this.store.append(ticket.id, this.trail.message('citizen', message), message.id && `c${message.id}`);
    await this.store.update(ticket.id, { photos: JSON.stringify(photos) });
    return { ...ticket, photos };
  }

  async rate(citizenId: string, id: string, level: RatingLevel): Promise<CitizenOutcome> {
    const ticket = await this.store.get(id);
    if (!ticket) return { kind: 'refused', why: 'missing' };
    if (ticket.citizenId !== citizenId) return { kind: 'refused', why: 'not-yours' };
    if (ticket.status !== 'closed') return { kind: 'refused', why: 'open' };
    const at = new Date(this.trail.now());
    await this.store.rate(id, level, at);
    return { kind: 'done', ticket: { ...ticket, rating: level, ratedAt: at.toISOString() } };
  }

  /** Within a day of closing, the ticket opens again and the village team is offered it anew. */
  async reopen(citizenId: string, id: string): Promise<CitizenOutcome> {
    const ticket = await this.store.get(id);
    if (!ticket) return { kind: 'refused', why: 'missing' };
    if (ticket.citizenId !== citizenId) return { kind: 'refused', why: 'not-yours' };
    if (ticket.status !== 'closed') return { kind: 'refused', why: 'open' };
    if (this.trail.now() - Date.parse(ticket.closedAt ?? '') > this.reopenWithinMs) return { kind: 'refused', why: 'too-late' };
    // One question at a time: the citizen's messages are relayed to the ticket being answered.
    if (await this.active(citizenId)) return { kind: 'refused', why: 'open' };
    const round = ticket.round + 1;
    const result = await this.store.transition(id, {
      from: ['closed'],
      to: 'open',
      citizenId,
      set: { round: String(round), team: ticket.village, reopenedAt: this.trail.iso() },
      unset: [
        'takenBy',
        'takenByName',
        'takenAt',
        'closedAt',
        'closedBy',
        'escalatedAt',
        'escalation',
        'passedByName',
        'rating',
        'ratedAt',
      ],
      note: this.trail.note('reopened'),
    });
    if (!result.ok) return { kind: 'refused', why: refusal(result) };
    // Its rating was of the answer it no longer stands by: the report drops it until it is rated again.
    await this.store.unrate(id);
    const reopened = await this.route(result.ticket);
    await this.store.setCitizenTicket(citizenId, id);
    await this.plan(reopened);
    return { kind: 'done', ticket: reopened };
  }

  /** A new or reopened ticket goes straight to the commune team when nobody in the village team can be reached. */
  private async route(ticket: Ticket): Promise<Ticket> {
    const team = await this.firstTeam(ticket.citizenId, ticket.village);
    if (team.key === ticket.team) return ticket;
    const set = { team: team.key, escalatedAt: this.trail.iso(), escalation: 'unreachable' } as const;
    await this.store.update(ticket.id, set);
    await this.store.append(ticket.id, this.trail.note('unreachable', { team: ticket.team }), `n-routed-${ticket.round}`);
    return { ...ticket, ...set };
  }

  /** The offer to the team, and the two service-level checks, delayed by office time. */
  private async plan(ticket: Ticket): Promise<void> {
    const now = this.trail.now();
    const { calendar, takeWithinMs, answerWithinMs } = this.options;
    await this.jobs.add({ kind: 'offer', ticketId: ticket.id, team: ticket.team, generation: `r${ticket.round}` });
    await this.jobs.add({ kind: 'take-due', ticketId: ticket.id, round: ticket.round }, calendar.addOfficeTime(now, takeWithinMs) - now);
    await this.jobs.add(
      { kind: 'answer-due', ticketId: ticket.id, round: ticket.round },
      calendar.addOfficeTime(now, answerWithinMs) - now,
    );
  }

  private async close(citizenId: string, id: string, closedBy: 'withdrawn' | 'citizen'): Promise<CitizenOutcome> {
    const before = await this.store.get(id);
    const result = await this.store.transition(id, {
      from: ['open', 'taken'],
      to: 'closed',
      citizenId,
      ...(before?.takenBy ? { hold: { memberId: before.takenBy, action: 'release' as const } } : {}),
      set: { closedAt: this.trail.iso(), closedBy },
      note: this.trail.note('closed', { detail: closedBy }),
    });
    const closed = result.ok ? result.ticket : await this.store.get(id);
    // A retried press finds it closed as asked: done, and the member's notice queued again (once).
    const retried = !result.ok && result.why === 'closed' && closed?.citizenId === citizenId && closed.closedBy === closedBy;
    if (!closed || (!result.ok && !retried)) return { kind: 'refused', why: refusal(result) };
    const event = closedBy === 'withdrawn' ? 'withdrawn' : 'closed-by-citizen';
    if (closed.takenBy) await this.trail.tellMember(closed, closed.takenBy, event, `r${closed.round}-${closedBy}`);
    return { kind: 'done', ticket: closed };
  }
}

function refusal(result: TransitionResult): 'missing' | 'not-yours' | 'closed' | 'open' {
  if (result.ok) return 'open';
  if (result.why === 'missing' || result.why === 'not-yours' || result.why === 'closed') return result.why;
  return 'open';
}
