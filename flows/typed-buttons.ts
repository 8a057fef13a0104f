/**
 * A typed button label works like the button (issue 9): "tra cứu hồ sơ" typed is the "Tra cứu hồ
 * sơ" button, "2" or "số 2" after a numbered list is its second entry. Matched against the buttons
 * the person was last shown and the main menu, folded (no diacritics, case, punctuation, a leading
 * number or "✓"). Runs before the conversations, so a waiting question receives the typed label as
 * the button it names and can leave when the button belongs elsewhere.
 *
 * The update is rewritten in place into the callback the button would have sent: every handler
 * after this one, and the conversation engine's replay log, then see exactly a button press.
 */
import { Composer } from 'grammy';
import type { Update } from 'grammy/types';
import type { ChatContext, ShownButton } from '../src/domain/chat-context';
import type { BotContext } from './context';
import type { I18n } from '../src/i18n';
import { LOCALES } from '../src/i18n';
import { foldPhrase } from '../src/domain/text/fold';
import { MAX_PHRASE_CHARS } from '../src/domain/text/bounds';
import type { MenuEntry } from './flow';

/** "2", "số 2", "so 2", "chọn 2", "cái thứ 2", "no 2", "#2", "2." */
const TYPED_NUMBER = /^(?:(?:so|chon|chon so|cai|cai thu|thu|muc|number|no|option)\s*)?(\d{1,2})$/;

/** A label as it is compared: folded, without its list number, check mark or ellipsis. */
export function labelKey(label: string): string {
  return foldPhrase(label.replace(/^\s*(?:✓\s*)?\d{1,2}\.\s*/, '').replace(/…$/, ''));
}

function numberOf(label: string): number | undefined {
  const m = /^\s*(\d{1,2})\.\s/.exec(label);
  return m ? Number(m[1]) : undefined;
}

/** The button a typed text names, or undefined. */
export function typedButton(text: string, shown: readonly ShownButton[], menu: readonly ShownButton[]): ShownButton | undefined {
  if (text.length > MAX_PHRASE_CHARS) return undefined;
  const folded = foldPhrase(text);
  const number = TYPED_NUMBER.exec(folded);
  if (number) return shown.find((b) => numberOf(b.label) === Number(number[1]));
  const key = labelKey(text);
  if (!key) return undefined;
  // A label cut with "…" matches what was typed in full.
  const matches = (b: ShownButton) =>
    labelKey(b.label) === key || (b.label.endsWith('…') && key.startsWith(labelKey(b.label)) && labelKey(b.label).length >= 8);
  return shown.find(matches) ?? menu.find(matches);
}

export function createTypedButtons(context: Pick<ChatContext, 'get'>, i18n: I18n, menu: () => MenuEntry[]): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.on('message:text', async (ctx, next) => {
    const text = ctx.message.text;
    if (text.length > MAX_PHRASE_CHARS) return next();
    const memory = await context.get(String(ctx.chatId));
    const menuButtons = LOCALES.flatMap((l) => menu().map((e) => ({ label: i18n.t(l, e.labelKey), data: e.data })));
    const button = typedButton(text, memory.buttons, menuButtons);
    if (!button) return next();
    const update: Update = {
      update_id: ctx.update.update_id,
      callback_query: {
        id: `typed-${ctx.update.update_id}`,
        from: ctx.message.from,
        chat_instance: String(ctx.chatId),
        data: button.data,
        message: { message_id: 0, date: ctx.message.date, chat: ctx.message.chat },
      },
    };
    (ctx as { update: Update }).update = update;
    return next();
  });
  return composer;
}
