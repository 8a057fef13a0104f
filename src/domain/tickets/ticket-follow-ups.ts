/**
 * The worker's jobs on the `tickets` queue, which the commands queue: offers to a team's members,
 * notices to the other side of a ticket, answers written through the API delivered to the
 * citizen, and the service-level checks (not taken in time → the commune team; not answered in
 * time → officers are told and the citizen gets an honest update). Each re-reads the ticket when
 * it runs, so a ticket taken or answered meanwhile makes it a no-op, and records what it did, so
 * a retried job does it once. Everything goes out through the `TicketNotifier`.
 */
import { COMMUNE_TEAM } from '../teams/team';
import type { TeamRegistry } from '../teams/team-registry';
import type { TicketNoticeJob } from '../../store/queues';
import type { Ticket, TicketMessage } from './ticket';
import type { TicketNotifier } from './ticket-notifier';
import type { TicketStore } from './ticket-store';
import type { TeamCommands } from './team-commands';
import { TicketTrail, type CitizenEvent, type MemberEvent, type TicketJobs } from './ticket-trail';

export interface FollowUpOptions {
  /** Office time a ticket may wait for an answer before officers are told (the officers' alert says it). */
  answerWithinMs: number;
  now?: () => number;
}

export class TicketFollowUps {
  private readonly trail: TicketTrail;

  constructor(
    private readonly store: TicketStore,
    private readonly teams: TeamRegistry,
    private readonly jobs: TicketJobs,
    private readonly notifier: TicketNotifier,
    /** Closes a ticket once the citizen got an answer that closes it, as the console's close does. */
    private readonly team: Pick<TeamCommands, 'closeAnswered'>,
    private readonly options: FollowUpOptions,
  ) {
    this.trail = new TicketTrail(jobs, options.now);
  }

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
        sent = (await this.notifier.offer(member.zaloId, ticket, team)) ? '1' : '0';
        await this.store.setFlag(id, flag, sent);
      }
      if (sent === '1') reached += 1;
    }
    if (reached > 0) {
      await this.store.append(id, this.trail.note('offered', { team: teamKey, detail: String(reached) }), `n-o-${generation}`);
      return { reached, team: teamKey };
    }
    await this.store.append(id, this.trail.note('unreachable', { team: teamKey }), `n-u-${generation}`);
    if (teamKey === COMMUNE_TEAM) {
      await this.store.append(id, this.trail.note('queued'), `n-q-${generation}`);
      return { reached: 0, team: teamKey };
    }
    await this.store.update(id, { team: COMMUNE_TEAM, escalatedAt: this.trail.iso(), escalation: 'unreachable' });
    // The citizen was told the village team has it: they hear where it went.
    await this.trail.tellCitizen(ticket, 'passed', `cu-${generation}`);
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
    const sent =
      job.to === 'citizen'
        ? await this.noticeToCitizen(ticket, job.event, entry, job.index)
        : await this.noticeToMember(ticket, job.memberId, job.event, entry);
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
    if (close) await this.team.closeAnswered(id, entry.by);
    return true;
  }

  /** Fired TICKET_TAKE_MINUTES of office time after opening: still nobody → the commune team (its own job). */
  async takeDue(id: string, round: number): Promise<'escalated' | 'skipped'> {
    const ticket = await this.store.get(id);
    if (!ticket || ticket.round !== round || ticket.status !== 'open') return 'skipped';
    const flag = `esc-${round}`;
    if (ticket.team === COMMUNE_TEAM && (await this.store.flag(id, flag)) === undefined) return 'skipped';
    if (ticket.team !== COMMUNE_TEAM) {
      await this.store.update(id, { team: COMMUNE_TEAM, escalatedAt: this.trail.iso(), escalation: 'not-taken', [`f-${flag}`]: '1' });
      await this.store.append(id, this.trail.note('escalated', { team: COMMUNE_TEAM }), `n-${flag}`);
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
    let told = await this.store.flag(id, `late-${round}`);
    if (told === undefined) {
      told = String(await this.notifier.toOfficers(ticket, this.options.answerWithinMs));
      await this.store.append(id, this.trail.note('late', { detail: told }), `n-late-${round}`);
      await this.store.setFlag(id, `late-${round}`, told);
    }
    if (ticket.status === 'taken' && ticket.takenBy) await this.release(ticket, ticket.takenBy, 'silent');
    if ((await this.store.flag(id, `late-${round}-citizen`)) === undefined) {
      await this.notifier.toCitizen(ticket, { kind: 'late', officersTold: Number(told) > 0 });
      await this.store.setFlag(id, `late-${round}-citizen`, '1');
    }
    return { outcome: 'late', officersTold: Number(told) };
  }

  /** The holder cannot be reached or went silent: back to `open`, and the team is offered it again. */
  private async release(ticket: Ticket, memberId: string, why: 'unreachable' | 'silent'): Promise<void> {
    const takenAt = Date.parse(ticket.takenAt ?? '');
    const result = await this.store.transition(ticket.id, {
      from: ['taken'],
      to: 'open',
      takerId: memberId,
      hold: { memberId, action: 'release' },
      unset: ['takenBy', 'takenByName', 'takenAt'],
      note: this.trail.note('unreachable', { team: ticket.team, by: ticket.takenByName, ...(why === 'silent' ? { detail: why } : {}) }),
    });
    if (!result.ok) return;
    if (why === 'silent') await this.trail.tellMember(ticket, memberId, 'released', `u${takenAt}`);
    await this.jobs.add({ kind: 'offer', ticketId: ticket.id, team: ticket.team, generation: `u${takenAt}` });
  }

  private async noticeToCitizen(
    ticket: Ticket,
    event: CitizenEvent,
    entry: TicketMessage | undefined,
    index: number | undefined,
  ): Promise<boolean> {
    if (event === 'answer') return entry !== undefined && index !== undefined && this.answerCitizen(ticket, entry, index);
    const teamName = (await this.teams.get(ticket.team)).name;
    switch (event) {
      case 'taken':
        // Taken and let go (or closed) before the notice went: nothing true to say any more.
        return ticket.status === 'taken' && this.notifier.toCitizen(ticket, { kind: 'taken', teamName });
      case 'passed':
        return this.notifier.toCitizen(ticket, { kind: 'passed', teamName });
      case 'closed':
        return this.notifier.toCitizen(ticket, { kind: 'closed' });
    }
  }

  private async noticeToMember(ticket: Ticket, memberId: string, event: MemberEvent, entry: TicketMessage | undefined): Promise<boolean> {
    if (event !== 'message') return this.notifier.toMember(memberId, ticket, { kind: event });
    if (!entry) return false;
    const sent = await this.notifier.toMember(memberId, ticket, { kind: 'message', message: entry });
    // Zalo will not let the OA reach the member answering: the team gets the ticket back.
    if (!sent && ticket.status === 'taken' && ticket.takenBy === memberId) await this.release(ticket, memberId, 'unreachable');
    return sent;
  }

  /** Sends the team's message (history entry `index`) to the citizen: the ticket records whether it arrived. */
  private async answerCitizen(ticket: Ticket, entry: TicketMessage, index: number): Promise<boolean> {
    const team = await this.teams.get(ticket.team);
    const sent = await this.notifier.toCitizen(ticket, { kind: 'answer', message: entry, teamName: team.name });
    if (sent) await this.store.answered(ticket.id, entry.at);
    else await this.undelivered(ticket, index);
    return sent;
  }

  /** The team's message did not reach the citizen: the history says so, and the member holding it is told. */
  private async undelivered(ticket: Ticket, index: number): Promise<void> {
    await this.store.append(ticket.id, this.trail.note('undelivered', { detail: String(index) }), `n-nd-${index}`);
    if (ticket.status === 'taken' && ticket.takenBy) await this.trail.tellMember(ticket, ticket.takenBy, 'undelivered', `nd${index}`);
  }
}
