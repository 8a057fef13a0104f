/**
 * "Hỏi tổ công nghệ số": the citizen's question goes to their village's community digital
 * technology team. Entered from the menu, from the procedure search when nothing fits, or by
 * asking for a person ("gặp cán bộ", "tổ công nghệ số"). The bot asks for the village once (kept
 * in the follower record) and for the question; the next message — text, or a screenshot with or
 * without a caption — becomes the ticket at once, confirmed with its number, the expected time
 * and a way to withdraw it. While a member holds the ticket, the citizen's messages go to them.
 * When it closes the citizen rates it and may reopen it within a day. Buttons carry the ticket
 * id (`tk:<action>:<id>`) and are checked against its owner, since anyone can type them.
 */
import { Composer } from 'grammy';
import type { Message } from 'grammy/types';
import type { BotContext, FlowContext } from './context';
import type { Translate } from '../src/i18n';
import { RATING_LEVELS, type CitizenMessage, type RatingLevel } from '../src/domain/tickets/ticket';
import type { CitizenOutcome } from '../src/domain/tickets/citizen-commands';
import type { Flow, FlowConversation, FlowDeps, MenuEntry } from './flow';
import { buttons } from './keyboard';
import { reachPhrase } from './contact-phrases';
import { typedVillage, villageKeyboard, villageList } from './village-choice';
import { isAskForPerson } from './ticket-phrases';
import { isElsewhereThanList } from './elsewhere';
import { typedAnswerOnly } from './typed-answer';
import { closedKeyboard, confirmationText, statusText, TICKET_DATA, TicketAction, ticketButton, withdrawKeyboard } from './ticket-text';
import { captures } from '../src/domain/text/regex-captures';

const CONVERSATION = 'ask-team';
const VILLAGE_TRIES = 3;

export const ASK_TEAM_MENU_ENTRY: MenuEntry = { data: TICKET_DATA, labelKey: 'tickets.buttons.ask' };

/** Message kinds relayed within a ticket: text and photos, and files, voice, video or stickers as a link. */
export const RELAYED = ['message:text', 'message:photo', 'message:voice', 'message:document', 'message:video', 'message:sticker'] as const;

/**
 * A message's text (or caption) and its photo, as a ticket takes them; a file, voice message,
 * video or sticker becomes a note with its link (Zalo gives a URL the other side can open).
 */
export function toCitizenMessage(message: Message, t: Translate): CitizenMessage {
  const photo = message.photo?.at(-1)?.file_id;
  const file = (message.voice ?? message.document ?? message.video ?? message.sticker)?.file_id;
  const text = [message.text ?? message.caption, file ? t('tickets.attachment', { url: file }) : undefined].filter(Boolean).join('\n');
  return { id: String(message.message_id), ...(text ? { text } : {}), ...(photo ? { photos: [photo] } : {}) };
}

export function createAskTeamFlow(deps: FlowDeps): Flow & { actions: { start(ctx: BotContext): Promise<unknown> } } {
  const { commune } = deps;
  const tickets = deps.tickets.citizen;

  const villages = commune.villages.map((v) => v.name);
  const userOf = (ctx: FlowContext) => String(ctx.chatId);

  const villageButtons = (ctx: FlowContext) => ({
    pick: (i: number) => `${TICKET_DATA}:v:${i}`,
    more: (page: number) => `${TICKET_DATA}:vp:${page}`,
    moreLabel: ctx.t('tickets.buttons.more'),
  });

  async function askVillage(conversation: FlowConversation, ctx: FlowContext): Promise<string | undefined> {
    const list = villageList(commune);
    await ctx.reply(ctx.t('tickets.askVillage', { list }), { reply_markup: villageKeyboard(commune, 0, villageButtons(ctx)) });
    for (let tries = 1; tries <= VILLAGE_TRIES;) {
      const answer = await conversation.waitFor(['message:text', 'callback_query:data'], typedAnswerOnly(ctx));
      const data = answer.callbackQuery?.data ?? '';
      const page = /^tk:vp:(\d{1,3})$/.exec(data);
      if (page) {
        await answer.reply(ctx.t('tickets.villagePage'), {
          reply_markup: villageKeyboard(commune, Number(page[1]), villageButtons(answer)),
        });
        continue;
      }
      const picked = /^tk:v:(\d{1,3})$/.exec(data);
      // Any other button leaves this question and does what it says.
      if (answer.callbackQuery && !picked) return conversation.halt({ next: true });
      const typed = answer.message?.text ?? '';
      const village = picked ? villages[Number(picked[1])] : typedVillage(commune, typed);
      if (village) return village;
      if (isElsewhereThanList(deps.understander.understand(typed), ['ask_person', 'change_village', 'complaint']))
        return conversation.halt({ next: true });
      if (tries < VILLAGE_TRIES)
        await answer.reply(ctx.t('tickets.villageAgain', { typed, villages: list }), {
          reply_markup: villageKeyboard(commune, 0, villageButtons(answer)),
        });
      tries += 1;
    }
    await ctx.reply(ctx.t('tickets.villageGaveUp', { reach: reachPhrase(ctx.t, commune) }));
    return undefined;
  }

  async function askTeam(conversation: FlowConversation, ctx: FlowContext) {
    const userId = userOf(ctx);
    // One role at a time: a member answering a citizen would have their question relayed to that citizen.
    const held = await conversation.external(() => deps.tickets.team.heldBy(userId));
    if (held) return void (await ctx.reply(ctx.t('tickets.holdingDesk', { id: held.id })));
    const active = await conversation.external(() => tickets.active(userId));
    if (active) {
      const team = await conversation.external(() => tickets.teamOf(active.team));
      const text = ctx.t('tickets.alreadyOpen', { id: active.id, team: team.name, status: statusText(ctx.t, active) });
      return void (await ctx.reply(text, { reply_markup: withdrawKeyboard(ctx.t, active.id) }));
    }
    let village = await conversation.external(() => tickets.villageOf(userId));
    if (!village) {
      village = await askVillage(conversation, ctx);
      if (!village) return;
      const chosen = village;
      await conversation.external(() => tickets.setVillage(userId, chosen));
    }
    const chosenVillage = village;
    // The commune team's name when nobody in the village team can be reached now.
    const team = await conversation.external(() => tickets.firstTeam(userId, chosenVillage));
    await ctx.reply(ctx.t('tickets.askQuestion', { team: team.name }));
    const answer = await conversation.waitFor(['message:text', 'message:photo', 'callback_query:data'], {
      otherwise: (other) => other.reply(ctx.t('tickets.questionAgain')),
    });
    // A button ("Mở lại", a menu entry, …) leaves the question and does what it says.
    if (!answer.message) return conversation.halt({ next: true });
    const question = toCitizenMessage(answer.message, ctx.t);
    const ticket = await conversation.external(() => tickets.open(userId, chosenVillage, question));
    // Routed again when opened: the confirmation names the team that really got it.
    const got = ticket.team === team.key ? team : await conversation.external(() => tickets.teamOf(ticket.team));
    const dueBy = await conversation.external(() => tickets.answerDueBy());
    const text = confirmationText(ctx.t, ticket, got.name, tickets.answerWithinMs, dueBy);
    await answer.reply(text, { reply_markup: withdrawKeyboard(ctx.t, ticket.id) });
  }

  /** Answers the citizen's button when the ticket was not theirs, is gone, or is in another state. */
  const refused = (ctx: FlowContext, outcome: CitizenOutcome) => outcome.kind === 'refused' && ctx.reply(ctx.t('tickets.gone'));

  const handlers = new Composer<BotContext>();
  handlers.callbackQuery(TICKET_DATA, (ctx) => ctx.conversation.enter(CONVERSATION));
  handlers.on('message:text').filter(
    (ctx) => isAskForPerson(ctx.message.text),
    (ctx) => ctx.conversation.enter(CONVERSATION),
  );
  handlers.callbackQuery(ticketButton(TicketAction.Withdraw), async (ctx) => {
    const [id] = captures(ctx.match, 1);
    const outcome = await tickets.withdraw(userOf(ctx), id);
    if (outcome.kind === 'done') await ctx.reply(ctx.t('tickets.withdrawn', { id: outcome.ticket.id }));
    else await refused(ctx, outcome);
  });
  handlers.callbackQuery(ticketButton(TicketAction.Done), async (ctx) => {
    const [id] = captures(ctx.match, 1);
    const outcome = await tickets.done(userOf(ctx), id);
    if (outcome.kind === 'done')
      await ctx.reply(ctx.t('tickets.closed', { id: outcome.ticket.id }), { reply_markup: closedKeyboard(ctx.t, outcome.ticket.id) });
    else await refused(ctx, outcome);
  });
  handlers.callbackQuery(ticketButton(TicketAction.Rate, `:(${RATING_LEVELS.join('|')})`), async (ctx) => {
    const [id, level] = captures(ctx.match, 1, 2);
    const outcome = await tickets.rate(userOf(ctx), id, level as RatingLevel);
    if (outcome.kind === 'done') await ctx.reply(ctx.t('tickets.rated'));
    else await refused(ctx, outcome);
  });
  handlers.callbackQuery(ticketButton(TicketAction.Reopen), async (ctx) => {
    const [id] = captures(ctx.match, 1);
    const outcome = await tickets.reopen(userOf(ctx), id);
    if (outcome.kind === 'done')
      return void (await ctx.reply(ctx.t('tickets.reopened', { id }), { reply_markup: withdrawKeyboard(ctx.t, id) }));
    if (outcome.why === 'too-late') {
      return void (await ctx.reply(ctx.t('tickets.reopenTooLate', { id }), {
        reply_markup: buttons([{ label: ctx.t('tickets.buttons.ask'), data: TICKET_DATA }]),
      }));
    }
    await refused(ctx, outcome);
  });
  // While a member holds the citizen's ticket, what the citizen sends is for that member.
  handlers.on([...RELAYED], async (ctx, next) => {
    const relayed = await tickets.citizenSays(userOf(ctx), toCitizenMessage(ctx.message, ctx.t));
    if (!relayed) return next();
    if (relayed.status === 'open') await ctx.reply(ctx.t('tickets.photoAdded', { id: relayed.id }));
  });
  const actions = { start: (ctx: BotContext) => ctx.conversation.enter(CONVERSATION) };
  return { name: 'ask-team', menuEntry: ASK_TEAM_MENU_ENTRY, conversations: { [CONVERSATION]: askTeam }, handlers, actions };
}
