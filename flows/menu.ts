/**
 * Greeting and main menu: on follow and "chat now" (both arrive as /start), on "menu", "bắt đầu",
 * "xin chào", "hi", and on the menu button. The menu lists one entry per flow that exists —
 * never a capability that is not built yet.
 */
import { Composer } from 'grammy';
import type { BotContext, FlowContext } from './context';
import { MENU_DATA, type Flow, type MenuEntry } from './flow';
import { buttons } from './keyboard';
import { isCancel, isGreeting } from './phrases';

export function showMenu(ctx: FlowContext, entries: MenuEntry[], introKey = 'menu.intro') {
  const keyboard = buttons(entries.map((e) => ({ label: ctx.t(e.labelKey), data: e.data })));
  return ctx.reply(ctx.t(introKey), entries.length ? { reply_markup: keyboard } : {});
}

export function createMenuFlow(entries: MenuEntry[]): Flow {
  const handlers = new Composer<BotContext>();
  handlers.command('start', (ctx) => showMenu(ctx, entries, 'menu.greeting'));
  handlers.callbackQuery(MENU_DATA, (ctx) => showMenu(ctx, entries));
  handlers.on('message:text').filter(
    (ctx) => isGreeting(ctx.message.text) || isCancel(ctx.message.text),
    (ctx) => showMenu(ctx, entries),
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
      await showMenu(ctx, entries, isCancel(ctx.message.text) ? 'menu.cancelled' : 'menu.intro');
    },
  );
  return escape;
}
