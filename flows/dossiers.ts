/**
 * Dossier status lookup. Entered from the menu, or by any message that contains something shaped
 * like a dossier code. The bot asks for the second factor whether or not the code exists, so the
 * conversation reveals nothing before it; lockouts and the audit live in the domain service.
 */
import { Composer, type InlineKeyboard } from 'grammy';
import type { BotContext, FlowContext } from './context';
import { findDossierCode } from '../src/domain/dossiers/dossier-code';
import { RATING_LEVELS, type RatingLevel } from '../src/domain/dossiers/dossier-follows';
import type { Translate } from '../src/i18n';
import { MENU_DATA, type Flow, type FlowConversation, type FlowDeps } from './flow';
import { dossierStatusText } from './dossier-text';
import { buttons } from './keyboard';
import { reachPhrase } from './contact-phrases';
import { isElsewhere } from './elsewhere';
import { typedAnswerOnly } from './typed-answer';
import type { Intent } from '../src/domain/understanding/intent';
import { captures } from '../src/domain/text/regex-captures';
import { citizenStateOf, type Dossier, type PortalStatus } from '../src/domain/dossiers/dossier';
import { asksMissingDocuments, saysNoCode } from './dossier-phrases';
import { missingDocumentsText } from './dossier-text';
import { TICKET_DATA } from './ticket-text';

const DATA = 'dos';
const CONVERSATION = 'dossier';
const REASON_CONVERSATION = 'rating-reason';
/** Four reasons and "skip": Zalo shows five buttons at most. */
const REASONS = ['late', 'many_visits', 'attitude', 'unclear'] as const;
/** Dossier codes inside callback data: the canonical form's characters only. */
const CODE_DATA = '([A-Z0-9.\\-]{6,60})';
/** "Tôi không có mã": where the code is printed and who helps when the receipt is lost. */
const NO_CODE_DATA = `${DATA}:lost`;
const CODE_TRIES = 3;
/** Answers that are not four digits at all: asked again, not counted as wrong. */
const MALFORMED_TRIES = 3;

/** The three-level scale (Rất hài lòng / Hài lòng / Không hài lòng) as buttons. */
export function ratingKeyboard(t: Translate, code: string): InlineKeyboard {
  return buttons(RATING_LEVELS.map((level) => ({ label: t(`dossiers.rating.levels.${level}`), data: `rate:${code}:${level}` })));
}

export function createDossiersFlow(deps: FlowDeps): Flow & { actions: { start(ctx: BotContext): Promise<unknown> } } {
  const { dossiers, catalogue, commune, follows, context } = deps;
  const contact = (t: Translate) => ({ reach: reachPhrase(t, commune) });
  const leavesQuestion = (text: string, own: Intent[]) => isElsewhere(deps.understander.understand(text), own);

  /** Every question for the code offers a way out: no code at hand, or a person to ask. */
  const noCodeKeyboard = (t: Translate) =>
    buttons([
      { label: t('dossiers.buttons.noCode'), data: NO_CODE_DATA },
      { label: t('tickets.buttons.ask'), data: TICKET_DATA },
    ]);

  /** The front desk's answer to a lost code (intent dossier_lost_code), with the village team to ask. */
  const lostCode = (ctx: FlowContext) =>
    ctx.reply(ctx.t('understanding:lostCode'), {
      reply_markup: buttons([
        { label: ctx.t('understanding:buttons.ask_person'), data: TICKET_DATA },
        { label: ctx.t('understanding:buttons.menu'), data: MENU_DATA },
      ]),
    });

  async function askCode(conversation: FlowConversation, ctx: FlowContext): Promise<string | undefined> {
    await ctx.reply(ctx.t('dossiers.askCode'), { reply_markup: noCodeKeyboard(ctx.t) });
    for (let tries = 1; tries <= CODE_TRIES; tries += 1) {
      const answer = await conversation.waitFor(['message:text', 'callback_query:data'], typedAnswerOnly(ctx));
      // A button (the two offered here too), or a message clearly about something else, leaves the question and gets its answer.
      if (!answer.message || leavesQuestion(answer.message.text, ['dossier_status', 'dossier_lost_code']))
        return conversation.halt({ next: true });
      const code = findDossierCode(answer.message.text);
      if (code) return code;
      if (saysNoCode(answer.message.text)) return void (await lostCode(answer));
      if (tries < CODE_TRIES) await answer.reply(ctx.t('dossiers.codeAgain'), { reply_markup: noCodeKeyboard(ctx.t) });
    }
    await ctx.reply(ctx.t('dossiers.codeGaveUp'), { reply_markup: noCodeKeyboard(ctx.t) });
    return undefined;
  }

  /**
   * The status; from then on the chat is about the dossier's procedure ("cần mang gì?"), and a
   * dossier that needs documents answers "thiếu gì?" asked next with its own missing documents.
   */
  async function showDossier(conversation: FlowConversation, ctx: FlowContext, code: string, dossier: Dossier) {
    const userId = String(ctx.chatId);
    const procedure = catalogue.get(dossier.procedureCode);
    if (procedure) await conversation.external(() => context.rememberProcedure(userId, procedure.code));
    const keyboard = buttons([
      { label: ctx.t('dossiers.buttons.follow'), data: `${DATA}:f:${code}` },
      { label: ctx.t('dossiers.buttons.menu'), data: MENU_DATA },
    ]);
    await ctx.reply(dossierStatusText(ctx.t, dossier, procedure?.name, commune), { reply_markup: keyboard });
    const needsDocuments = citizenStateOf(dossier.status as PortalStatus) === 'needs_documents' && dossier.missingDocuments?.length;
    if (!needsDocuments) return;
    const next = await conversation.wait();
    if (!next.message?.text || !asksMissingDocuments(next.message.text)) return conversation.halt({ next: true });
    await next.reply(missingDocumentsText(next.t, dossier, commune), { reply_markup: keyboard });
  }

  async function dossier(conversation: FlowConversation, ctx: FlowContext, presetCode?: string) {
    const userId = String(ctx.chatId);
    const code = presetCode ?? (await askCode(conversation, ctx));
    if (!code) return;
    const locked = await conversation.external(() => dossiers.lockedOut(userId, code));
    if (locked) return void (await ctx.reply(ctx.t(`dossiers.locked.${locked}`, contact(ctx.t))));
    await ctx.reply(ctx.t(`dossiers.askFactor.${dossiers.secondFactor}`, { code }));
    for (let malformed = 0; malformed < MALFORMED_TRIES;) {
      const answer = await conversation.waitFor(['message:text', 'callback_query:data'], typedAnswerOnly(ctx));
      if (!answer.message) return conversation.halt({ next: true });
      const digits = answer.message.text.replace(/\D/g, '');
      if (digits.length < 4 && leavesQuestion(answer.message.text, ['dossier_status', 'dossier_lost_code']))
        return conversation.halt({ next: true });
      // Someone may type the whole number: only its last four digits are used, never kept.
      if (digits.length < 4) {
        malformed += 1;
        await answer.reply(ctx.t('dossiers.factorAgain'));
        continue;
      }
      const result = await conversation.external(() => dossiers.lookup(userId, code, digits.slice(-4)));
      switch (result.kind) {
        case 'shown':
          return showDossier(conversation, answer, code, result.dossier);
        case 'wrong':
          await answer.reply(ctx.t('dossiers.wrong'));
          break;
        case 'locked':
          return void (await answer.reply(ctx.t(`dossiers.locked.${result.scope}`, contact(ctx.t))));
        case 'unavailable':
          return void (await answer.reply(ctx.t('dossiers.unavailable')));
      }
    }
  }

  /** An optional reason after a rating: a reason button, or the next message typed. */
  async function ratingReason(conversation: FlowConversation, ctx: FlowContext, code: string) {
    const userId = String(ctx.chatId);
    const keyboard = buttons([
      ...REASONS.map((r) => ({ label: ctx.t(`dossiers.rating.reasons.${r}`), data: `rr:${r}` })),
      { label: ctx.t('dossiers.buttons.skip'), data: 'rr:skip' },
    ]);
    await ctx.reply(ctx.t('dossiers.rating.reasonAsk'), { reply_markup: keyboard });
    const answer = await conversation.waitFor(['callback_query:data', 'message:text']);
    const picked = answer.callbackQuery?.data?.startsWith('rr:') ? answer.callbackQuery.data.slice(3) : undefined;
    const reason = picked
      ? (REASONS as readonly string[]).includes(picked)
        ? ctx.t(`dossiers.rating.reasons.${picked}`)
        : undefined
      : answer.message?.text;
    if (reason) await conversation.external(() => follows.addReason(userId, code, reason));
    await answer.reply(ctx.t('dossiers.rating.thanks'));
  }

  const handlers = new Composer<BotContext>();
  handlers.callbackQuery(DATA, (ctx) => ctx.conversation.enter(CONVERSATION));
  handlers.callbackQuery(NO_CODE_DATA, lostCode);
  handlers.callbackQuery(new RegExp(`^${DATA}:f:${CODE_DATA}$`), async (ctx) => {
    const [code] = captures(ctx.match, 1);
    const followed = await follows.follow(String(ctx.chatId), code);
    const keyboard = followed ? buttons([{ label: ctx.t('dossiers.buttons.unfollow'), data: `${DATA}:u:${code}` }]) : undefined;
    await ctx.reply(
      ctx.t(followed ? 'dossiers.follow.done' : 'dossiers.follow.denied', { code }),
      keyboard ? { reply_markup: keyboard } : {},
    );
  });
  handlers.callbackQuery(new RegExp(`^${DATA}:u:${CODE_DATA}$`), async (ctx) => {
    const [code] = captures(ctx.match, 1);
    await follows.unfollow(String(ctx.chatId), code);
    await ctx.reply(ctx.t('dossiers.follow.stopped', { code }));
  });
  handlers.callbackQuery(new RegExp(`^rate:${CODE_DATA}:(${RATING_LEVELS.join('|')})$`), async (ctx) => {
    const [code, level] = captures(ctx.match, 1, 2);
    const found = await dossiers.procedureOf(code);
    const rated = found && (await follows.rate(String(ctx.chatId), { code, procedureCode: found, level: level as RatingLevel }));
    if (!rated) return void (await ctx.reply(ctx.t('dossiers.rating.denied')));
    await ctx.conversation.enter(REASON_CONVERSATION, code);
  });
  handlers.on('message:text').filter(
    (ctx) => findDossierCode(ctx.message.text) !== undefined,
    (ctx) => ctx.conversation.enter(CONVERSATION, findDossierCode(ctx.message.text)),
  );
  const actions = { start: (ctx: BotContext) => ctx.conversation.enter(CONVERSATION) };
  return {
    name: 'dossiers',
    menuEntry: { data: DATA, labelKey: 'dossiers.menu' },
    conversations: { [CONVERSATION]: dossier, [REASON_CONVERSATION]: ratingReason },
    handlers,
    actions,
  };
}
