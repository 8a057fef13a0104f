/**
 * Each user's last interaction with the OA (docs/zalo-platform.md §3): within 48 h a consultation
 * message is free, up to 7 days it is billed, after that Zalo refuses it (-230). The webhook
 * intake writes `lastInteraction` atomically with the event (engine/user-inbox.ts); a -230 answer
 * writes `windowClosedAt`, since Zalo knows better than our ledger.
 */
import type { Keys } from '../../store/keys';
import type { RedisClient } from '../../store/redis';

export type MessageWindow = 'free' | 'billed' | 'closed';

const HOUR = 3_600_000;
export const FREE_WINDOW_MS = 48 * HOUR;
export const PAID_WINDOW_MS = 7 * 24 * HOUR;

export class InteractionLedger {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
  ) {}

  async lastInteraction(userId: string): Promise<number | undefined> {
    const value = await this.redis.hGet(this.keys.profile(userId), 'lastInteraction');
    return value ? Number(value) : undefined;
  }

  async window(userId: string, now = Date.now()): Promise<MessageWindow> {
    const [last, closedAt] = await this.redis.hmGet(this.keys.profile(userId), ['lastInteraction', 'windowClosedAt']);
    return windowFor(last ? Number(last) : undefined, closedAt ? Number(closedAt) : undefined, now);
  }

  async markClosed(userId: string, at = Date.now()): Promise<void> {
    await this.redis.hSet(this.keys.profile(userId), 'windowClosedAt', String(at));
  }
}

export function windowFor(last: number | undefined, closedAt: number | undefined, now: number): MessageWindow {
  if (last === undefined || (closedAt !== undefined && closedAt >= last)) return 'closed';
  const age = now - last;
  if (age <= FREE_WINDOW_MS) return 'free';
  return age <= PAID_WINDOW_MS ? 'billed' : 'closed';
}
