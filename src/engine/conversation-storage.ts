/**
 * Conversation state in Redis: a `{read, write, delete}` adapter over node-redis
 * (@grammyjs/storage-redis is typed for ioredis only). The TTL is the idle time: a conversation
 * left alone longer than that is forgotten, so the next message starts fresh instead of
 * answering a question asked yesterday.
 */
import type { Keys } from '../store/keys';
import type { RedisClient } from '../store/redis';

export interface StorageAdapter<T> {
  read(key: string): Promise<T | undefined>;
  write(key: string, value: T): Promise<void>;
  delete(key: string): Promise<void>;
}

export function createConversationStorage<T>(redis: RedisClient, keys: Keys, idleMs: number): StorageAdapter<T> {
  return {
    async read(key) {
      const raw = await redis.get(keys.conversation(key));
      return raw ? (JSON.parse(raw) as T) : undefined;
    },
    async write(key, value) {
      await redis.set(keys.conversation(key), JSON.stringify(value), { expiration: { type: 'PX', value: idleMs } });
    },
    async delete(key) {
      await redis.del(keys.conversation(key));
    },
  };
}
