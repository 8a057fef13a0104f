/**
 * Inbound half of the bridge: a Zalo event → a Telegram-shaped Update for grammY, so flows never
 * see Zalo. Every update carries a private chat whose id is the Zalo user id, because
 * conversations key their state by chat. A click on an `oa.query.hide` button arrives from Zalo
 * as text (docs/zalo-platform.md §2); text carrying our prefix becomes a `callback_query` — still
 * untrusted, since anyone can type it. `follow` and `user_click_chatnow` become `/start`.
 */
import type { Message, Update } from 'grammy/types';

import type { Attachment, ZaloEvent } from '../edge/zalo/events';
import { toTelegramId } from './ids';

export interface ToUpdateOptions {
  callbackPrefix: string;
}

let nextUpdateId = 1;

export function toUpdate(event: ZaloEvent, options: ToUpdateOptions): Update | null {
  const base = baseMessage(event);
  const update_id = nextUpdateId++;
  switch (event.kind) {
    case 'follow':
    case 'user_click_chatnow':
      return { update_id, message: { ...base, text: '/start', entities: [{ type: 'bot_command', offset: 0, length: 6 }] } };
    case 'user_send_text': {
      const text = messageOf(event).text ?? '';
      if (text.startsWith(options.callbackPrefix)) {
        return {
          update_id,
          callback_query: {
            id: event.dedupeKey,
            from: base.from,
            chat_instance: event.userId,
            data: text.slice(options.callbackPrefix.length),
            message: { message_id: 0, date: base.date, chat: base.chat } as Message,
          },
        };
      }
      return { update_id, message: { ...base, text } };
    }
    default: {
      const media = mediaFields(event);
      return media ? { update_id, message: { ...base, ...media } } : null;
    }
  }
}

interface ZaloMessage {
  msg_id?: string;
  text?: string;
  attachments?: Attachment[];
}

function messageOf(event: ZaloEvent): ZaloMessage {
  return (event.raw.message as ZaloMessage | undefined) ?? {};
}

function baseMessage(event: ZaloEvent) {
  const id = toTelegramId(event.userId);
  return {
    message_id: toTelegramId(messageOf(event).msg_id ?? event.dedupeKey),
    date: Math.floor(Number(event.timestamp) / 1000),
    chat: { id, type: 'private' as const, first_name: '' },
    from: { id, is_bot: false, first_name: '' },
  };
}

/** The message fields for each kind of user message other than plain text. */
function mediaFields(event: ZaloEvent): Record<string, unknown> | null {
  const message = messageOf(event);
  const attachment = message.attachments?.[0];
  const payload = attachment?.payload ?? {};
  const file = { file_id: payload.url ?? payload.id ?? '', file_unique_id: payload.url ?? payload.id ?? '' };
  const caption = message.text ? { caption: message.text } : {};
  switch (event.kind) {
    case 'user_send_image':
    case 'user_send_gif':
      return { photo: [{ ...file, width: 0, height: 0 }], ...caption };
    case 'user_send_sticker':
      return { sticker: { ...file, type: 'regular', width: 0, height: 0, is_animated: false, is_video: false } };
    case 'user_send_location': {
      const c = payload.coordinates;
      return c ? { location: { latitude: Number(c.latitude), longitude: Number(c.longitude) } } : null;
    }
    case 'user_send_file':
      return { document: { ...file, file_name: payload.name, file_size: payload.size ? Number(payload.size) : undefined } };
    case 'user_send_audio':
      return { voice: { ...file, duration: 0 } };
    case 'user_send_video':
      return { video: { ...file, width: 0, height: 0, duration: 0 }, ...caption };
    case 'user_send_link':
      return { text: message.text || payload.url || '' };
    case 'user_send_business_card':
      return { contact: { phone_number: '', first_name: payload.description ?? '' } };
    default:
      return null;
  }
}
