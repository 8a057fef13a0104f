/**
 * node-redis clients. The application's client refuses commands while disconnected instead of
 * queueing them, so the webhook can answer 503 at once (Zalo retries) rather than hang past its
 * 2 s deadline. BullMQ gets its own client, which queues them, wrapped by its adapter (its
 * duplicates, the workers' blocking connections, copy these options).
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

/**
 * A connection silent this long is dropped and made again. node-redis 5.12 can wedge on a
 * reconnect: replies go to the wrong commands (a BullMQ command gets the handshake's CLIENT
 * SETINFO error) and the handshake waits for ever, so the client stays open but never ready with
 * every command queued behind it — BullMQ's fetch loop too, for minutes. Above BullMQ's longest
 * block (10 s, then its 1 s watchdog); live clients PING to stay busy.
 */
const SILENT_SOCKET_MS = 15_000;
const PING_EVERY_MS = 5_000;

export function createRedis(options: RedisClientOptions, logger: Logger): RedisClient {
  const client = createClient({
    url: options.url,
    disableOfflineQueue: options.failFast,
    pingInterval: PING_EVERY_MS,
    socket: {
      reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 2000),
      connectTimeout: 2000,
      socketTimeout: SILENT_SOCKET_MS,
    },
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

/**
 * Waits until the client answers a PING, for at most `withinMs`: true once it does. Each PING
 * is bounded too, since a frozen server never answers one.
 */
export async function untilReachable(client: RedisClient, withinMs: number, everyMs = 100): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const left = deadline - Date.now();
    if (left <= 0) return false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const answered = await Promise.race([
      client.ping().then(
        () => true,
        () => false,
      ),
      new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), left);
      }),
    ]);
    clearTimeout(timer);
    if (answered) return true;
    await new Promise((r) => setTimeout(r, Math.min(everyMs, Math.max(0, deadline - Date.now()))));
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
  return /The client is (closed|offline)|Socket closed unexpectedly|Connection timeout|Socket timeout|Redis did not answer within|ECONNREFUSED|ECONNRESET/.test(
    (err as Error | null)?.message ?? '',
  );
}
