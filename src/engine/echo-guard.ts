/**
 * Zalo echoes every message the OA sends (`oa_send_*`), whether the bot or a human officer in OA
 * Manager sent it. Echoes are never answered. An echo we cannot match to one of our own sends
 * means a human is answering this chat, and the bot keeps quiet there for a while.
 *
 * Whether an echo's msg_id equals the message_id our send returned is not confirmed, so a send is
 * remembered both ways — by message id, and by recipient + text hash for a few seconds — and the
 * metric `zoa_echo_matches_total{match}` shows which one real traffic uses.
 */
import { createHash } from 'node:crypto';
import type { SendObserver } from '../edge/zalo/oa-client';
import type { Keys } from '../store/keys';
import type { RedisClient } from '../store/redis';

export type EchoMatch = 'msg_id' | 'text' | 'none';

export interface EchoGuardOptions {
  /** How long the bot stays quiet after a human wrote in the chat (ms); 0 disables. */
  humanQuietMs: number;
  /** How far apart a send and an echo with the same text may be (ms, by the echo's timestamp). Default 30 s. */
  textMatchWindowMs?: number;
}

/** Longer than any backlog the echo may wait in behind the user's other events. */
const REMEMBER_SEC = 6 * 3600;

export class EchoGuard implements SendObserver {
  private readonly textWindowMs: number;

  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
    private readonly options: EchoGuardOptions,
    private readonly now: () => number = Date.now,
  ) {
    this.textWindowMs = options.textMatchWindowMs ?? 30_000;
  }

  /** Before a send: the echo may arrive before the send call returns. */
  async beforeSend(userId: string, text: string | undefined): Promise<void> {
    await this.remember(userId, `h:${hashText(text)}`);
  }

  async afterSend(userId: string, messageId: string): Promise<void> {
    if (messageId) await this.remember(userId, `m:${messageId}`);
  }

  /**
   * Classifies an echo; an unmatched one starts the human's quiet time. `echoAt` is the echo's own
   * timestamp, not the time it is handled: it may have waited behind a backlog.
   */
  async onEcho(userId: string, msgId: string | undefined, text: string | undefined, echoAt: number): Promise<EchoMatch> {
    const key = this.keys.recentSends(userId);
    const [byId, byText] = await this.redis.hmGet(key, [`m:${msgId ?? ''}`, `h:${hashText(text)}`]);
    if (msgId && byId) return 'msg_id';
    if (byText && Math.abs(echoAt - Number(byText)) <= this.textWindowMs) return 'text';
    if (this.options.humanQuietMs > 0) {
      await this.redis.set(this.keys.humanQuiet(userId), String(this.now()), {
        expiration: { type: 'PX', value: this.options.humanQuietMs },
      });
    }
    return 'none';
  }

  async isHumanAnswering(userId: string): Promise<boolean> {
    return (await this.redis.exists(this.keys.humanQuiet(userId))) === 1;
  }

  private async remember(userId: string, field: string): Promise<void> {
    const key = this.keys.recentSends(userId);
    await this.redis.multi().hSet(key, field, String(this.now())).expire(key, REMEMBER_SEC).exec();
  }
}

/** Echoes of media carry no text: they match any recent media send to the same user. */
function hashText(text: string | undefined): string {
  const normalised = text?.normalize('NFC').trim();
  return normalised ? createHash('sha1').update(normalised).digest('hex').slice(0, 16) : 'media';
}
