/**
 * In-chat composing for officers: "soạn thông báo" (or "thông báo mới", "/broadcast") → the text
 * → the audience (everyone, some villages, some topics) → a preview with the number of people it
 * reaches now → "Gửi ngay" queues it through the broadcast service, signed with the officer's
 * name from the staff directory. Anyone not in the directory gets a polite refusal and nothing
 * else happens; the role is checked again at the moment of sending, in case it was revoked.
 */
import { Composer, InlineKeyboard } from 'grammy';
import type { BotContext, FlowContext } from './context';
import { TEXT_MAX, type Audience } from '../src/domain/broadcasts/broadcast';
import { BroadcastInputError } from '../src/domain/broadcasts/broadcast-service';
import type { Flow, FlowConversation, FlowDeps } from './flow';
import { normalisePhrase } from './phrases';
import { truncateWords } from './short-label';
import { pageOf } from './paging';
import { villageList } from './village-choice';
import { topicName } from '../src/domain/commune/commune-profile';

const DATA = 'bc';
const CONVERSATION = 'broadcast-compose';
const PHRASES = new Set(['soan thong bao', 'thong bao moi', 'broadcast']);
/** A page of choices, "more" and "done": Zalo shows 5 buttons. */
const CHOICES_PER_PAGE = 3;
/** The fields the composer fills; the service's (English) messages about them are not shown. */
const EXPLAINED_FIELDS = ['text', 'audience'] as const;

/**
 * What to tell the officer about the service's field errors (`audience.villages` → "audience"), in
 * their language: one text per field the composer fills, one for anything else.
 */
export function invalidReason(t: (key: string) => string, fields: Record<string, string>): string {
  const keys = Object.keys(fields).map((field) => EXPLAINED_FIELDS.find((f) => field === f || field.startsWith(`${f}.`)) ?? 'other');
  return [...new Set(keys)].map((k) => t(`compose.invalid.${k}`)).join(' ');
}

interface Choice {
  /** What goes into the audience (a village name, a topic id). */
  value: string;
  /** Button label. */
  label: string;
  /** Full name, for the text. */
  name: string;
}

export function createBroadcastComposeFlow(deps: FlowDeps): Flow {
  const { staff, broadcasts, commune } = deps;
  const userOf = (ctx: FlowContext) => String(ctx.chatId);
  const isStaff = async (userId: string) => (await staff.get(userId))?.role !== undefined;

  async function askText(conversation: FlowConversation, ctx: FlowContext): Promise<string> {
    await ctx.reply(ctx.t('compose.askText', { max: TEXT_MAX }));
    for (;;) {
      const answer = await conversation.waitFor(['message', 'callback_query:data']);
      // A button pressed instead (the menu, an older message) leaves composing and does what it says.
      if (!answer.message) return conversation.halt({ next: true });
      const text = answer.message.text?.normalize('NFC').trim();
      if (!text) await answer.reply(ctx.t('compose.notText'));
      else if (text.length > TEXT_MAX) await answer.reply(ctx.t('compose.tooLong', { length: text.length, max: TEXT_MAX }));
      else return text;
    }
  }

  /** Waits for a button of this flow; anything else leaves the conversation and is handled as usual. */
  async function waitForButton(conversation: FlowConversation): Promise<{ ctx: FlowContext; data: string }> {
    const answer = await conversation.waitFor(['callback_query:data', 'message:text']);
    const data = answer.callbackQuery?.data;
    if (!data?.startsWith(`${DATA}:`)) return conversation.halt({ next: true });
    return { ctx: answer, data: data.slice(DATA.length + 1) };
  }

  /** Toggles among `choices`, a page at a time, until "Xong" with at least one chosen. */
  async function pickMany(
    conversation: FlowConversation,
    ctx: FlowContext,
    choices: Choice[],
    ask: (chosen: string) => string,
  ): Promise<string[] | undefined> {
    const chosen = new Set<number>();
    const inListOrder = () => [...chosen].sort((a, b) => a - b).map((i) => choices[i]!);
    let page = 0;
    let current = ctx;
    for (let prefix = ''; ;) {
      const keyboard = new InlineKeyboard();
      const shown = pageOf(choices, page, CHOICES_PER_PAGE);
      for (const [c, i] of shown.items) keyboard.text(truncateWords(chosen.has(i) ? `✓ ${c.label}` : c.label), `${DATA}:p:${i}`).row();
      if (shown.pages > 1) keyboard.text(ctx.t('compose.buttons.more'), `${DATA}:pm`).row();
      keyboard.text(ctx.t('compose.buttons.done'), `${DATA}:pd`);
      const names = inListOrder().map((c) => c.name);
      await current.reply(`${prefix}${ask(names.length ? names.join(', ') : ctx.t('compose.noneChosen'))}`, { reply_markup: keyboard });
      const { ctx: answer, data } = await waitForButton(conversation);
      current = answer;
      prefix = '';
      const toggled = /^p:(\d{1,3})$/.exec(data);
      if (toggled && choices[Number(toggled[1])]) {
        const i = Number(toggled[1]);
        if (chosen.has(i)) chosen.delete(i);
        else chosen.add(i);
      } else if (data === 'pm') page += 1;
      else if (data === 'pd' && chosen.size) return inListOrder().map((c) => c.value);
      else if (data === 'pd') prefix = `${ctx.t('compose.chooseOne')}\n\n`;
      else return undefined;
    }
  }

  async function askAudience(conversation: FlowConversation, ctx: FlowContext): Promise<Audience | undefined> {
    const keyboard = new InlineKeyboard()
      .text(ctx.t('compose.buttons.all'), `${DATA}:all`)
      .row()
      .text(ctx.t('compose.buttons.byVillage'), `${DATA}:v`)
      .row()
      .text(ctx.t('compose.buttons.byTopic'), `${DATA}:t`)
      .row()
      .text(ctx.t('compose.buttons.cancel'), `${DATA}:x`);
    await ctx.reply(ctx.t('compose.askAudience'), { reply_markup: keyboard });
    const { ctx: answer, data } = await waitForButton(conversation);
    if (data === 'all') return { all: true };
    if (data === 'v') {
      const villages = commune.villages.map((v) => ({ value: v.name, label: v.name, name: v.name }));
      const list = villageList(commune);
      const picked = await pickMany(conversation, answer, villages, (chosen) => ctx.t('compose.askVillages', { list, chosen }));
      return picked && { villages: picked };
    }
    if (data === 't') {
      const topics = commune.topics.map((t) => ({ value: t.id, label: t.label[ctx.locale], name: t.name[ctx.locale] }));
      const picked = await pickMany(conversation, answer, topics, (chosen) => ctx.t('compose.askTopics', { chosen }));
      return picked && { topics: picked };
    }
    return undefined;
  }

  function describe(ctx: FlowContext, audience: Audience): string {
    if (audience.villages) return ctx.t('compose.audience.villages', { list: audience.villages.join(', ') });
    if (audience.topics) {
      const names = audience.topics.map((id) => topicName(commune, id, ctx.locale));
      return ctx.t('compose.audience.topics', { list: names.join(', ') });
    }
    return ctx.t('compose.audience.all');
  }

  async function compose(conversation: FlowConversation, ctx: FlowContext) {
    const userId = userOf(ctx);
    const text = await askText(conversation, ctx);
    const audience = await askAudience(conversation, ctx);
    if (!audience) return void (await ctx.reply(ctx.t('compose.cancelled')));
    const count = await conversation.external(() => broadcasts.countAudience(audience));
    const keyboard = new InlineKeyboard()
      .text(ctx.t('compose.buttons.send'), `${DATA}:send`)
      .row()
      .text(ctx.t('compose.buttons.cancel'), `${DATA}:x`);
    await ctx.reply(ctx.t('compose.preview', { text, audience: describe(ctx, audience), count }), { reply_markup: keyboard });
    const { ctx: answer, data } = await waitForButton(conversation);
    if (data !== 'send') return void (await answer.reply(ctx.t('compose.cancelled')));
    const outcome = await conversation.external(async () => {
      const member = await staff.get(userId);
      if (!member) return { refused: true as const };
      try {
        const created = await broadcasts.create({ text, audience }, { kind: 'zalo', id: userId, name: member.name });
        return { id: created.id };
      } catch (err) {
        if (err instanceof BroadcastInputError) return { fields: err.fields };
        throw err;
      }
    });
    if ('refused' in outcome) return void (await answer.reply(ctx.t('compose.refused')));
    if (outcome.fields) return void (await answer.reply(ctx.t('compose.failed', { reason: invalidReason(ctx.t, outcome.fields) })));
    await answer.reply(ctx.t('compose.queued', { id: outcome.id }));
  }

  const handlers = new Composer<BotContext>();
  handlers.on('message:text').filter(
    (ctx) => PHRASES.has(normalisePhrase(ctx.message.text)),
    async (ctx) => {
      if (!(await isStaff(userOf(ctx)))) return void (await ctx.reply(ctx.t('compose.refused')));
      await ctx.conversation.enter(CONVERSATION);
    },
  );
  return { name: 'broadcast-compose', conversations: { [CONVERSATION]: compose }, handlers };
}
