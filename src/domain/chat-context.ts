/**
 * The short-term context of a chat (issue 9): what the bot last talked about with this person, so
 * that a follow-up ("cần mang gì?") applies to the procedure last discussed, a typed "2" picks the
 * second item of the list last offered, and a typed button label works like the button. Kept in
 * one Redis hash per user that expires after a quiet spell (CONVERSATION_IDLE_MIN), like the
 * conversation state: someone who comes back the next day starts afresh.
 */
import { z } from 'zod';
import type { Keys } from '../store/keys';
import type { RedisClient } from '../store/redis';

/** A button as the person saw it: its label and what pressing it does. */
export interface ShownButton {
  label: string;
  data: string;
}

export interface ChatMemory {
  /** The procedure whose card or details were shown last. */
  procedure?: string;
  /** The buttons of the bot's last message that had any (the list last offered is among them). */
  buttons: ShownButton[];
  /** The text of a message the bot could not place and asked about. */
  unplaced?: { id: string; text: string };
  /** The offer to switch to the language the person writes in was made (once is enough). */
  languageOffered: boolean;
}

const buttonsSchema = z.array(z.object({ label: z.string(), data: z.string() })).max(10);
const unplacedSchema = z.object({ id: z.string(), text: z.string() });

export class ChatContext {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
    private readonly ttlSeconds: number,
  ) {}

  async get(userId: string): Promise<ChatMemory> {
    const raw = await this.redis.hGetAll(this.keys.chatContext(userId));
    const buttons = buttonsSchema.safeParse(parseJson(raw.buttons));
    const unplaced = unplacedSchema.safeParse(parseJson(raw.unplaced));
    return {
      ...(raw.procedure ? { procedure: raw.procedure } : {}),
      buttons: buttons.success ? buttons.data : [],
      ...(unplaced.success ? { unplaced: unplaced.data } : {}),
      languageOffered: raw.languageOffered === '1',
    };
  }

  rememberButtons(userId: string, buttons: ShownButton[]): Promise<void> {
    return this.set(userId, { buttons: JSON.stringify(buttons.slice(0, 10)) });
  }

  rememberProcedure(userId: string, code: string): Promise<void> {
    return this.set(userId, { procedure: code });
  }

  rememberUnplaced(userId: string, unplaced: { id: string; text: string }): Promise<void> {
    return this.set(userId, { unplaced: JSON.stringify(unplaced) });
  }

  rememberLanguageOffered(userId: string): Promise<void> {
    return this.set(userId, { languageOffered: '1' });
  }

  async forgetUnplaced(userId: string): Promise<void> {
    await this.redis.hDel(this.keys.chatContext(userId), 'unplaced');
  }

  private async set(userId: string, fields: Record<string, string>): Promise<void> {
    const key = this.keys.chatContext(userId);
    await this.redis.multi().hSet(key, fields).expire(key, this.ttlSeconds).exec();
  }
}

function parseJson(value: string | undefined): unknown {
  if (value === undefined) return undefined;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}
