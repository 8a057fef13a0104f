/** Appends to a Redis list kept to its newest `max` entries (audit trails, dead letters, delivery logs). */
import type { RedisClient } from './redis';

export async function appendCapped(redis: RedisClient, key: string, entry: unknown, max: number): Promise<void> {
  await redis
    .multi()
    .lPush(key, JSON.stringify(entry))
    .lTrim(key, 0, max - 1)
    .exec();
}
