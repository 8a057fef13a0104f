/**
 * The one place where Zalo's ids meet Telegram's types. Zalo user ids are 19-digit strings
 * (beyond 2^53); grammY types chat and user ids as numbers but passes them through untouched
 * (docs/zalo-platform.md (engine notes)), so they travel as strings typed as numbers — never converted, never added to.
 */
export type TelegramId = number;

export function toTelegramId(zaloId: string): TelegramId {
  return zaloId as unknown as TelegramId;
}

/** Back from a Bot API call's `chat_id` (or a context's chat id) to the Zalo user id. */
export function toZaloId(value: unknown): string {
  if (typeof value === 'string' && /^\d{1,30}$/.test(value)) return value;
  throw new TypeError(`not a Zalo id: ${typeof value === 'number' ? 'a number (precision lost)' : typeof value}`);
}
