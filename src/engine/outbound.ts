/**
 * Outbound half of the bridge: grammY's `client.fetch`. Every Bot API call — from `ctx.reply`
 * outside and inside conversations (transformers on `bot.api` do not reach conversations) —
 * arrives here as POST <apiRoot>/bot<token>/<method> with a JSON body, and is turned into Zalo OA
 * calls. Answers must look like Telegram's: `{ok:true,result}` or `{ok:false,…}` (a GrammyError);
 * a thrown error becomes grammY's HttpError. Anything else would hang the chat (conversations #155).
 * A failure that will pass (Zalo or Redis out of reach) is answered like Telegram's 429, and a
 * send whose outcome is unknown with BRIDGE_CODES.outcomeUnknown: a GrammyError keeps its code
 * through the conversations plugin, where an HttpError's cause is lost (transient-failure.ts).
 * A retried event's messages that an earlier attempt delivered are skipped (reply-ledger.ts).
 */
import { z } from 'zod';
import type { Logger } from '../logger';
import type { ZaloButton, ZaloOaClient, ZaloOutboundMessage } from '../edge/zalo/oa-client';
import { isZaloApiError } from '../edge/zalo/errors';
import { toTelegramId, toZaloId } from './ids';
import { currentEvent } from './event-scope';
import type { ReplyLedger } from './reply-ledger';
import { BRIDGE_CODES, isAmbiguousFailure, isPassingFailure } from './transient-failure';
import { splitText } from './split-text';

/** Zalo shows at most 5 buttons in a message (docs/zalo-platform.md §2). */
export const MAX_BUTTONS = 5;

export interface OutboundOptions {
  /** Prefix of `oa.query.hide` payloads, so inbound text can be recognised as a click. */
  callbackPrefix: string;
  /** Inside an inbound event: the messages an earlier attempt delivered are not sent again. */
  ledger?: ReplyLedger;
}

const inlineButton = z.union([z.object({ text: z.string(), callback_data: z.string() }), z.object({ text: z.string(), url: z.string() })]);
const replyMarkup = z
  .object({ inline_keyboard: z.array(z.array(inlineButton)) })
  .partial()
  .optional();
const sendMessageBody = z.object({ chat_id: z.unknown(), text: z.string(), reply_markup: replyMarkup });
const sendPhotoBody = z.object({ chat_id: z.unknown(), photo: z.string(), caption: z.string().optional(), reply_markup: replyMarkup });

type TelegramAnswer =
  { ok: true; result: unknown } | { ok: false; error_code: number; description: string; parameters?: { retry_after?: number } };

class ProgrammingError extends Error {}

/** Methods that have no Zalo counterpart and nothing to do: answered as done. */
const NO_OPS = new Set(['answerCallbackQuery', 'sendChatAction', 'setMyCommands', 'deleteMessage', 'editMessageReplyMarkup']);

export function createZaloFetch(client: ZaloOaClient, options: OutboundOptions, logger: Logger) {
  const handlers: Record<string, (body: unknown) => Promise<unknown>> = {
    sendMessage: (body) => sendText(sendMessageBody.parse(body)),
    // Zalo cannot edit a sent message: the new text is sent as a new message.
    editMessageText: (body) => sendText(sendMessageBody.parse(body)),
    sendPhoto: (body) => sendPhoto(sendPhotoBody.parse(body)),
  };

  async function deliver(userId: string, message: ZaloOutboundMessage) {
    const scope = currentEvent();
    const index = scope ? scope.sends++ : 0;
    const content = { userId, message };
    let messageId = scope && (await options.ledger?.delivered(scope, index, content));
    if (!messageId) {
      messageId = await client.sendConsultation(userId, message);
      if (scope) await options.ledger?.remember(scope, index, content, messageId);
    }
    return {
      message_id: toTelegramId(messageId),
      date: Math.floor(Date.now() / 1000),
      chat: { id: toTelegramId(userId), type: 'private', first_name: '' },
      text: message.text,
    };
  }

  async function sendText(body: z.infer<typeof sendMessageBody>) {
    const userId = toZaloId(body.chat_id);
    const buttons = toZaloButtons(body.reply_markup?.inline_keyboard, options.callbackPrefix);
    const parts = splitText(body.text);
    let last: unknown;
    for (const [i, text] of parts.entries()) {
      last = await deliver(userId, i === parts.length - 1 ? { text, buttons } : { text });
    }
    return last;
  }

  async function sendPhoto(body: z.infer<typeof sendPhotoBody>) {
    const userId = toZaloId(body.chat_id);
    const image = await deliver(userId, { imageUrl: body.photo });
    if (!body.caption && !body.reply_markup) return image;
    return sendText({ chat_id: body.chat_id, text: body.caption ?? '', reply_markup: body.reply_markup });
  }

  async function answer(method: string, body: unknown): Promise<TelegramAnswer> {
    if (NO_OPS.has(method)) return { ok: true, result: true };
    const handler = handlers[method];
    if (!handler) return { ok: false, error_code: 501, description: `Not Implemented: ${method} has no Zalo counterpart` };
    try {
      return { ok: true, result: await handler(body) };
    } catch (err) {
      if (isZaloApiError(err)) return { ok: false, error_code: err.code, description: err.message };
      if (err instanceof ProgrammingError || err instanceof z.ZodError || err instanceof TypeError) {
        logger.error({ method, err: err.message }, 'flow asked for something Zalo cannot show');
        return { ok: false, error_code: 400, description: `Bad Request: ${err.message}` };
      }
      const reason = (err as Error | null)?.message ?? String(err);
      if (isPassingFailure(err))
        return {
          ok: false,
          error_code: BRIDGE_CODES.retryLater,
          description: `Too Many Requests: retry later (${reason})`,
          parameters: { retry_after: 5 },
        };
      if (isAmbiguousFailure(err))
        return { ok: false, error_code: BRIDGE_CODES.outcomeUnknown, description: `Gateway Timeout: outcome unknown (${reason})` };
      throw err; // a bug: grammY reports it as an HttpError
    }
  }

  return async function zaloFetch(url: string, init?: { body?: unknown }) {
    const method = String(url).split('/').pop() ?? '';
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : {};
    const result = await answer(method, body);
    return { ok: true, status: 200, json: () => Promise.resolve(result) };
  };
}

/** Telegram's rows of inline buttons → Zalo's flat list of at most 5. */
function toZaloButtons(keyboard: Array<Array<z.infer<typeof inlineButton>>> | undefined, callbackPrefix: string): ZaloButton[] | undefined {
  const flat = keyboard?.flat() ?? [];
  if (flat.length === 0) return undefined;
  if (flat.length > MAX_BUTTONS) {
    throw new ProgrammingError(`Zalo allows at most ${MAX_BUTTONS} buttons per message, the flow asked for ${flat.length}`);
  }
  return flat.map((b): ZaloButton => {
    if ('callback_data' in b) return { title: b.text, type: 'oa.query.hide', payload: `${callbackPrefix}${b.callback_data}` };
    if (b.url.startsWith('tel:')) return { title: b.text, type: 'oa.open.phone', payload: { phone_code: b.url.slice(4) } };
    return { title: b.text, type: 'oa.open.url', payload: { url: b.url } };
  });
}
