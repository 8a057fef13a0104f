/**
 * The ticket notices to someone other than the user being answered: offers to team members, the
 * team's answers and the ticket's turns to the citizen, the citizen's replies to the member holding
 * the ticket, and late tickets to officers — the tickets' `TicketNotifier` port, written over the
 * engine's notice sender. A member the ledger knows is outside Zalo's 7-day window is skipped
 * without a call; a notice Zalo refuses counts as not reached, so the service tries the next member.
 */
import type { Logger } from '../../src/logger';
import { hashId } from '../../src/logger';
import type { CommuneProfile } from '../../src/domain/commune/commune-profile';
import type { Team } from '../../src/domain/teams/team';
import type { Ticket } from '../../src/domain/tickets/ticket';
import type { CitizenNotice, MemberNotice, TicketNotifier } from '../../src/domain/tickets/ticket-notifier';
import { reachPhrase } from '../contact-phrases';
import { buttons } from '../keyboard';
import {
  citizenLabel,
  closedKeyboard,
  heldTicketKeyboard,
  hoursOf,
  messageText,
  offerMessage,
  questionText,
  statusText,
  takerName,
  TicketAction,
  ticketData,
  withdrawKeyboard,
} from '../ticket-text';
import type { Notice, NoticeSender } from './notice';

export class TicketNotices implements TicketNotifier {
  constructor(
    private readonly sender: NoticeSender,
    private readonly commune: CommuneProfile,
    private readonly logger: Logger,
  ) {}

  reachable(memberId: string): Promise<boolean> {
    return this.sender.reachable(memberId);
  }

  async offer(memberId: string, ticket: Ticket, team: Team): Promise<boolean> {
    if (!(await this.reachable(memberId))) {
      this.logger.info({ ticket: ticket.id, member: hashId(memberId) }, 'team member outside the 7-day window: skipped');
      return false;
    }
    const t = await this.sender.translator(memberId);
    return this.send(memberId, offerMessage(t, ticket, team.key), ticket.id);
  }

  async toCitizen(ticket: Ticket, notice: CitizenNotice): Promise<boolean> {
    const t = await this.sender.translator(ticket.citizenId);
    const doneButton = buttons([{ label: t('tickets.buttons.done'), data: ticketData(TicketAction.Done, ticket.id) }]);
    const send = (text: string, keyboard?: Notice['keyboard']) => this.send(ticket.citizenId, { text, keyboard }, ticket.id);
    switch (notice.kind) {
      case 'answer':
        return send(
          t('tickets.answer', { text: messageText(t, notice.message), team: notice.teamName, id: ticket.id }),
          ticket.status === 'taken' ? doneButton : undefined,
        );
      case 'taken':
        return send(t('tickets.taken', { member: takerName(t, ticket), team: notice.teamName, id: ticket.id }), doneButton);
      case 'passed':
        return send(t('tickets.passed', { id: ticket.id, team: notice.teamName }), withdrawKeyboard(t, ticket.id));
      case 'closed':
        return send(t('tickets.closed', { id: ticket.id }), closedKeyboard(t, ticket.id));
      case 'late':
        return send(t(`tickets.late.${notice.officersTold ? 'told' : 'notTold'}`, { id: ticket.id, reach: reachPhrase(t, this.commune) }));
    }
  }

  async toMember(memberId: string, ticket: Ticket, notice: MemberNotice): Promise<boolean> {
    const t = await this.sender.translator(memberId);
    const citizen = citizenLabel(t, ticket);
    const send = (text: string, keyboard?: Notice['keyboard']) => this.send(memberId, { text, keyboard }, ticket.id);
    switch (notice.kind) {
      case 'message':
        return send(
          t('tickets.member.fromCitizen', { citizen, id: ticket.id, text: messageText(t, notice.message) }),
          heldTicketKeyboard(t, ticket),
        );
      case 'withdrawn':
        return send(t('tickets.member.withdrawn', { citizen, id: ticket.id }));
      case 'closed-by-citizen':
        return send(t('tickets.member.closedByCitizen', { citizen, id: ticket.id }));
      case 'closed-by-api':
        return send(t('tickets.member.closedByApi', { citizen, id: ticket.id }));
      case 'undelivered':
        return send(t('tickets.member.notDelivered', { id: ticket.id }), heldTicketKeyboard(t, ticket));
      case 'released':
        return send(t('tickets.member.released', { citizen, id: ticket.id }));
    }
  }

  toOfficers(ticket: Ticket, answerWithinMs: number): Promise<number> {
    return this.sender.toOfficers(
      (t) =>
        t('tickets.member.late', {
          id: ticket.id,
          village: ticket.village,
          hours: hoursOf(answerWithinMs),
          status: statusText(t, ticket),
          question: questionText(t, ticket),
        }),
      { ticket: ticket.id, about: 'late ticket' },
    );
  }

  /** true when sent, false when Zalo's rules leave the user unreachable now. */
  private async send(userId: string, notice: Notice, ticketId: string): Promise<boolean> {
    const sent = (await this.sender.send(userId, notice)) === 'sent';
    if (!sent) this.logger.info({ ticket: ticketId, user: hashId(userId) }, 'ticket notice not deliverable: user not reachable');
    return sent;
  }
}
