/**
 * The team member's side of a ticket, in their own chat with the OA. An offer carries "Nhận trả
 * lời" (`tk:t:<id>`) and "Chuyển tổ xã" (`tk:x:<id>`); two members pressing at once → one holds
 * it, the other is told who does. While they hold it, everything they send goes to the citizen,
 * signed with the team's name, until they press "Đóng câu hỏi" (`tk:c:<id>`) or type "xong" /
 * "đóng". Whether the presser may answer is checked against the team registry.
 */
import { Composer } from 'grammy';
import type { BotContext, FlowContext } from './context';
import type { MemberRefusal } from '../src/domain/tickets/team-commands';
import type { Flow, FlowDeps } from './flow';
import { isAskForPerson, isCloseWord } from './ticket-phrases';
import { RELAYED, toCitizenMessage } from './ask-team';
import { citizenLabel, heldTicketKeyboard, TicketAction, ticketButton } from './ticket-text';
import { captures } from '../src/domain/text/regex-captures';

export function createMemberTicketsFlow(deps: FlowDeps): Flow {
  const tickets = deps.tickets.team;
  const memberOf = (ctx: FlowContext) => String(ctx.chatId);

  /** What a member hears when the ticket was not theirs to act on. */
  function refusal(ctx: FlowContext, id: string, outcome: MemberRefusal) {
    switch (outcome.kind) {
      case 'lost':
        return ctx.reply(ctx.t('tickets.member.lost', { id, name: outcome.byName ?? ctx.t('tickets.member.someoneElse') }));
      case 'closed':
        return ctx.reply(ctx.t('tickets.member.closedAlready', { id }));
      case 'not-member':
        return ctx.reply(ctx.t('tickets.member.notMember'));
      case 'busy':
        return ctx.reply(ctx.t('tickets.member.busy', { id: outcome.id }));
      case 'asking':
        return ctx.reply(ctx.t('tickets.member.asking', { id: outcome.id }));
      case 'own':
        return ctx.reply(ctx.t('tickets.member.own', { id }));
      case 'commune-already':
        return ctx.reply(ctx.t('tickets.member.communeAlready', { id }));
      default:
        return ctx.reply(ctx.t('tickets.member.gone'));
    }
  }

  async function close(ctx: FlowContext, id?: string) {
    const outcome = await tickets.memberClose(memberOf(ctx), id);
    if (outcome.kind === 'done') return ctx.reply(ctx.t('tickets.member.closedDone', { id: outcome.ticket.id }));
    if (!id && outcome.kind === 'missing') return ctx.reply(ctx.t('tickets.member.noDesk'));
    return refusal(ctx, id ?? '', outcome);
  }

  const handlers = new Composer<BotContext>();
  handlers.callbackQuery(ticketButton(TicketAction.Take), async (ctx) => {
    const [id] = captures(ctx.match, 1);
    const outcome = await tickets.take(memberOf(ctx), id);
    if (outcome.kind !== 'taken' && outcome.kind !== 'yours') return void (await refusal(ctx, id, outcome));
    const text = ctx.t('tickets.member.takenByYou', { id, citizen: citizenLabel(ctx.t, outcome.ticket), team: outcome.team.name });
    await ctx.reply(text, { reply_markup: heldTicketKeyboard(ctx.t, outcome.ticket) });
  });
  handlers.callbackQuery(ticketButton(TicketAction.Pass), async (ctx) => {
    const [id] = captures(ctx.match, 1);
    const outcome = await tickets.passToCommune(memberOf(ctx), id);
    if (outcome.kind !== 'done') return void (await refusal(ctx, id, outcome));
    await ctx.reply(ctx.t('tickets.member.passed', { id, team: outcome.team.name }));
  });
  handlers.callbackQuery(ticketButton(TicketAction.Close), (ctx) => close(ctx, ctx.match[1]));
  // The member's chat goes to the citizen of the ticket they hold; "xong" closes it.
  handlers.on([...RELAYED], async (ctx, next) => {
    const member = memberOf(ctx);
    const text = ctx.message.text;
    const held = await tickets.heldBy(member);
    if (!held) {
      // A retried "xong" (the first reply failed): answered as the first time, nothing closed twice.
      const closed = text && isCloseWord(text) ? await tickets.justClosedBy(member) : undefined;
      return closed ? void (await close(ctx, closed.id)) : next();
    }
    if (text && isCloseWord(text)) return void (await close(ctx, held.id));
    // Asking the team themselves: the citizen's side tells them to close this one first.
    if (text && isAskForPerson(text)) return next();
    await tickets.memberSays(member, toCitizenMessage(ctx.message, ctx.t));
  });
  return { name: 'member-tickets', handlers };
}
