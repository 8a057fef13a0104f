/**
 * Conversation state in Redis: a `{read, write, delete}` adapter over node-redis
 * (@grammyjs/storage-redis is typed for ioredis only). The TTL is the idle time: a conversation
 * left alone longer than that is forgotten, so the next message starts fresh instead of
 * answering a question asked yesterday. While an event is handled its writes are staged and made
 * once it was handled (event-scope.ts), so a retry after a transient failure finds the old state.
 */
import type { Keys } from '../store/keys';
import type { RedisClient } from '../store/redis';
import { currentEvent } from './event-scope';

export interface StorageAdapter<T> {
  read(key: string): Promise<T | undefined>;
  write(key: string, value: T): Promise<void>;
  delete(key: string): Promise<void>;
}

export function createConversationStorage<T>(redis: RedisClient, keys: Keys, idleMs: number): StorageAdapter<T> {
  // Inside an event the writes wait for it to be handled (event-scope.ts); its reads see them.
  const stage = (key: string, value: T | undefined, write: () => Promise<unknown>) => {
    const scope = currentEvent();
    if (!scope) return write().then(() => undefined);
    scope.staged.set(key, { value, write });
    return Promise.resolve();
  };
  return {
    async read(key) {
      const redisKey = keys.conversation(key);
      const staged = currentEvent()?.staged.get(redisKey);
      if (staged) return staged.value as T | undefined;
      const raw = await redis.get(redisKey);
      return raw ? (JSON.parse(raw) as T) : undefined;
    },
    write(key, value) {
      const redisKey = keys.conversation(key);
      return stage(redisKey, value, () => redis.set(redisKey, JSON.stringify(value), { expiration: { type: 'PX', value: idleMs } }));
    },
    delete(key) {
      const redisKey = keys.conversation(key);
      return stage(redisKey, undefined, () => redis.del(redisKey));
    },
  };
}
