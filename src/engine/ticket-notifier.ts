/**
 * The ticket notices to someone other than the user being answered: offers to team members,
 * the team's answers and the ticket's turns to the citizen, the citizen's replies to the member
 * holding the ticket, and late tickets to officers. Sent through the bot's API (the Zalo bridge)
 * like every other message, in the recipient's language.
 *
 * Zalo lets the OA message someone only within 7 days of their last interaction: a member the
 * ledger knows is outside it is skipped without a call, and a send Zalo refuses for that reason
 * (-230, -232) or because the user cannot receive (-213, -217, …) counts as not reached, so the
 * service tries the next member. Any other failure is thrown: the job retries.
 */
import type { Api } from 'grammy';
import type { Logger } from '../logger';
import { hashId } from '../logger';
import type { I18n, Translate } from '../i18n';
import type { InteractionLedger } from '../edge/zalo/interaction-ledger';
import type { UserProfiles } from '../domain/user-profiles';
import type { CommuneProfile } from '../domain/commune/commune-profile';
import type { StaffDirectory } from '../domain/access/staff-directory';
import type { Team } from '../domain/teams/team';
import type { Ticket } from '../domain/tickets/ticket';
import type { CitizenNotice, MemberNotice, TicketNotifier } from '../domain/tickets/ticket-service';
import { reachPhrase } from '../../flows/contact-phrases';
import { citizenLabel, closedKeyboard, deskKeyboard, hoursOf, messageText, offerMessage, questionText, statusText, TicketAction, ticketData, withdrawKeyboard } from '../../flows/ticket-text';
import { buttons } from '../../flows/keyboard';
import { OfficerAlerts, sendUnlessUnreachable } from './officer-alerts';
import { userTranslator } from './user-language';

export interface BotTicketNotifierDeps {
  /** The bot's API, read when sending: the bot is built after the flows that use this notifier. */
  api: () => Api;
  ledger: InteractionLedger;
  profiles: UserProfiles;
  i18n: I18n;
  commune: CommuneProfile;
  staff: Pick<StaffDirectory, 'list'>;
  logger: Logger;
}

type Keyboard = ReturnType<typeof buttons>;

export class BotTicketNotifier implements TicketNotifier {
  private readonly officers: OfficerAlerts;

  constructor(private readonly deps: BotTicketNotifierDeps) {
    this.officers = new OfficerAlerts(deps);
  }

  async reachable(memberId: string): Promise<boolean> {
    return (await this.deps.ledger.window(memberId)) !== 'closed';
  }

  async offer(memberId: string, ticket: Ticket, team: Team): Promise<boolean> {
    if (!(await this.reachable(memberId))) {
      this.deps.logger.info({ ticket: ticket.id, member: hashId(memberId) }, 'team member outside the 7-day window: skipped');
      return false;
    }
    const t = await this.translator(memberId);
    const { text, keyboard } = offerMessage(t, ticket, team.key);
    return this.send(memberId, text, keyboard, ticket.id);
  }

  async toCitizen(ticket: Ticket, notice: CitizenNotice): Promise<boolean> {
    const t = await this.translator(ticket.citizenId);
    const doneButton = buttons([{ label: t('tickets.buttons.done'), data: ticketData(TicketAction.Done, ticket.id) }]);
    switch (notice.kind) {
      case 'answer': {
        const text = t('tickets.answer', { text: messageText(t, notice.message), team: notice.teamName, id: ticket.id });
        return this.send(ticket.citizenId, text, ticket.status === 'taken' ? doneButton : undefined, ticket.id);
      }
      case 'taken':
        return this.send(ticket.citizenId, t('tickets.taken', { member: ticket.takenByName ?? t('tickets.someone'), team: notice.teamName, id: ticket.id }), doneButton, ticket.id);
      case 'passed':
        return this.send(ticket.citizenId, t('tickets.passed', { id: ticket.id, team: notice.teamName }), withdrawKeyboard(t, ticket.id), ticket.id);
      case 'closed':
        return this.send(ticket.citizenId, t('tickets.closed', { id: ticket.id }), closedKeyboard(t, ticket.id), ticket.id);
      case 'late': {
        const text = t(`tickets.late.${notice.officersTold ? 'told' : 'notTold'}`, { id: ticket.id, reach: reachPhrase(t, this.deps.commune) });
        return this.send(ticket.citizenId, text, undefined, ticket.id);
      }
    }
  }

  async toMember(memberId: string, ticket: Ticket, notice: MemberNotice): Promise<boolean> {
    const t = await this.translator(memberId);
    const citizen = citizenLabel(t, ticket);
    switch (notice.kind) {
      case 'message':
        return this.send(memberId, t('tickets.member.fromCitizen', { citizen, id: ticket.id, text: messageText(t, notice.message) }), deskKeyboard(t, ticket), ticket.id);
      case 'withdrawn':
        return this.send(memberId, t('tickets.member.withdrawn', { citizen, id: ticket.id }), undefined, ticket.id);
      case 'closed-by-citizen':
        return this.send(memberId, t('tickets.member.closedByCitizen', { citizen, id: ticket.id }), undefined, ticket.id);
      case 'closed-by-api':
        return this.send(memberId, t('tickets.member.closedByApi', { citizen, id: ticket.id }), undefined, ticket.id);
      case 'undelivered':
        return this.send(memberId, t('tickets.member.notDelivered', { id: ticket.id }), deskKeyboard(t, ticket), ticket.id);
      case 'released':
        return this.send(memberId, t('tickets.member.released', { citizen, id: ticket.id }), undefined, ticket.id);
    }
  }

  toOfficers(ticket: Ticket, answerWithinMs: number): Promise<number> {
    return this.officers.tell(
      (t) => t('tickets.member.late', { id: ticket.id, village: ticket.village, hours: hoursOf(answerWithinMs), status: statusText(t, ticket), question: questionText(t, ticket) }),
      { ticket: ticket.id, about: 'late ticket' },
    );
  }

  private async translator(userId: string): Promise<Translate> {
    return userTranslator(this.deps, userId);
  }

  /** true when sent, false when Zalo's rules leave the user unreachable now. */
  private async send(userId: string, text: string, keyboard: Keyboard | undefined, ticketId: string): Promise<boolean> {
    const sent = await sendUnlessUnreachable(this.deps.api(), userId, text, keyboard ? { reply_markup: keyboard } : {});
    if (!sent) this.deps.logger.info({ ticket: ticketId, user: hashId(userId) }, 'ticket notice not deliverable: user not reachable');
    return sent;
  }
}
