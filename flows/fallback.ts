/**
 * What nobody else handled. Free text is a citizen's question; until a flow can answer it, the
 * bot says so honestly, with a one-line hint that "menu" shows what it can do. Photos, files and
 * locations are acknowledged; a button from a finished conversation says it has expired.
 */
import { Composer } from 'grammy';
import type { BotContext } from '../src/engine/context';
import type { Flow, MenuEntry } from './flow';
import { showMenu } from './menu';

export function createFallbackFlow(menu: () => MenuEntry[]): Flow {
  const handlers = new Composer<BotContext>();
  handlers.on('message:text', (ctx) => ctx.reply(`${ctx.t('fallback.question')}\n${ctx.t('fallback.menuHint')}`));
  handlers.on('callback_query', (ctx) => showMenu(ctx, menu(), 'fallback.staleButton'));
  handlers.on('message', (ctx) => ctx.reply(`${ctx.t('fallback.media')}\n${ctx.t('fallback.menuHint')}`));
  return { name: 'fallback', handlers };
}
