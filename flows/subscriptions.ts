/**
 * "Nhận thông báo": the citizen chooses which announcements of the commune reach them — their
 * village, the topics they care about — or stops them all. Entered from the menu or by typing
 * "nhận thông báo" / "đăng ký nhận thông báo"; "stop" or "dừng nhận thông báo" stops everything
 * at once. Every change is confirmed in plain words, followed by the settings as they now stand.
 *
 * Buttons carry the whole action (`sub:…`), so they keep working after a restart; only choosing
 * a village is a short conversation, because the name may be typed (matched without diacritics)
 * or given by its number in the list.
 */
import { Composer, InlineKeyboard } from 'grammy';
import type { BotContext, FlowContext } from './context';
import type { FollowerRecord } from '../src/domain/followers/follower';
import { MENU_DATA, type Flow, type FlowConversation, type FlowDeps } from './flow';
import { normalisePhrase } from './phrases';
import { isElsewhereThanList } from './elsewhere';
import { typedAnswerOnly } from './typed-answer';
import { pageOf } from './paging';
import { typedVillage, villageKeyboard, villageList } from './village-choice';
import { topicName } from '../src/domain/commune/commune-profile';
import { captures } from '../src/domain/text/regex-captures';

/** The settings panel's callback data (also what "Nhận thông báo" buttons elsewhere send). */
export const SUBSCRIPTIONS_DATA = 'sub';
const DATA = SUBSCRIPTIONS_DATA;
const VILLAGE_CONVERSATION = 'subscription-village';
/** Zalo shows 5 buttons: a page of choices plus "more" and "done". */
const TOPICS_PER_PAGE = 3;
const VILLAGE_TRIES = 3;

const ENTER = new Set([
  'thong bao',
  'nhan thong bao',
  'dang ky nhan thong bao',
  'dang ky thong bao',
  'cai dat thong bao',
  'chon thong bao',
  'subscribe',
  'notifications',
]);
const STOP = new Set([
  'stop',
  'dung nhan thong bao',
  'dung thong bao',
  'huy nhan thong bao',
  'huy dang ky thong bao',
  'tat thong bao',
  'unsubscribe',
]);

const isPhrase = (phrases: Set<string>) => (ctx: BotContext) => phrases.has(normalisePhrase(ctx.message?.text ?? ''));

export function createSubscriptionsFlow(deps: FlowDeps): Flow & { actions: SubscriptionActions } {
  const { followers, commune } = deps;
  const userOf = (ctx: FlowContext) => String(ctx.chatId);
  const topicNameFor = (ctx: FlowContext, id: string) => topicName(commune, id, ctx.locale);

  function settingsText(ctx: FlowContext, record: FollowerRecord | undefined): string {
    const topics = record?.topics.length ? record.topics.map((t) => topicNameFor(ctx, t)).join(', ') : ctx.t('subscriptions.noTopics');
    const lines = [ctx.t('subscriptions.settings', { village: record?.village ?? ctx.t('subscriptions.noVillage'), topics })];
    lines.push(ctx.t(record?.stopped ? 'subscriptions.stoppedNote' : hintKey(record), { village: record?.village }));
    return lines.join('\n');
  }

  /** Someone who chose no topic is told plainly what that means, not that they may choose some. */
  function hintKey(record: FollowerRecord | undefined): string {
    if (record?.topics.length) return 'subscriptions.hint';
    return record?.village ? 'subscriptions.villageOnly' : 'subscriptions.nothingChosen';
  }

  function settingsKeyboard(ctx: FlowContext, record: FollowerRecord | undefined): InlineKeyboard {
    const keyboard = new InlineKeyboard()
      .text(ctx.t('subscriptions.buttons.village'), `${DATA}:v`)
      .row()
      .text(ctx.t('subscriptions.buttons.topics'), `${DATA}:t:0`)
      .row();
    if (record?.stopped) keyboard.text(ctx.t('subscriptions.buttons.resume'), `${DATA}:go`);
    else keyboard.text(ctx.t('subscriptions.buttons.stop'), `${DATA}:stop`);
    return keyboard.row().text(ctx.t('subscriptions.buttons.back'), MENU_DATA);
  }

  /** `confirmation` (what just changed) first, then the settings as they now stand. */
  async function showSettings(ctx: FlowContext, record?: FollowerRecord, confirmation?: string) {
    const current = record ?? (await followers.get(userOf(ctx)));
    const text = [confirmation, settingsText(ctx, current)].filter(Boolean).join('\n\n');
    await ctx.reply(text, { reply_markup: settingsKeyboard(ctx, current) });
  }

  // ---------------------------------------------------------------------------------------------
  // Village: a short conversation (buttons, a typed name, or a number)
  // ---------------------------------------------------------------------------------------------

  const villageButtons = (ctx: FlowContext) => ({
    pick: (i: number) => `${DATA}:vs:${i}`,
    more: (page: number) => `${DATA}:vp:${page}`,
    moreLabel: ctx.t('subscriptions.buttons.more'),
  });
  const villageKeyboardFor = (ctx: FlowContext, page: number) => villageKeyboard(commune, page, villageButtons(ctx));

  const villageSaved = (ctx: FlowContext, { record, allTopics }: { record: FollowerRecord; allTopics: boolean }) =>
    showSettings(
      ctx,
      record,
      ctx.t(allTopics ? 'subscriptions.village.savedAllTopics' : 'subscriptions.village.saved', { village: record.village }),
    );

  /**
   * A first choice of village also turns every topic on: a citizen who asks for the commune's
   * notices expects them all, and an officer's "power cuts in Phương Nghệ" must reach them.
   * They may turn topics off one by one afterwards.
   */
  async function saveVillage(userId: string, village: string) {
    const first = !(await followers.get(userId))?.consentAt;
    const record = await followers.choose(userId, first ? { village, topics: commune.topics.map((t) => t.id) } : { village });
    return { record, allTopics: first };
  }

  async function chooseVillage(conversation: FlowConversation, ctx: FlowContext, page = '0') {
    await ctx.reply(ctx.t('subscriptions.village.ask', { list: villageList(commune) }), {
      reply_markup: villageKeyboardFor(ctx, Number(page)),
    });
    for (let tries = 1; tries <= VILLAGE_TRIES;) {
      const answer = await conversation.waitFor(['callback_query:data', 'message:text'], typedAnswerOnly(ctx));
      const data = answer.callbackQuery?.data;
      if (data !== undefined) {
        const page = /^sub:vp:(\d{1,3})$/.exec(data);
        if (page) {
          await answer.reply(ctx.t('subscriptions.village.page'), { reply_markup: villageKeyboardFor(answer, Number(page[1])) });
          continue;
        }
        const chosen = /^sub:vs:(\d{1,3})$/.exec(data);
        const village = chosen ? commune.villages[Number(chosen[1])]?.name : undefined;
        // Any other button leaves this question and does what it says.
        if (!village) return conversation.halt({ next: true });
        return villageSaved(answer, await conversation.external(() => saveVillage(userOf(answer), village)));
      }
      const village = typedVillage(commune, answer.message!.text);
      if (village) return villageSaved(answer, await conversation.external(() => saveVillage(userOf(answer), village)));
      if (isElsewhereThanList(deps.understander.understand(answer.message!.text), ['change_village', 'subscribe']))
        return conversation.halt({ next: true });
      if (tries < VILLAGE_TRIES)
        await answer.reply(ctx.t('subscriptions.village.again', { typed: answer.message!.text, list: villageList(commune) }), {
          reply_markup: villageKeyboardFor(answer, 0),
        });
      tries += 1;
    }
    await ctx.reply(ctx.t('subscriptions.village.gaveUp'));
  }

  // ---------------------------------------------------------------------------------------------
  // Topics: a page of toggles
  // ---------------------------------------------------------------------------------------------

  async function showTopics(ctx: FlowContext, page: number, confirmation?: string) {
    const record = await followers.get(userOf(ctx));
    const shown = pageOf(commune.topics, page, TOPICS_PER_PAGE);
    const keyboard = new InlineKeyboard();
    for (const [topic] of shown.items) {
      const label = topic.label[ctx.locale];
      keyboard.text(record?.topics.includes(topic.id) ? `✓ ${label}` : label, `${DATA}:tt:${shown.page}:${topic.id}`).row();
    }
    if (shown.pages > 1) keyboard.text(ctx.t('subscriptions.buttons.more'), `${DATA}:t:${shown.page + 1}`).row();
    keyboard.text(ctx.t('subscriptions.buttons.done'), DATA);
    const ask = ctx.t('subscriptions.topics.ask', { page: shown.page + 1, pages: shown.pages });
    await ctx.reply([confirmation, ask].filter(Boolean).join('\n\n'), { reply_markup: keyboard });
  }

  async function toggleTopic(ctx: FlowContext, page: number, topic: string) {
    const wasStopped = (await followers.get(userOf(ctx)))?.stopped ?? false;
    const { chosen } = await followers.toggleTopic(userOf(ctx), topic);
    const said = [ctx.t(chosen ? 'subscriptions.topics.on' : 'subscriptions.topics.off', { topic: topicNameFor(ctx, topic) })];
    if (chosen && wasStopped) said.push(ctx.t('subscriptions.topics.resumed'));
    await showTopics(ctx, page, said.join(' '));
  }

  // ---------------------------------------------------------------------------------------------
  // Stop all / resume
  // ---------------------------------------------------------------------------------------------

  async function stopAll(ctx: FlowContext) {
    const record = await followers.choose(userOf(ctx), { stopped: true });
    await showSettings(ctx, record, ctx.t('subscriptions.stop.done'));
  }

  async function resume(ctx: FlowContext) {
    const record = await followers.choose(userOf(ctx), { stopped: false });
    await showSettings(ctx, record, ctx.t(record.topics.length ? 'subscriptions.resume.done' : 'subscriptions.resume.nothingChosen'));
  }

  // ---------------------------------------------------------------------------------------------
  // A village named in a message ("tui ở thôn Phương Nghệ"): saved, and the announcements asked
  // ---------------------------------------------------------------------------------------------

  /**
   * Saying where one lives is no request for announcements: the village is saved, and someone who
   * receives no topic yet is asked whether they want the commune's and the village's notices.
   */
  async function villageNamed(ctx: FlowContext, village: string) {
    const record = await followers.choose(userOf(ctx), { village });
    if (record.topics.length) return showSettings(ctx, record, ctx.t('subscriptions.village.saved', { village }));
    const keyboard = new InlineKeyboard()
      .text(ctx.t('subscriptions.buttons.yes'), `${DATA}:all`)
      .row()
      .text(ctx.t('subscriptions.buttons.no'), `${DATA}:no`);
    await ctx.reply(ctx.t('subscriptions.village.savedAsk', { village }), { reply_markup: keyboard });
  }

  /** "Yes" to the question above: every topic, for the village saved. */
  async function acceptAll(ctx: FlowContext) {
    const record = await followers.choose(userOf(ctx), { topics: commune.topics.map((t) => t.id), stopped: false });
    const confirmation = record.village ? ctx.t('subscriptions.village.accepted', { village: record.village }) : undefined;
    await showSettings(ctx, record, confirmation);
  }

  const handlers = new Composer<BotContext>();
  handlers.callbackQuery(DATA, (ctx) => showSettings(ctx));
  handlers.callbackQuery(`${DATA}:v`, (ctx) => ctx.conversation.enter(VILLAGE_CONVERSATION));
  handlers.callbackQuery(/^sub:vs:(\d{1,3})$/, async (ctx) => {
    // A village button from an earlier message, after its conversation ended: still honoured.
    const village = commune.villages[Number(ctx.match[1])]?.name;
    if (village) await villageSaved(ctx, await saveVillage(userOf(ctx), village));
    else await showSettings(ctx);
  });
  // A page button from an earlier question: the question is asked again at that page.
  handlers.callbackQuery(/^sub:vp:(\d{1,3})$/, (ctx) => {
    const [page] = captures(ctx.match, 1);
    return ctx.conversation.enter(VILLAGE_CONVERSATION, page);
  });
  handlers.callbackQuery(/^sub:t:(\d{1,3})$/, (ctx) => showTopics(ctx, Number(ctx.match[1])));
  handlers.callbackQuery(/^sub:tt:(\d{1,3}):([a-z0-9-]{1,24})$/, async (ctx) => {
    const topic = commune.topics.find((t) => t.id === ctx.match[2])?.id;
    if (topic) await toggleTopic(ctx, Number(ctx.match[1]), topic);
    else await showTopics(ctx, 0);
  });
  handlers.callbackQuery(`${DATA}:stop`, stopAll);
  handlers.callbackQuery(`${DATA}:go`, resume);
  handlers.callbackQuery(`${DATA}:all`, acceptAll);
  handlers.callbackQuery(`${DATA}:no`, (ctx) =>
    ctx.reply(ctx.t('subscriptions.village.declined'), {
      reply_markup: new InlineKeyboard().text(ctx.t('subscriptions.buttons.back'), MENU_DATA),
    }),
  );
  handlers.on('message:text').filter(isPhrase(ENTER), (ctx) => showSettings(ctx));
  handlers.on('message:text').filter(isPhrase(STOP), stopAll);

  /**
   * "muốn nhận thông báo họp thôn Hương Quế Đông": the topics named are turned on and the village
   * named is saved. Asking for a village's announcements without naming a topic is asking for
   * them all, when no topic was chosen before.
   */
  async function subscribe(ctx: FlowContext, named: NamedChoice) {
    const before = await followers.get(userOf(ctx));
    const chosen = before?.topics ?? [];
    const everything = named.village !== undefined && !named.topics.length && !chosen.length;
    const topics = everything ? commune.topics.map((t) => t.id) : [...new Set([...chosen, ...named.topics])];
    const record = await followers.choose(userOf(ctx), { topics, stopped: false, ...(named.village ? { village: named.village } : {}) });
    const said: string[] = [];
    if (named.topics.length)
      said.push(ctx.t('subscriptions.topics.on', { topic: named.topics.map((t) => topicNameFor(ctx, t)).join(', ') }));
    if (named.village)
      said.push(ctx.t(everything ? 'subscriptions.village.savedAllTopics' : 'subscriptions.village.saved', { village: named.village }));
    await showSettings(ctx, record, said.join(' '));
  }

  const actions: SubscriptionActions = {
    settings: (ctx) => showSettings(ctx),
    topics: (ctx) => showTopics(ctx, 0),
    stop: stopAll,
    resume,
    askVillage: (ctx) => ctx.conversation.enter(VILLAGE_CONVERSATION),
    villageNamed,
    subscribe,
  };
  return {
    name: 'subscriptions',
    menuEntry: { data: DATA, labelKey: 'subscriptions.buttons.menu' },
    conversations: { [VILLAGE_CONVERSATION]: chooseVillage },
    handlers,
    actions,
  };
}

/** What the front desk asks of the announcement settings. */
export interface SubscriptionActions {
  settings(ctx: FlowContext): Promise<unknown>;
  topics(ctx: FlowContext): Promise<unknown>;
  stop(ctx: FlowContext): Promise<unknown>;
  resume(ctx: FlowContext): Promise<unknown>;
  askVillage(ctx: BotContext): Promise<unknown>;
  /** A village named in passing: saved, and the announcements offered. */
  villageNamed(ctx: FlowContext, village: string): Promise<unknown>;
  /** Announcements asked for, naming topics, a village or both. */
  subscribe(ctx: FlowContext, named: NamedChoice): Promise<unknown>;
}

export interface NamedChoice {
  village?: string;
  topics: string[];
}
