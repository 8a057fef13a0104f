/**
 * Remembers the buttons of every message the bot sends with any, as the chat context's "buttons
 * last shown": a person who types a button's label or a list's number instead of pressing gets
 * what the button does (flows/typed-buttons.ts). A grammY API transformer, so it sees every send —
 * replies, conversations and proactive notices alike. Link buttons do nothing when typed: skipped.
 */
import type { Transformer } from 'grammy';
import type { ChatContext, ShownButton } from '../domain/chat-context';

interface SentKeyboard {
  chat_id?: number | string;
  reply_markup?: { inline_keyboard?: Array<Array<{ text?: string; callback_data?: string }>> };
}

export function rememberShownButtons(context: Pick<ChatContext, 'rememberButtons'>): Transformer {
  return async (prev, method, payload, signal) => {
    const result = await prev(method, payload, signal);
    const sent = payload as SentKeyboard;
    if (method === 'sendMessage' && sent.chat_id !== undefined && result.ok) {
      const buttons: ShownButton[] = (sent.reply_markup?.inline_keyboard ?? [])
        .flat()
        .flatMap((b) => (b.text && b.callback_data ? [{ label: b.text, data: b.callback_data }] : []));
      if (buttons.length) await context.rememberButtons(String(sent.chat_id), buttons);
    }
    return result;
  };
}
