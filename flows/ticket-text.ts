/**
 * Ticket texts and keyboards shared by the citizen's and the team's flows and by the engine's
 * notices to the other side of a ticket. Members see the citizen's display name only (or "a
 * resident of <village>"), never an id or a phone number.
 */
import { InlineKeyboard } from 'grammy';
import type { Translate } from '../src/i18n';
import type { Ticket, TicketMessage } from '../src/domain/tickets/ticket';
import { RATING_LEVELS } from '../src/domain/tickets/ticket';
import { ENV_ADMIN_NAME } from '../src/domain/access/api-tokens';
import { COMMUNE_TEAM } from '../src/domain/teams/team';
import { formatDate } from './dossier-text';

export const TICKET_DATA = 'tk';

const TIME = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** "15:30 28/11/2026" in Vietnam's time. */
export function formatDateTime(at: number): string {
  return `${TIME.format(at)} ${formatDate(new Date(at).toISOString())}`;
}

/** Callback data: `tk:<action>:<ticket id>[:<rating>]`. */
export const TicketAction = {
  Withdraw: 'w',
  Done: 'd',
  Rate: 'r',
  Reopen: 'o',
  Take: 't',
  Pass: 'x',
  Close: 'c',
} as const;

export const ticketData = (action: string, id: string, extra?: string) => `${TICKET_DATA}:${action}:${id}${extra ? `:${extra}` : ''}`;

/** Matches the data `ticketData` builds for `action`: `ctx.match[1]` is the ticket id, then what `extra` captures. */
export const ticketButton = (action: string, extra = '') => new RegExp(`^${TICKET_DATA}:${action}:(T-\\d{6,12})${extra}$`);

export function citizenLabel(t: Translate, ticket: Ticket): string {
  return ticket.citizenName ?? t('tickets.member.citizen', { village: ticket.village });
}

/** A message's text, with its photos' links (members and citizens open them in the browser). */
export function messageText(t: Translate, message: Pick<TicketMessage, 'text' | 'photos'>): string {
  const photos = message.photos?.length ? t('tickets.photos', { urls: message.photos.join(' ') }) : '';
  return [message.text || (photos ? t('tickets.photoOnly') : ''), photos].filter(Boolean).join('\n');
}

/** The ticket's question as members and officers read it. */
export function questionText(t: Translate, ticket: Ticket): string {
  return messageText(t, { text: ticket.question, photos: ticket.photos });
}

/** Who holds the ticket, as the citizen and officers are told: a member's or a named token's name, else "a member". */
export function takerName(t: Translate, ticket: Ticket): string {
  return ticket.takenByName && ticket.takenByName !== ENV_ADMIN_NAME ? ticket.takenByName : t('tickets.someone');
}

export function statusText(t: Translate, ticket: Ticket): string {
  return t(`tickets.status.${ticket.status}`, { member: takerName(t, ticket) });
}

/** A service level as the texts say it: hours, one decimal. */
export function hoursOf(ms: number): number {
  return Math.round((ms / 3_600_000) * 10) / 10;
}

/** `teamName`: the team that got it — the commune team's when nobody in the village team could be reached. */
export function confirmationText(t: Translate, ticket: Ticket, teamName: string, answerWithinMs: number, dueBy: number): string {
  const hours = hoursOf(answerWithinMs);
  const via = ticket.team !== ticket.village ? t('tickets.viaCommune', { village: ticket.village }) : '';
  return t('tickets.confirmed', { id: ticket.id, team: teamName, via, hours, by: formatDateTime(dueBy) });
}

export function withdrawKeyboard(t: Translate, id: string): InlineKeyboard {
  return new InlineKeyboard().text(t('tickets.buttons.withdraw'), ticketData(TicketAction.Withdraw, id));
}

/** The three-level rating and "reopen": four buttons. */
export function closedKeyboard(t: Translate, id: string): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const level of RATING_LEVELS) keyboard.text(t(`dossiers.rating.levels.${level}`), ticketData(TicketAction.Rate, id, level)).row();
  return keyboard.text(t('tickets.buttons.reopen'), ticketData(TicketAction.Reopen, id));
}

/** Why the commune team is offered a village's question: passed on by a member (named), not taken in time, or nobody reachable. */
function escalationText(t: Translate, ticket: Ticket): string {
  const vars = { id: ticket.id, village: ticket.village };
  if (ticket.escalation === 'passed')
    return t('tickets.member.why.passed', { ...vars, name: ticket.passedByName ?? t('tickets.member.aVillageMember') });
  return t(`tickets.member.why.${ticket.escalation === 'unreachable' ? 'unreachable' : 'notTaken'}`, vars);
}

/** An offer to a team member: take it, or (village teams) pass it to the commune team. */
export function offerMessage(t: Translate, ticket: Ticket, teamKey: string): { text: string; keyboard: InlineKeyboard } {
  const vars = { id: ticket.id, village: ticket.village, citizen: citizenLabel(t, ticket), question: questionText(t, ticket) };
  const text =
    teamKey === COMMUNE_TEAM && ticket.village !== COMMUNE_TEAM
      ? t('tickets.member.offerCommune', { ...vars, why: escalationText(t, ticket) })
      : t('tickets.member.offer', vars);
  const keyboard = new InlineKeyboard().text(t('tickets.buttons.take'), ticketData(TicketAction.Take, ticket.id));
  if (teamKey !== COMMUNE_TEAM) keyboard.row().text(t('tickets.buttons.pass'), ticketData(TicketAction.Pass, ticket.id));
  return { text, keyboard };
}

/** What the member holding a ticket may press: close it, or pass it on. */
export function heldTicketKeyboard(t: Translate, ticket: Ticket): InlineKeyboard {
  const keyboard = new InlineKeyboard().text(t('tickets.buttons.close'), ticketData(TicketAction.Close, ticket.id));
  if (ticket.team !== COMMUNE_TEAM) keyboard.row().text(t('tickets.buttons.pass'), ticketData(TicketAction.Pass, ticket.id));
  return keyboard;
}
