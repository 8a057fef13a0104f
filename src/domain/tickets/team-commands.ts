/**
 * What the team does with a ticket: a member, in their own chat with the OA, takes it (one
 * ticket at a time, never their own question, not while waiting for an answer of their own),
 * answers it, passes it to the commune team or closes it; officers and teams do the same through
 * the API (the console). Usable without the notifier — the web role answers through the API with
 * it: what must be sent is queued as jobs for the worker (./ticket-follow-ups.ts).
 */
import { COMMUNE_TEAM, type Team } from '../teams/team';
import type { TeamRegistry } from '../teams/team-registry';
import type { CitizenMessage, Ticket } from './ticket';
import type { TicketStore, TransitionResult } from './ticket-store';
import { TicketTrail, type TicketJobs } from './ticket-trail';

export interface TeamCommandOptions {
  /** How long an API reply waits for the worker to say whether the citizen got it. */
  deliveryWaitMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
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

/** `delivered`: null when the worker had not tried yet within the wait. */
export type ApiReplyOutcome =
  { kind: 'sent'; ticket: Ticket; delivered: boolean | null } | { kind: 'lost'; byName?: string } | { kind: 'missing' | 'closed' };

/** Taking or closing a ticket through the API (the console): done, or refused as the chat refuses a member. */
export type ApiActionOutcome =
  { kind: 'done' | 'yours'; ticket: Ticket } | { kind: 'lost'; byName?: string } | { kind: 'missing' | 'closed' | 'not-taker' };

type TransitionRefusal = Exclude<TransitionResult, { ok: true }>['why'];

/** A retried "xong" within this long of closing is answered as the first one was. */
const RETRY_WINDOW_MS = 10 * 60_000;
const DELIVERY_POLL_MS = 100;

export class TeamCommands {
  private readonly trail: TicketTrail;

  constructor(
    private readonly store: TicketStore,
    private readonly teams: TeamRegistry,
    private readonly jobs: TicketJobs,
    private readonly options: TeamCommandOptions = {},
  ) {
    this.trail = new TicketTrail(jobs, options.now);
  }

  /** The ticket a member holds: their chat is relayed to its citizen. */
  heldBy(memberId: string): Promise<Ticket | undefined> {
    return this.store.heldBy(memberId);
  }

  /** The ticket the member closed just now (their retried "xong" finds it). */
  async justClosedBy(memberId: string): Promise<Ticket | undefined> {
    const ticket = await this.store.lastHeldBy(memberId);
    const recent = ticket?.closedAt !== undefined && this.trail.now() - Date.parse(ticket.closedAt) < RETRY_WINDOW_MS;
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
    const asking = await this.store.activeOf(memberId);
    if (asking) return { kind: 'asking', id: asking.id };
    await this.store.releaseStaleHold(memberId);
    const name = memberName(team, memberId);
    const takenAt = this.trail.iso();
    const result = await this.store.transition(id, {
      from: ['open'],
      to: 'taken',
      set: { takenBy: memberId, takenAt, team: team.key, ...(name ? { takenByName: name } : {}) },
      unset: name ? [] : ['takenByName'],
      hold: { memberId, action: 'take' },
      note: this.trail.note('taken', { team: team.key, by: name }),
    });
    if (result.ok) {
      await this.trail.tellCitizen(result.ticket, 'taken', `t${Date.parse(takenAt)}`);
      return { kind: 'taken', ticket: result.ticket, team };
    }
    if (result.why === 'taken' && result.takenBy === memberId) {
      // A retried take: the citizen's notice is queued again under the same key (so once).
      await this.trail.tellCitizen(ticket, 'taken', `t${Date.parse(ticket.takenAt ?? '')}`);
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
      ...(wasTaken ? { takerId: memberId, hold: { memberId, action: 'release' as const } } : {}),
      set: { team: COMMUNE_TEAM, escalatedAt: this.trail.iso(), escalation: 'passed', ...(name ? { passedByName: name } : {}) },
      unset: ['takenBy', 'takenByName', 'takenAt', ...(name ? [] : ['passedByName'])],
      note: this.trail.note('passed', { team: COMMUNE_TEAM, by: name }),
    });
    if (!result.ok) return memberRefusal(result, ['not-taker', 'taken']);
    const passed = result.ticket;
    // The citizen was told someone answers them: they hear it moved on.
    if (wasTaken) await this.trail.tellCitizen(passed, 'passed', `p${passed.round}`);
    await this.jobs.add({ kind: 'offer', ticketId: id, team: COMMUNE_TEAM, generation: `p${passed.round}` });
    return { kind: 'done', ticket: passed, team: await this.teams.get(COMMUNE_TEAM) };
  }

  /** What the member holding a ticket sends goes to its citizen (a job), signed with the team's name. */
  async memberSays(memberId: string, message: CitizenMessage): Promise<Ticket | undefined> {
    const ticket = await this.store.heldBy(memberId);
    if (!ticket) return undefined;
    const index = await this.store.append(
      ticket.id,
      this.trail.message('team', message, ticket.takenByName),
      message.id && `m${message.id}`,
    );
    await this.trail.tellCitizen(ticket, 'answer', `a${index}`, index);
    return ticket;
  }

  /** The member holding it closes the ticket (the one they hold when `id` is not given). */
  async memberClose(memberId: string, id?: string): Promise<MemberActionOutcome> {
    const ticketId = id ?? (await this.store.heldBy(memberId))?.id;
    if (!ticketId) return { kind: 'missing' };
    const result = await this.store.transition(ticketId, {
      from: ['taken'],
      to: 'closed',
      takerId: memberId,
      hold: { memberId, action: 'release' },
      set: { closedAt: this.trail.iso(), closedBy: 'team' },
      note: this.trail.note('closed', { detail: 'team' }),
    });
    const closed = result.ok ? result.ticket : await this.store.get(ticketId);
    // A retried close finds it closed by this member: done, and the citizen's notice queued again (once).
    const retried = !result.ok && result.why === 'closed' && closed?.closedBy === 'team' && closed.takenBy === memberId;
    if (!result.ok && !retried) return memberRefusal(result, ['not-taker', 'open']);
    if (!closed) return { kind: 'missing' };
    await this.trail.tellCitizen(closed, 'closed', `r${closed.round}-closed`);
    return { kind: 'done', ticket: closed, team: await this.teams.get(closed.team) };
  }

  /**
   * The console's "take": an open ticket is held by the API principal's name (as an answer with
   * `close: false` holds it) and the citizen hears who answers, as when a member takes it. Held
   * by that name already: `yours`; by someone else: `lost`.
   */
  async takeThroughApi(id: string, author: string): Promise<ApiActionOutcome> {
    const result = await this.takeForApi(id, author);
    if (result.ok) {
      await this.trail.tellCitizen(result.ticket, 'taken', `t${Date.parse(result.ticket.takenAt ?? '')}`);
      return { kind: 'done', ticket: result.ticket };
    }
    const ticket = await this.store.get(id);
    if (!ticket) return { kind: 'missing' };
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
    const closed = await this.closeAnswered(id, author);
    return closed ? { kind: 'done', ticket: closed } : { kind: 'missing' };
  }

  /**
   * An answer written through the API; the worker sends it, then closes the ticket (unless
   * told not to) once the citizen got it. Waits a little for the worker's word on delivery.
   * Answering an open ticket without closing it takes it for the API's principal (`takenByName`,
   * no member holds it): it is `taken`, the service level sees someone answering, members
   * pressing "Nhận trả lời" are told who has it, and the citizen's replies wait in its history.
   */
  async replyFromApi(id: string, text: string, close: boolean, author: string, anyHolder: boolean): Promise<ApiReplyOutcome> {
    const ticket = await this.store.get(id);
    if (!ticket) return { kind: 'missing' };
    if (ticket.status === 'closed') return { kind: 'closed' };
    // A team's token answers what is open or what it holds, as a member in the chat; officers answer any.
    if (!anyHolder && ticket.status === 'taken' && !heldThroughApiBy(ticket, author)) return lostTo(ticket);
    if (!close && ticket.status === 'open') await this.takeForApi(id, author);
    const index = await this.store.append(id, this.trail.message('team', { text }, author));
    await this.jobs.add({ kind: 'deliver', ticketId: id, index, close });
    const delivered = await this.deliveryOf(id, index);
    // Read again: the worker may have closed it meanwhile.
    const after = await this.store.get(id);
    return after ? { kind: 'sent', ticket: after, delivered } : { kind: 'missing' };
  }

  /**
   * Closes a ticket answered through the API (or finds it so on a retry), then the notices: the
   * console's close, and the worker's once the citizen got an answer that closes. The ticket as
   * it is now; undefined when it is gone.
   */
  async closeAnswered(id: string, author: string | undefined): Promise<Ticket | undefined> {
    const before = await this.store.get(id);
    if (!before) return undefined;
    const result = await this.store.transition(id, {
      from: ['open', 'taken'],
      to: 'closed',
      ...(before.takenBy ? { hold: { memberId: before.takenBy, action: 'release' as const } } : {}),
      set: { closedAt: this.trail.iso(), closedBy: 'api' },
      note: this.trail.note('closed', { detail: 'api', by: author }),
    });
    const closed = result.ok ? result.ticket : await this.store.get(id);
    if (!closed || (!result.ok && closed.closedBy !== 'api')) return closed;
    // The member holding it: their next messages must not go to the procedure search unexplained.
    if (closed.takenBy) await this.trail.tellMember(closed, closed.takenBy, 'closed-by-api', `r${closed.round}-api`);
    await this.trail.tellCitizen(closed, 'closed', `r${closed.round}-closed`);
    return closed;
  }

  /** Open → taken by the API's principal; a member who took it meanwhile keeps it. */
  private takeForApi(id: string, author: string): Promise<TransitionResult> {
    return this.store.transition(id, {
      from: ['open'],
      to: 'taken',
      set: { takenByName: author, takenAt: this.trail.iso() },
      unset: ['takenBy'],
      note: this.trail.note('taken', { by: author, detail: 'api' }),
    });
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
}

function memberName(team: Team, memberId: string): string | undefined {
  return team.members.find((m) => m.zaloId === memberId)?.displayName;
}

/** Taken through the API (no member holds it) under this name. */
function heldThroughApiBy(ticket: Ticket, author: string): boolean {
  return ticket.status === 'taken' && !ticket.takenBy && ticket.takenByName === author;
}

function lostTo(ticket: Ticket): { kind: 'lost'; byName?: string } {
  return { kind: 'lost', ...(ticket.takenByName ? { byName: ticket.takenByName } : {}) };
}

/** A member's action the store refused: `lost` for the refusals in `lostWhen` (someone else has or had it), else closed or gone. */
function memberRefusal(result: Exclude<TransitionResult, { ok: true }>, lostWhen: ReadonlyArray<TransitionRefusal>): MemberRefusal {
  if (result.why === 'busy') return { kind: 'busy', id: result.holding };
  if (lostWhen.includes(result.why)) return { kind: 'lost', ...(result.takenByName ? { byName: result.takenByName } : {}) };
  return { kind: result.why === 'closed' ? 'closed' : 'missing' };
}
