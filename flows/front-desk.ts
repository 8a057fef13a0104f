/**
 * The front desk (issue 9): every typed message no earlier handler claimed — not a command of an
 * officer, not a ticket being answered, not a dossier code — lands here, is understood
 * (src/domain/understanding) and goes where the person meant it. The procedure search is one
 * destination among the others, not the catch-all. A follow-up ("cần mang gì?") applies to the
 * procedure last discussed; when the model is unsure and the search finds nothing sure either,
 * the bot asks one short question with buttons for the likely intents, and keeps the message for
 * the officers' insights. Someone who writes English gets English, and the offer to switch.
 */
import { Composer, InlineKeyboard } from 'grammy';
import type { BotContext, FlowContext } from './context';
import { followUpAspect, type FollowUpAspect, type Intent } from '../src/domain/understanding/intent';
import { CONFIDENT, type Understanding } from '../src/domain/understanding/understanding';
import type { Flow, FlowDeps, MenuEntry } from './flow';
import { MENU_DATA } from './flow';
import { officeHoursAnswer } from './office-hours';
import { showMenu } from './menu';
import type { ProcedureActions } from './procedures';
import { SUBSCRIPTIONS_DATA, type SubscriptionActions } from './subscriptions';
import { languageData, namedLocale, type LanguageActions } from './language';
import { asksForHelp } from './asks-for-help';
import { formerNameIn, inSentence, type FormerNames } from './former-names';
import { foldPhrase } from '../src/domain/text/fold';
import { TICKET_DATA } from './ticket-text';
import type { ChatMemory } from '../src/domain/chat-context';
import { captures } from '../src/domain/text/regex-captures';

/** Callback data of a clarifying button: `fd:<intent>`, applied to the message kept in the context. */
const DATA = 'fd';
/** The intents a clarifying question may offer, each with its button label. */
const OFFERED: Partial<Record<Intent, string>> = {
  procedure: 'procedure',
  followup_documents: 'procedure',
  dossier_status: 'dossier_status',
  dossier_lost_code: 'dossier_status',
  subscribe: 'subscribe',
  unsubscribe: 'subscribe',
  change_topics: 'subscribe',
  change_village: 'subscribe',
  ask_person: 'ask_person',
  commune_address: 'commune',
  commune_hours: 'commune',
  commune_phone: 'commune',
};

/** Intents whose answer is a conversation (it speaks the language the chat remembers). */
const STARTS_CONVERSATION: ReadonlySet<string> = new Set(['dossier_status', 'ask_person', 'change_village']);

/** A follow-up read at least this surely is asked of the procedure of the chat, never searched for one. */
const SURELY_FOLLOW_UP = 0.7;

/** Intents under which a former commune's name asks what it is now. */
const ABOUT_THE_COMMUNE: ReadonlySet<string> = new Set(['commune_people', 'commune_address', 'out_of_scope', 'greeting']);

/** Thanking words: a thank-you is answered "you're welcome" even as a first message. */
const THANKING = / (?:cam on|thank|thanks|thank you|tks|thx|cmon) /;

/** Nothing asked or shown in this chat lately: no procedure, no buttons, no question kept. */
const isFirstContact = (memory: ChatMemory) => !memory.procedure && !memory.buttons.length && !memory.unplaced && !memory.languageOffered;

/** What a clarifying button means. */
const CHOSEN: Record<string, Intent> = {
  procedure: 'procedure',
  dossier_status: 'dossier_status',
  subscribe: 'subscribe',
  ask_person: 'ask_person',
  commune: 'commune_address',
};

export interface FrontDeskTargets {
  menu: () => MenuEntry[];
  procedures: ProcedureActions;
  dossiers: { start(ctx: BotContext): Promise<unknown> };
  subscriptions: SubscriptionActions;
  askTeam: { start(ctx: BotContext): Promise<unknown> };
  language: LanguageActions;
}

export function createFrontDesk(deps: FlowDeps, targets: FrontDeskTargets): Flow {
  const { understander, context, unplaced, commune } = deps;
  const userOf = (ctx: FlowContext) => String(ctx.chatId);

  /** A message the bot could not place: kept for the insights, and for what the person does next. */
  async function keepUnplaced(ctx: FlowContext, text: string, offered: string) {
    const id = await unplaced.record(userOf(ctx), text, offered);
    await context.rememberUnplaced(userOf(ctx), { id, text });
  }

  /** What the person did after the bot could not place their last message. */
  async function noteNext(ctx: FlowContext, memory: ChatMemory, next: string) {
    if (!memory.unplaced) return;
    await unplaced.recordNext(memory.unplaced.id, next);
    await context.forgetUnplaced(userOf(ctx));
  }

  /** The village team's question; a village the message names is saved first, so it is not asked. */
  async function askTeamFrom(ctx: BotContext, village: string | undefined) {
    if (village) await deps.tickets.citizen.setVillage(userOf(ctx), village);
    return targets.askTeam.start(ctx);
  }

  /** The village team, and the menu unless `menu` is false. */
  const personKeyboard = (ctx: FlowContext, menu = true) => {
    const keyboard = new InlineKeyboard().text(ctx.t('understanding:buttons.ask_person'), TICKET_DATA);
    return menu ? keyboard.row().text(ctx.t('understanding:buttons.menu'), MENU_DATA) : keyboard;
  };

  async function clarify(ctx: FlowContext, u: Understanding, text: string) {
    const labels = [...new Set(u.alternatives.map((i) => OFFERED[i]).filter((l): l is string => l !== undefined))].slice(0, 3);
    for (const fallback of ['procedure', 'ask_person']) if (labels.length < 2 && !labels.includes(fallback)) labels.push(fallback);
    const keyboard = new InlineKeyboard();
    for (const label of labels) keyboard.text(ctx.t(`understanding:buttons.${label}`), `${DATA}:${label}`).row();
    keyboard.text(ctx.t('understanding:buttons.menu'), MENU_DATA);
    await keepUnplaced(ctx, text, `clarify:${labels.join(',')}`);
    await ctx.reply(ctx.t('understanding:clarify'), { reply_markup: keyboard });
  }

  /** A question about a procedure: its card when already found, else the search; "nothing fits" is kept for the insights. */
  async function procedureQuestion(ctx: FlowContext, text: string, found?: string) {
    if (found) return targets.procedures.show(ctx, found);
    if ((await targets.procedures.answer(ctx, text)) === 'nothing') await keepUnplaced(ctx, text, 'nothing-fits');
  }

  /**
   * "cần mang gì?": about the procedure last discussed; else which one — from the list just shown,
   * or from what the search finds in the message ("lam so do het bao nhieu tien").
   */
  async function followUp(ctx: FlowContext, aspect: FollowUpAspect, text: string, memory: ChatMemory, confidence = 0) {
    // A list of procedures shown since the last card: the question is about one of them.
    const listed = memory.buttons.filter((b) => b.data.startsWith('proc:c:'));
    if (listed.length < 2 && memory.procedure) return targets.procedures.followUp(ctx, memory.procedure, aspect);
    const ask = () => ctx.reply(ctx.t('understanding:whichProcedure'));
    // Read surely as a follow-up, its words ("căn cước", "online") name a paper or a channel, not a procedure to search.
    if (listed.length < 2) return confidence >= SURELY_FOLLOW_UP ? ask() : targets.procedures.answer(ctx, text, ask);
    const keyboard = new InlineKeyboard();
    for (const b of listed.slice(0, 4)) keyboard.text(b.label, b.data).row();
    return ctx.reply(ctx.t('understanding:whichOfList'), { reply_markup: keyboard });
  }

  async function answer(ctx: BotContext, u: Understanding, text: string, memory: ChatMemory): Promise<unknown> {
    if (u.procedure && u.aspect) return targets.procedures.followUp(ctx, u.procedure, u.aspect);
    const aspect = u.intent === 'bare_number' ? undefined : followUpAspect(u.intent);
    if (aspect) return followUp(ctx, aspect, text, memory, u.confidence);
    switch (u.intent) {
      case 'procedure':
        return procedureQuestion(ctx, text, u.procedure);
      case 'dossier_status':
        return targets.dossiers.start(ctx);
      case 'dossier_lost_code':
        return ctx.reply(ctx.t('understanding:lostCode'), { reply_markup: personKeyboard(ctx) });
      case 'subscribe': {
        // "muốn nhận thông báo cắt điện của thôn Phương Nghệ": that topic on and that village saved, at once.
        const { village, topics } = u.slots;
        return village || topics.length ? targets.subscriptions.subscribe(ctx, { village, topics }) : targets.subscriptions.settings(ctx);
      }
      case 'change_topics':
        // "bỏ tin họp thôn" may mean on or off: the topics are shown to toggle.
        return targets.subscriptions.topics(ctx);
      case 'unsubscribe':
        return targets.subscriptions.stop(ctx);
      case 'resume':
        return targets.subscriptions.resume(ctx);
      case 'change_village':
        if (!u.slots.village) return targets.subscriptions.askVillage(ctx);
        // "em ở thôn X, muốn hỏi tổ công nghệ số …": a question for that village's team.
        if (asksForHelp(text)) return askTeamFrom(ctx, u.slots.village);
        return targets.subscriptions.villageNamed(ctx, u.slots.village);
      case 'ask_person':
        return askTeamFrom(ctx, u.slots.village);
      case 'complaint':
        // A calm word and the way to a person, which they may take or not.
        return ctx.reply(ctx.t('understanding:complaint'), { reply_markup: personKeyboard(ctx) });
      case 'commune_hours':
        return ctx.reply(officeHoursAnswer(ctx.t, deps.officeSchedule, commune, u.slots));
      case 'commune_address':
      case 'commune_phone':
        return targets.procedures.contact(ctx);
      case 'commune_portal':
        return ctx.reply(ctx.t('understanding:portal', { portal: commune.onlineFiling.portalName, url: commune.onlineFiling.fallbackUrl }));
      case 'commune_people':
        return ctx.reply(ctx.t('understanding:people', { centre: commune.serviceCentre.name }), {
          reply_markup: personKeyboard(ctx, false),
        });
      case 'greeting':
        return showMenu(ctx, targets.menu(), 'menu.greeting');
      case 'menu':
        return showMenu(ctx, targets.menu());
      case 'cancel':
        return showMenu(ctx, targets.menu(), 'menu.cancelled');
      case 'thanks':
        // "ok" or "👍" with nothing said before acknowledges nothing: the greeting, not "you're welcome".
        if (isFirstContact(memory) && !THANKING.test(` ${foldPhrase(text)} `)) return showMenu(ctx, targets.menu(), 'menu.acknowledged');
        return ctx.reply(ctx.t('understanding:thanks'));
      case 'language': {
        const wanted = namedLocale(text);
        return wanted ? targets.language.set(ctx, wanted) : targets.language.start(ctx);
      }
      case 'out_of_scope': {
        const topic = u.slots.topics[0];
        if (topic) {
          const name = commune.topics.find((t) => t.id === topic)?.name[ctx.locale] ?? topic;
          return ctx.reply(ctx.t('understanding:outOfScopeTopic', { topic: name }), {
            reply_markup: new InlineKeyboard().text(ctx.t('understanding:buttons.subscribe'), SUBSCRIPTIONS_DATA),
          });
        }
        return showMenu(ctx, targets.menu(), 'understanding:outOfScope');
      }
      case 'bare_number':
        return ctx.reply(ctx.t(`understanding:bareNumber.${u.slots.bareNumber ?? 'other'}`));
    }
  }

  /**
   * Someone who writes in the other language is answered in it, and offered to keep it. A question
   * that starts a conversation (which speaks the remembered language) switches the chat for good,
   * and offers the way back instead.
   */
  async function answerInWrittenLanguage(ctx: BotContext, u: Understanding, text: string, memory: ChatMemory) {
    const written = u.language;
    const previous = ctx.locale;
    if (written === undefined || written === previous || u.intent === 'language') return answer(ctx, u, text, memory);
    if (STARTS_CONVERSATION.has(u.intent)) {
      await ctx.setLocale(written);
      await ctx.reply(ctx.t('understanding:languageSwitched'), {
        reply_markup: new InlineKeyboard().text(
          ctx.t(`understanding:buttons.${previous === 'vi' ? 'backToVietnamese' : 'backToEnglish'}`),
          languageData(previous),
        ),
      });
      return answer(ctx, u, text, memory);
    }
    ctx.useLocale(written);
    await answer(ctx, u, text, memory);
    if (memory.languageOffered) return;
    const [key, label] = written === 'en' ? ['languageOffer', 'switchEnglish'] : ['languageOfferVi', 'switchVietnamese'];
    await ctx.reply(ctx.t(`understanding:${key}`), {
      reply_markup: new InlineKeyboard().text(ctx.t(`understanding:buttons.${label}`), languageData(written)),
    });
    await context.rememberLanguageOffered(userOf(ctx));
  }

  /** "xã Quế Phú giờ là xã nào": what the former commune is now part of, from the commune's data. */
  function formerName(ctx: FlowContext, former: FormerNames) {
    const upper = former.upper.length ? ctx.t('understanding:formerName.upper', { upper: former.upper.map(inSentence).join(', ') }) : '';
    const said = ctx.t('understanding:formerName.now', {
      former: former.named,
      commune: inSentence(commune.name),
      city: commune.city,
      parts: former.parts.map(inSentence).join(', '),
      upper,
      centre: commune.serviceCentre.name,
    });
    const keyboard = new InlineKeyboard().text(ctx.t('understanding:buttons.commune'), `${DATA}:commune`).row();
    return ctx.reply(said, { reply_markup: keyboard.text(ctx.t('understanding:buttons.menu'), MENU_DATA) });
  }

  const handlers = new Composer<BotContext>();
  handlers.on('message:text', async (ctx) => {
    const text = ctx.message.text;
    const u = understander.understand(text);
    // Read once: the follow-ups and the language offer use it too.
    const memory = await context.get(userOf(ctx));
    await noteNext(ctx, memory, `typed:${u.intent}`);
    const former = formerNameIn(commune, text);
    if (former && (u.confidence < CONFIDENT || ABOUT_THE_COMMUNE.has(u.intent))) {
      if (u.language && u.language !== ctx.locale) ctx.useLocale(u.language);
      return formerName(ctx, former);
    }
    if (u.confidence >= CONFIDENT) return answerInWrittenLanguage(ctx, u, text, memory);
    if (u.language && u.language !== ctx.locale) ctx.useLocale(u.language);
    return clarify(ctx, u, text);
  });
  handlers.callbackQuery(/^fd:([a-z_]{1,30})$/, async (ctx) => {
    const memory = await context.get(userOf(ctx));
    const [chosen] = captures(ctx.match, 1);
    await noteNext(ctx, memory, `chose:${chosen}`);
    const text = memory.unplaced?.text ?? '';
    if (chosen === 'procedure' && !text) return targets.procedures.browse(ctx);
    // The message asked about, answered as the intent the person chose.
    const u = understander.understand(text);
    return answer(ctx, { intent: CHOSEN[chosen] ?? 'ask_person', confidence: 1, alternatives: [], slots: u.slots }, text, memory);
  });
  return { name: 'front-desk', handlers };
}
