/**
 * What nobody else handled (free text is a question, answered by the procedure lookup). Photos,
 * files and locations are acknowledged with a hint that "menu" shows what the bot can do; a button
 * from a finished conversation says it has expired.
 */
import { Composer } from 'grammy';
import type { BotContext } from './context';
import type { Flow, MenuEntry } from './flow';
import { showMenu } from './menu';

export function createFallbackFlow(menu: () => MenuEntry[]): Flow {
  const handlers = new Composer<BotContext>();
  handlers.on('callback_query', (ctx) => showMenu(ctx, menu(), 'fallback.staleButton'));
  handlers.on('message', (ctx) => ctx.reply(`${ctx.t('fallback.media')}\n${ctx.t('fallback.menuHint')}`));
  return { name: 'fallback', handlers };
}
