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
import type { TicketJob, TicketNoticeJob } from '../../store/queues';
import { COMMUNE_TEAM, type Team } from '../teams/team';
import type { TeamRegistry } from '../teams/team-registry';
import type { CitizenDirectory } from './citizen-directory';
import type { OfficeCalendar } from './office-time';
import type { RatingLevel, Ticket, TicketEvent, TicketMessage } from './ticket';
import type { TicketStore, TransitionResult } from './ticket-store';

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

export interface TicketNotifier {
  /** Whether Zalo's rules, as far as we know them, let the OA message this member now. */
  reachable(memberId: string): Promise<boolean>;
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
  /** How long an API reply waits for the worker to say whether the citizen got it. */
  deliveryWaitMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** What a citizen or member sends: text and photos, and the inbound message's id (a retried event carries the same). */
export interface CitizenMessage {
  text?: string;
  photos?: string[];
  id?: string;
}

/** Why a member's button did nothing: someone else holds it, it is closed or gone, or not theirs to answer. */
export type MemberRefusal =
  | { kind: 'lost'; byName?: string }
  | { kind: 'closed' | 'missing' | 'not-member' | 'own' | 'commune-already' }
  /** They answer `id` already (`busy`), or wait for an answer to their own question `id` (`asking`). */
  | { kind: 'busy' | 'asking'; id: string };

export type TakeOutcome =
  | { kind: 'taken'; ticket: Ticket; team: Team }
  /** They held it already: their chat is pointed at it again. */
  | { kind: 'yours'; ticket: Ticket; team: Team }
  | MemberRefusal;

/** Passing a ticket on or closing it: done as asked, or refused. */
export type MemberActionOutcome = { kind: 'done'; ticket: Ticket; team: Team } | MemberRefusal;

export type CitizenOutcome = { kind: 'done'; ticket: Ticket } | { kind: 'refused'; why: 'missing' | 'not-yours' | 'closed' | 'too-late' | 'open' };

/** `delivered`: null when the worker had not tried yet within the wait. */
export type ApiReplyOutcome = { kind: 'sent'; ticket: Ticket; delivered: boolean | null } | { kind: 'missing' | 'closed' };

/** Taking or closing a ticket through the API (the console): done, or refused as the chat refuses a member. */
export type ApiActionOutcome = { kind: 'done' | 'yours'; ticket: Ticket } | { kind: 'lost'; byName?: string } | { kind: 'missing' | 'closed' | 'not-taker' };

type TransitionRefusal = Exclude<TransitionResult, { ok: true }>['why'];
type CitizenEvent = Extract<TicketNoticeJob, { to: 'citizen' }>['event'];
type MemberEvent = Extract<TicketNoticeJob, { to: 'member' }>['event'];

const DAY_MS = 86_400_000;
/** A retried "xong" within this long of closing is answered as the first one was. */
const RETRY_WINDOW_MS = 10 * 60_000;
const DELIVERY_POLL_MS = 100;
/** A screenshot sent this soon after the question belongs to it. */
const PHOTO_AFTER_QUESTION_MS = 10 * 60_000;

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
    const notifier = this.requireNotifier();
    for (const member of team.members) if (member.zaloId !== citizenId && (await notifier.reachable(member.zaloId))) return team;
    return this.teams.get(COMMUNE_TEAM);
  }

  async withdraw(citizenId: string, id: string): Promise<CitizenOutcome> {
    return this.closeForCitizen(citizenId, id, 'withdrawn');
  }

  /** The citizen says the answer settled it. */
  async done(citizenId: string, id: string): Promise<CitizenOutcome> {
    return this.closeForCitizen(citizenId, id, 'citizen');
  }

  /**
   * While someone holds the citizen's ticket, what the citizen sends goes into it: to the member
   * holding it, or — held through the API — into its history, where the API reads it. A photo
   * sent soon after the question, while nobody took it yet, is added to the question.
   */
  async citizenSays(citizenId: string, message: CitizenMessage): Promise<Ticket | undefined> {
    const ticket = await this.active(citizenId);
    if (ticket?.status === 'open' && message.photos?.length && !message.text) return this.addPhotos(ticket, message);
    if (ticket?.status !== 'taken') return undefined;
    const index = await this.store.append(ticket.id, this.message('citizen', message), message.id && `c${message.id}`);
    if (ticket.takenBy) await this.tellMember(ticket, ticket.takenBy, 'message', `c${index}`, index);
    return ticket;
  }

  private async addPhotos(ticket: Ticket, message: CitizenMessage): Promise<Ticket | undefined> {
    const askedAt = Date.parse(ticket.reopenedAt ?? ticket.createdAt);
    if (this.now() - askedAt > PHOTO_AFTER_QUESTION_MS) return undefined;
    const seen = message.id !== undefined && (await this.store.flag(ticket.id, `c${message.id}`)) !== undefined;
    if (seen) return ticket;
    const photos = [...ticket.photos, ...message.photos!];
    await this.store.append(ticket.id, this.message('citizen', message), message.id && `c${message.id}`);
    await this.store.update(ticket.id, { photos: JSON.stringify(photos) });
    return { ...ticket, photos };
  }

  async rate(citizenId: string, id: string, level: RatingLevel): Promise<CitizenOutcome> {
    const ticket = await this.store.get(id);
    if (!ticket) return { kind: 'refused', why: 'missing' };
    if (ticket.citizenId !== citizenId) return { kind: 'refused', why: 'not-yours' };
    if (ticket.status !== 'closed') return { kind: 'refused', why: 'open' };
    const at = new Date(this.now());
    await this.store.rate(id, level, at);
    return { kind: 'done', ticket: { ...ticket, rating: level, ratedAt: at.toISOString() } };
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
      unset: ['takenBy', 'takenByName', 'takenAt', 'closedAt', 'closedBy', 'escalatedAt', 'escalation', 'passedByName', 'rating', 'ratedAt'],
      note: this.note('reopened'),
    });
    if (!result.ok) return { kind: 'refused', why: refusal(result) };
    // Its rating was of the answer it no longer stands by: the report drops it until it is rated again.
    await this.store.unrate(id);
    const reopened = await this.route((await this.store.get(id))!);
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

  /** The ticket the member closed just now (their retried "xong" finds it). */
  async justClosedBy(memberId: string): Promise<Ticket | undefined> {
    const ticket = await this.store.lastDeskOf(memberId);
    const recent = ticket?.closedAt !== undefined && this.now() - Date.parse(ticket.closedAt) < RETRY_WINDOW_MS;
    return ticket?.status === 'closed' && ticket.closedBy === 'team' && ticket.takenBy === memberId && recent ? ticket : undefined;
  }

  /**
   * One role at a time: a member answers one citizen at a time (their chat goes to that
   * citizen), never their own question, and not while waiting for an answer of their own.
   */
  async take(memberId: string, id: string): Promise<TakeOutcome> {
    const ticket = await this.store.get(id);
    if (!ticket) return { kind: 'missing' };
    const team = await this.teams.mayAnswer(memberId, ticket.village);
    if (!team) return { kind: 'not-member' };
    if (ticket.citizenId === memberId) return { kind: 'own' };
    const asking = await this.active(memberId);
    if (asking) return { kind: 'asking', id: asking.id };
    await this.store.releaseStaleDesk(memberId);
    const name = memberName(team, memberId);
    const takenAt = this.iso();
    const result = await this.store.transition(id, {
      from: ['open'],
      to: 'taken',
      set: { takenBy: memberId, takenAt, team: team.key, ...(name ? { takenByName: name } : {}) },
      unset: name ? [] : ['takenByName'],
      desk: { memberId, action: 'take' },
      note: this.note('taken', { team: team.key, by: name }),
    });
    if (result.ok) {
      const taken = (await this.store.get(id))!;
      await this.tellCitizen(taken, 'taken', `t${Date.parse(takenAt)}`);
      return { kind: 'taken', ticket: taken, team };
    }
    if (result.why === 'taken' && result.takenBy === memberId) {
      // A retried take: the citizen's notice is queued again under the same key (so once).
      await this.tellCitizen(ticket, 'taken', `t${Date.parse(ticket.takenAt ?? '')}`);
      return { kind: 'yours', ticket, team };
    }
    return memberRefusal(result, ['taken']);
  }

  /** A member hands the ticket (open, or held by them) to the commune team, once. */
  async passToCommune(memberId: string, id: string): Promise<MemberActionOutcome> {
    const ticket = await this.store.get(id);
    if (!ticket) return { kind: 'missing' };
    const team = await this.teams.mayAnswer(memberId, ticket.village);
    if (!team) return { kind: 'not-member' };
    if (ticket.status !== 'closed' && ticket.team === COMMUNE_TEAM) return { kind: 'commune-already' };
    const wasTaken = ticket.status === 'taken';
    const name = memberName(team, memberId);
    const result = await this.store.transition(id, {
      from: wasTaken ? ['taken'] : ['open'],
      to: 'open',
      ...(wasTaken ? { takerId: memberId, desk: { memberId, action: 'release' as const } } : {}),
      set: { team: COMMUNE_TEAM, escalatedAt: this.iso(), escalation: 'passed', ...(name ? { passedByName: name } : {}) },
      unset: ['takenBy', 'takenByName', 'takenAt', ...(name ? [] : ['passedByName'])],
      note: this.note('passed', { team: COMMUNE_TEAM, by: name }),
    });
    if (!result.ok) return memberRefusal(result, ['not-taker', 'taken']);
    const passed = (await this.store.get(id))!;
    // The citizen was told someone answers them: they hear it moved on.
    if (wasTaken) await this.tellCitizen(passed, 'passed', `p${passed.round}`);
    await this.jobs.add({ kind: 'offer', ticketId: id, team: COMMUNE_TEAM, generation: `p${passed.round}` });
    return { kind: 'done', ticket: passed, team: await this.teams.get(COMMUNE_TEAM) };
  }

  /** What the member holding a ticket sends goes to its citizen (a job), signed with the team's name. */
  async memberSays(memberId: string, message: CitizenMessage): Promise<Ticket | undefined> {
    const ticket = await this.store.deskOf(memberId);
    if (!ticket) return undefined;
    const index = await this.store.append(ticket.id, this.message('team', message, ticket.takenByName), message.id && `m${message.id}`);
    await this.tellCitizen(ticket, 'answer', `a${index}`, index);
    return ticket;
  }

  /** The member holding it closes the ticket (their desk's one when `id` is not given). */
  async memberClose(memberId: string, id?: string): Promise<MemberActionOutcome> {
    const ticketId = id ?? (await this.store.deskOf(memberId))?.id;
    if (!ticketId) return { kind: 'missing' };
    const result = await this.store.transition(ticketId, {
      from: ['taken'],
      to: 'closed',
      takerId: memberId,
      desk: { memberId, action: 'release' },
      set: { closedAt: this.iso(), closedBy: 'team' },
      note: this.note('closed', { detail: 'team' }),
    });
    const closed = await this.store.get(ticketId);
    // A retried close finds it closed by this member: done, and the citizen's notice queued again (once).
    const retried = !result.ok && result.why === 'closed' && closed?.closedBy === 'team' && closed.takenBy === memberId;
    if (!result.ok && !retried) return memberRefusal(result, ['not-taker', 'open']);
    await this.tellCitizen(closed!, 'closed', `r${closed!.round}-closed`);
    return { kind: 'done', ticket: closed!, team: await this.teams.get(closed!.team) };
  }

  /**
   * The console's "take": an open ticket is held by the API principal's name (as an answer with
   * `close: false` holds it) and the citizen hears who answers, as when a member takes it. Held
   * by that name already: `yours`; by someone else: `lost`.
   */
  async takeThroughApi(id: string, author: string): Promise<ApiActionOutcome> {
    const result = await this.takeForApi(id, author);
    const ticket = await this.store.get(id);
    if (!ticket) return { kind: 'missing' };
    if (result.ok) {
      await this.tellCitizen(ticket, 'taken', `t${Date.parse(ticket.takenAt ?? '')}`);
      return { kind: 'done', ticket };
    }
    if (ticket.status === 'closed') return { kind: 'closed' };
    return heldThroughApiBy(ticket, author) ? { kind: 'yours', ticket } : lostTo(ticket);
  }

  /**
   * The console's "close", as an answer that closes does it (a member holding it is told, the
   * citizen is asked to rate). As in the chat, only who holds it closes it — held through the API
   * by `author` — unless `anyHolder` (officers): then any open or taken ticket.
   */
  async closeThroughApi(id: string, author: string, anyHolder: boolean): Promise<ApiActionOutcome> {
    const ticket = await this.store.get(id);
    if (!ticket) return { kind: 'missing' };
    if (ticket.status === 'closed') return { kind: 'closed' };
    if (!anyHolder && !heldThroughApiBy(ticket, author)) return ticket.status === 'taken' ? lostTo(ticket) : { kind: 'not-taker' };
    await this.closeFromApi(id, author);
    const closed = await this.store.get(id);
    return closed ? { kind: 'done', ticket: closed } : { kind: 'missing' };
  }

  /**
   * An answer written through the API; the worker sends it, then closes the ticket (unless
   * told not to) once the citizen got it. Waits a little for the worker's word on delivery.
   * Answering an open ticket without closing it takes it for the API's principal (`takenByName`,
   * no member holds it): it is `taken`, the service level sees someone answering, members
   * pressing "Nhận trả lời" are told who has it, and the citizen's replies wait in its history.
   */
  async replyFromApi(id: string, text: string, close: boolean, author: string): Promise<ApiReplyOutcome> {
    const ticket = await this.store.get(id);
    if (!ticket) return { kind: 'missing' };
    if (ticket.status === 'closed') return { kind: 'closed' };
    if (!close && ticket.status === 'open') await this.takeForApi(id, author);
    const index = await this.store.append(id, this.message('team', { text }, author));
    await this.jobs.add({ kind: 'deliver', ticketId: id, index, close });
    const delivered = await this.deliveryOf(id, index);
    return { kind: 'sent', ticket: (await this.store.get(id))!, delivered };
  }

  // ---------------------------------------------------------------------------------------------
  // Jobs: offers, notices, deliveries, service levels
  // ---------------------------------------------------------------------------------------------

  /**
   * Offers an open ticket to every reachable member of a team, each once per `generation`.
   * Nobody reachable in the village team → the commune team (its own job); nobody there
   * either → it waits in the API queue, and the history says so.
   */
  async offer(id: string, teamKey: string, generation: string): Promise<{ reached: number; team: string }> {
    const ticket = await this.store.get(id);
    if (ticket?.status !== 'open') return { reached: 0, team: teamKey };
    const fallback = { kind: 'offer', ticketId: id, team: COMMUNE_TEAM, generation: `${generation}c` } as const;
    if (ticket.team !== teamKey) {
      // A retry after falling through to the commune team: that offer is queued again (its id keeps it one).
      if (ticket.team === COMMUNE_TEAM && (await this.store.flag(id, `n-u-${generation}`)) !== undefined) await this.jobs.add(fallback);
      return { reached: 0, team: teamKey };
    }
    const team = await this.teams.get(teamKey);
    let reached = 0;
    for (const member of team.members) {
      if (member.zaloId === ticket.citizenId) continue;
      const flag = `o-${generation}-${member.zaloId}`;
      let sent = await this.store.flag(id, flag);
      if (sent === undefined) {
        sent = (await this.requireNotifier().offer(member.zaloId, ticket, team)) ? '1' : '0';
        await this.store.setFlag(id, flag, sent);
      }
      if (sent === '1') reached += 1;
    }
    if (reached > 0) {
      await this.store.append(id, this.note('offered', { team: teamKey, detail: String(reached) }), `n-o-${generation}`);
      return { reached, team: teamKey };
    }
    await this.store.append(id, this.note('unreachable', { team: teamKey }), `n-u-${generation}`);
    if (teamKey === COMMUNE_TEAM) {
      await this.store.append(id, this.note('queued'), `n-q-${generation}`);
      return { reached: 0, team: teamKey };
    }
    await this.store.update(id, { team: COMMUNE_TEAM, escalatedAt: this.iso(), escalation: 'unreachable' });
    // The citizen was told the village team has it: they hear where it went.
    await this.tellCitizen(ticket, 'passed', `cu-${generation}`);
    await this.jobs.add(fallback);
    return { reached: 0, team: teamKey };
  }

  /** A notice to the other side of a ticket, about a change made already; each sent once. */
  async notice(job: TicketNoticeJob): Promise<boolean> {
    const flag = `n-${job.key}`;
    const done = await this.store.flag(job.ticketId, flag);
    if (done !== undefined) return done === '1';
    const ticket = await this.store.get(job.ticketId);
    if (!ticket) return false;
    const entry = job.index === undefined ? undefined : await this.store.entry(job.ticketId, job.index);
    const sent = job.to === 'citizen' ? await this.noticeToCitizen(ticket, job.event, entry, job.index) : await this.noticeToMember(ticket, job.memberId, job.event, entry);
    await this.store.setFlag(job.ticketId, flag, sent ? '1' : '0');
    return sent;
  }

  /**
   * Sends an answer written through the API; once the citizen got it, closes the ticket when
   * asked (telling the member who held it) and asks the citizen to rate it. Each step once.
   */
  async deliver(id: string, index: number, close: boolean): Promise<boolean> {
    const [ticket, entry] = await Promise.all([this.store.get(id), this.store.entry(id, index)]);
    if (!ticket || !entry) return false;
    let sent = await this.store.flag(id, `d${index}`);
    if (sent === undefined) {
      sent = (await this.answerCitizen(ticket, entry, index)) ? '1' : '0';
      await this.store.setFlag(id, `d${index}`, sent);
    }
    if (sent !== '1') return false;
    if (close) await this.closeFromApi(id, entry.by);
    return true;
  }

  /** Fired TICKET_TAKE_MINUTES of office time after opening: still nobody → the commune team (its own job). */
  async takeDue(id: string, round: number): Promise<'escalated' | 'skipped'> {
    const ticket = await this.store.get(id);
    if (!ticket || ticket.round !== round || ticket.status !== 'open') return 'skipped';
    const flag = `esc-${round}`;
    if (ticket.team === COMMUNE_TEAM && (await this.store.flag(id, flag)) === undefined) return 'skipped';
    if (ticket.team !== COMMUNE_TEAM) {
      await this.store.update(id, { team: COMMUNE_TEAM, escalatedAt: this.iso(), escalation: 'not-taken', [`f-${flag}`]: '1' });
      await this.store.append(id, this.note('escalated', { team: COMMUNE_TEAM }), `n-${flag}`);
    }
    await this.jobs.add({ kind: 'offer', ticketId: id, team: COMMUNE_TEAM, generation: `e${round}` });
    return 'escalated';
  }

  /**
   * Fired TICKET_ANSWER_HOURS of office time after opening: no answer reached the citizen yet
   * → officers are told and the citizen hears why (each once per round); a member holding it
   * who went silent lets it go, and the team is offered it again.
   */
  async answerDue(id: string, round: number): Promise<{ outcome: 'late' | 'skipped'; officersTold: number }> {
    const ticket = await this.store.get(id);
    const roundStart = ticket?.reopenedAt ?? ticket?.createdAt ?? '';
    const answered = ticket?.lastAnswerAt !== undefined && ticket.lastAnswerAt >= roundStart;
    if (!ticket || ticket.round !== round || ticket.status === 'closed' || answered) return { outcome: 'skipped', officersTold: 0 };
    const notifier = this.requireNotifier();
    let told = await this.store.flag(id, `late-${round}`);
    if (told === undefined) {
      told = String(await notifier.toOfficers(ticket, this.options.answerWithinMs));
      await this.store.append(id, this.note('late', { detail: told }), `n-late-${round}`);
      await this.store.setFlag(id, `late-${round}`, told);
    }
    if (ticket.status === 'taken' && ticket.takenBy) await this.release(ticket, ticket.takenBy, 'silent');
    if ((await this.store.flag(id, `late-${round}-citizen`)) === undefined) {
      await notifier.toCitizen(ticket, { kind: 'late', officersTold: Number(told) > 0 });
      await this.store.setFlag(id, `late-${round}-citizen`, '1');
    }
    return { outcome: 'late', officersTold: Number(told) };
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers
  // ---------------------------------------------------------------------------------------------

  /** A new or reopened ticket goes straight to the commune team when nobody in the village team can be reached. */
  private async route(ticket: Ticket): Promise<Ticket> {
    const team = await this.firstTeam(ticket.citizenId, ticket.village);
    if (team.key === ticket.team) return ticket;
    const set = { team: team.key, escalatedAt: this.iso(), escalation: 'unreachable' } as const;
    await this.store.update(ticket.id, set);
    await this.store.append(ticket.id, this.note('unreachable', { team: ticket.team }), `n-routed-${ticket.round}`);
    return { ...ticket, ...set };
  }

  private async plan(ticket: Ticket): Promise<void> {
    const now = this.now();
    const { calendar, takeWithinMs, answerWithinMs } = this.options;
    await this.jobs.add({ kind: 'offer', ticketId: ticket.id, team: ticket.team, generation: `r${ticket.round}` });
    await this.jobs.add({ kind: 'take-due', ticketId: ticket.id, round: ticket.round }, calendar.addOfficeTime(now, takeWithinMs) - now);
    await this.jobs.add({ kind: 'answer-due', ticketId: ticket.id, round: ticket.round }, calendar.addOfficeTime(now, answerWithinMs) - now);
  }

  private async closeForCitizen(citizenId: string, id: string, closedBy: 'withdrawn' | 'citizen'): Promise<CitizenOutcome> {
    const before = await this.store.get(id);
    const result = await this.store.transition(id, {
      from: ['open', 'taken'],
      to: 'closed',
      citizenId,
      ...(before?.takenBy ? { desk: { memberId: before.takenBy, action: 'release' as const } } : {}),
      set: { closedAt: this.iso(), closedBy },
      note: this.note('closed', { detail: closedBy }),
    });
    const closed = await this.store.get(id);
    // A retried press finds it closed as asked: done, and the member's notice queued again (once).
    const retried = !result.ok && result.why === 'closed' && closed?.citizenId === citizenId && closed.closedBy === closedBy;
    if (!result.ok && !retried) return { kind: 'refused', why: refusal(result) };
    const event = closedBy === 'withdrawn' ? 'withdrawn' : 'closed-by-citizen';
    if (closed!.takenBy) await this.tellMember(closed!, closed!.takenBy, event, `r${closed!.round}-${closedBy}`);
    return { kind: 'done', ticket: closed! };
  }

  /** Open → taken by the API's principal; a member who took it meanwhile keeps it. */
  private takeForApi(id: string, author: string): Promise<TransitionResult> {
    return this.store.transition(id, {
      from: ['open'],
      to: 'taken',
      set: { takenByName: author, takenAt: this.iso() },
      unset: ['takenBy'],
      note: this.note('taken', { by: author, detail: 'api' }),
    });
  }

  /** Closes a ticket answered through the API (or finds it so on a retry), then the notices. */
  private async closeFromApi(id: string, author: string | undefined): Promise<void> {
    const before = await this.store.get(id);
    if (!before) return;
    const result = await this.store.transition(id, {
      from: ['open', 'taken'],
      to: 'closed',
      ...(before.takenBy ? { desk: { memberId: before.takenBy, action: 'release' as const } } : {}),
      set: { closedAt: this.iso(), closedBy: 'api' },
      note: this.note('closed', { detail: 'api', by: author }),
    });
    const closed = (await this.store.get(id))!;
    if (!result.ok && closed.closedBy !== 'api') return;
    // The member holding it: their next messages must not go to the procedure search unexplained.
    if (closed.takenBy) await this.tellMember(closed, closed.takenBy, 'closed-by-api', `r${closed.round}-api`);
    await this.tellCitizen(closed, 'closed', `r${closed.round}-closed`);
  }

  /** The holder cannot be reached or went silent: back to `open`, and the team is offered it again. */
  private async release(ticket: Ticket, memberId: string, why: 'unreachable' | 'silent'): Promise<void> {
    const takenAt = Date.parse(ticket.takenAt ?? '');
    const result = await this.store.transition(ticket.id, {
      from: ['taken'],
      to: 'open',
      takerId: memberId,
      desk: { memberId, action: 'release' },
      unset: ['takenBy', 'takenByName', 'takenAt'],
      note: this.note('unreachable', { team: ticket.team, by: ticket.takenByName, ...(why === 'silent' ? { detail: why } : {}) }),
    });
    if (!result.ok) return;
    if (why === 'silent') await this.tellMember(ticket, memberId, 'released', `u${takenAt}`);
    await this.jobs.add({ kind: 'offer', ticketId: ticket.id, team: ticket.team, generation: `u${takenAt}` });
  }

  private async noticeToCitizen(ticket: Ticket, event: CitizenEvent, entry: TicketMessage | undefined, index: number | undefined): Promise<boolean> {
    if (event === 'answer') return entry !== undefined && index !== undefined && this.answerCitizen(ticket, entry, index);
    const notifier = this.requireNotifier();
    const teamName = (await this.teams.get(ticket.team)).name;
    switch (event) {
      case 'taken':
        // Taken and let go (or closed) before the notice went: nothing true to say any more.
        return ticket.status === 'taken' && notifier.toCitizen(ticket, { kind: 'taken', teamName });
      case 'passed':
        return notifier.toCitizen(ticket, { kind: 'passed', teamName });
      case 'closed':
        return notifier.toCitizen(ticket, { kind: 'closed' });
    }
  }

  private async noticeToMember(ticket: Ticket, memberId: string, event: MemberEvent, entry: TicketMessage | undefined): Promise<boolean> {
    const notifier = this.requireNotifier();
    if (event !== 'message') return notifier.toMember(memberId, ticket, { kind: event });
    if (!entry) return false;
    const sent = await notifier.toMember(memberId, ticket, { kind: 'message', message: entry });
    // Zalo will not let the OA reach the member answering: the team gets the ticket back.
    if (!sent && ticket.status === 'taken' && ticket.takenBy === memberId) await this.release(ticket, memberId, 'unreachable');
    return sent;
  }

  /** Sends the team's message (history entry `index`) to the citizen: the ticket records whether it arrived. */
  private async answerCitizen(ticket: Ticket, entry: TicketMessage, index: number): Promise<boolean> {
    const team = await this.teams.get(ticket.team);
    const sent = await this.requireNotifier().toCitizen(ticket, { kind: 'answer', message: entry, teamName: team.name });
    if (sent) await this.store.answered(ticket.id, entry.at);
    else await this.undelivered(ticket, index);
    return sent;
  }

  /** The team's message did not reach the citizen: the history says so, and the member holding it is told. */
  private async undelivered(ticket: Ticket, index: number): Promise<void> {
    await this.store.append(ticket.id, this.note('undelivered', { detail: String(index) }), `n-nd-${index}`);
    if (ticket.status === 'taken' && ticket.takenBy) await this.tellMember(ticket, ticket.takenBy, 'undelivered', `nd${index}`);
  }

  private tellCitizen(ticket: Ticket, event: CitizenEvent, key: string, index?: number): Promise<void> {
    return this.jobs.add({ kind: 'notice', ticketId: ticket.id, key, to: 'citizen', event, ...(index === undefined ? {} : { index }) });
  }

  private tellMember(ticket: Ticket, memberId: string, event: MemberEvent, key: string, index?: number): Promise<void> {
    return this.jobs.add({ kind: 'notice', ticketId: ticket.id, key, to: 'member', memberId, event, ...(index === undefined ? {} : { index }) });
  }

  /** Whether the worker delivered history entry `index`: null when it had not tried within the wait. */
  private async deliveryOf(id: string, index: number): Promise<boolean | null> {
    const sleep = this.options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
    const waitMs = this.options.deliveryWaitMs ?? 10_000;
    for (let waited = 0; ; waited += DELIVERY_POLL_MS) {
      const flag = await this.store.flag(id, `d${index}`);
      if (flag !== undefined) return flag === '1';
      if (waited >= waitMs) return null;
      await sleep(DELIVERY_POLL_MS);
    }
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

/** Taken through the API (no member holds it) under this name. */
function heldThroughApiBy(ticket: Ticket, author: string): boolean {
  return ticket.status === 'taken' && !ticket.takenBy && ticket.takenByName === author;
}

function lostTo(ticket: Ticket): ApiActionOutcome {
  return { kind: 'lost', ...(ticket.takenByName ? { byName: ticket.takenByName } : {}) };
}

function memberName(team: Team, memberId: string): string | undefined {
  return team.members.find((m) => m.zaloId === memberId)?.displayName;
}

/** A member's action the store refused: `lost` for the refusals in `lostWhen` (someone else has or had it), else closed or gone. */
function memberRefusal(result: Exclude<TransitionResult, { ok: true }>, lostWhen: ReadonlyArray<TransitionRefusal>): MemberRefusal {
  if (result.why === 'busy') return { kind: 'busy', id: result.holding };
  if (lostWhen.includes(result.why)) return { kind: 'lost', ...(result.takenByName ? { byName: result.takenByName } : {}) };
  return { kind: result.why === 'closed' ? 'closed' : 'missing' };
}

function refusal(result: TransitionResult): 'missing' | 'not-yours' | 'closed' | 'open' {
  if (result.ok) return 'open';
  if (result.why === 'missing' || result.why === 'not-yours' || result.why === 'closed') return result.why;
  return 'open';
}
