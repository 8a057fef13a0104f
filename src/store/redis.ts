/**
 * node-redis clients. The application's client refuses commands while disconnected instead of
 * queueing them, so the webhook can answer 503 at once (Zalo retries) rather than hang past its
 * 2 s deadline. BullMQ gets its own client with node-redis defaults, wrapped by its adapter.
 */
import type { EventEmitter } from 'node:events';
import { createClient } from 'redis';
import { createNodeRedisClient } from 'bullmq';
import type { Logger } from '../logger';

export type RedisClient = ReturnType<typeof createClient>;

export interface RedisClientOptions {
  url: string;
  /** true → commands fail while disconnected (the web edge); false → they wait (queues). */
  failFast: boolean;
  name: string;
}

export function createRedis(options: RedisClientOptions, logger: Logger): RedisClient {
  const client = createClient({
    url: options.url,
    disableOfflineQueue: options.failFast,
    socket: { reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 2000), connectTimeout: 2000 },
  });
  let down = false;
  client.on('error', (err: Error) => {
    // node-redis emits an error per failed reconnect; one line per outage is enough.
    if (!down) logger.error({ client: options.name, err: err.message }, 'redis connection lost');
    down = true;
  });
  client.on('ready', () => {
    if (down) logger.info({ client: options.name }, 'redis connection restored');
    down = false;
  });
  return client;
}

export async function connectRedis(options: RedisClientOptions, logger: Logger): Promise<RedisClient> {
  const client = createRedis(options, logger);
  await client.connect();
  return client;
}

/**
 * The BullMQ connection object for a connected node-redis client. The adapter re-emits the
 * client's errors; once a queue closed and stopped listening, an unheard 'error' would crash the
 * process, and the client's own listener has logged the outage already.
 */
export function toQueueConnection(client: RedisClient) {
  const adapter = createNodeRedisClient(client);
  (adapter as unknown as EventEmitter).on('error', () => undefined);
  return adapter;
}

export async function closeRedis(client: RedisClient): Promise<void> {
  if (!client.isOpen) return;
  // A graceful close waits for replies that a dead server will never send.
  if (!client.isReady) {
    client.destroy();
    return;
  }
  try {
    await client.close();
  } catch {
    client.destroy();
  }
}

const CONNECTION_ERRORS = new Set([
  'ClientClosedError',
  'ClientOfflineError',
  'SocketClosedUnexpectedlyError',
  'ConnectionTimeoutError',
  'ReconnectStrategyError',
  'SocketTimeoutError',
  'RedisStalledError',
]);

/** Did this fail because Redis is out of reach (it will pass), rather than because of the command? */
export function isRedisUnavailable(err: unknown): boolean {
  const name = (err as { constructor?: { name?: string } } | null)?.constructor?.name ?? '';
  if (CONNECTION_ERRORS.has(name)) return true;
  // By message too: an error cloned across the conversations plugin's `external()` keeps only that.
  return /The client is (closed|offline)|Socket closed unexpectedly|Connection timeout|Socket timeout|Redis did not answer within|ECONNREFUSED|ECONNRESET/.test((err as Error | null)?.message ?? '');
}
