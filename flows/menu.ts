/**
 * Greeting and main menu: on follow and "chat now" (both arrive as /start), on "menu", "bắt đầu",
 * "xin chào", "hi", and on the menu button. The menu lists one entry per flow that exists —
 * never a capability that is not built yet.
 */
import { Composer } from 'grammy';
import type { BotContext, FlowContext } from './context';
import { MENU_DATA, type Flow, type MenuEntry } from './flow';
import { buttons } from './keyboard';
import { isCancel, isGreeting, normalisePhrase } from './phrases';

export function showMenu(ctx: FlowContext, entries: MenuEntry[], introKey = 'menu.intro') {
  const keyboard = buttons(entries.map((e) => ({ label: ctx.t(e.labelKey), data: e.data })));
  return ctx.reply(ctx.t(introKey), entries.length ? { reply_markup: keyboard } : {});
}

/** The greeting words (phrases.ts) that ask for the menu rather than say hello. */
const MENU_WORDS: ReadonlySet<string> = new Set(['menu', 'bat dau', 'start']);

/** "xin chào" is greeted back, like any hello the front desk reads; "menu" just gets the menu. */
export const greetingKey = (text: string) => (MENU_WORDS.has(normalisePhrase(text)) ? 'menu.intro' : 'menu.greeting');

export function createMenuFlow(entries: MenuEntry[]): Flow {
  const handlers = new Composer<BotContext>();
  handlers.command('start', (ctx) => showMenu(ctx, entries, 'menu.greeting'));
  handlers.callbackQuery(MENU_DATA, (ctx) => showMenu(ctx, entries));
  handlers.on('message:text').filter(
    (ctx) => isGreeting(ctx.message.text) || isCancel(ctx.message.text),
    (ctx) => showMenu(ctx, entries, isCancel(ctx.message.text) ? 'menu.intro' : greetingKey(ctx.message.text)),
  );
  return { name: 'menu', handlers };
}

/**
 * "huỷ", "menu" or "cancel" leave whatever conversation is running. Installed before the
 * conversations so that it sees the text first.
 */
export function createEscape(entries: MenuEntry[]) {
  const escape = new Composer<BotContext>();
  escape.on('message:text').filter(
    (ctx) => (isCancel(ctx.message.text) || isGreeting(ctx.message.text)) && Object.keys(ctx.conversation.active()).length > 0,
    async (ctx) => {
      await ctx.conversation.exitAll();
      await showMenu(ctx, entries, isCancel(ctx.message.text) ? 'menu.cancelled' : greetingKey(ctx.message.text));
    },
  );
  return escape;
}
