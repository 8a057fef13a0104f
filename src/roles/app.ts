/**
 * The composition root shared by every role (immich's app.module, in small): it reads nothing
 * from the environment — it is handed the Config — and wires the web role (webhook, API), the
 * worker role (engine, queues) or both into one process. Both roles serve /healthz, /readyz and
 * /metrics on the configured port; only the web role accepts webhooks.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import express, { type Express } from 'express';
import type { Queue } from 'bullmq';
import type { Config } from '../config';
import { createLogger, setLogSalt, type Logger } from '../logger';
import { createMetrics, type Metrics } from '../metrics';
import { createKeys, type Keys } from '../store/keys';
import { closeRedis, connectRedis, toQueueConnection, type RedisClient } from '../store/redis';
import { RedisStallGuard } from '../store/stall-guard';
import { createQueue, QueueName, type DossierNoticeJob, type InboundJob } from '../store/queues';
import { startWorkerRole } from './worker-role';
import { startWebRole } from './web-role';
import { loadDomain } from './domain';
import { UserInbox } from '../engine/user-inbox';
import { WEBHOOK_PATH } from '../http/webhook-handler';
import { createHealthRouter } from '../http/health.route';
import { requestContext } from '../http/request-context';
import { errorHandler } from '../http/error-handler';

export interface Roles {
  web: boolean;
  worker: boolean;
}

export interface AppExtras {
  /** Extra routes mounted before the error handler (the dev simulator). */
  mount?: (app: Express) => void;
  logger?: Logger;
}

export interface RunningApp {
  port: number;
  config: Readonly<Config>;
  keys: Keys;
  redis: RedisClient;
  metrics: Metrics;
  logger: Logger;
  close(): Promise<void>;
}

/** Redis answers in about a millisecond; the webhook's store step waits this long, well inside Zalo's 2 s. */
const REDIS_DEADLINE_MS = 1000;
/** In-flight jobs get this long to finish on shutdown; with Redis gone, closing must not hang. */
const CLOSE_TIMEOUT_MS = 15_000;

export async function startApp(config: Readonly<Config>, roles: Roles, extras: AppExtras = {}): Promise<RunningApp> {
  const logger = extras.logger ?? createLogger(config.logLevel, { role: roleName(roles) });
  setLogSalt(createHash('sha256').update(config.zalo.oaSecretKey).digest('hex'));
  const metrics = createMetrics();
  const keys = createKeys(config.keyPrefix);
  const domain = loadDomain(logger);
  const checks: Record<string, () => Promise<boolean>> = {};

  // The port opens first: /healthz answers while Redis is still out of reach at start, /readyz
  // says 503, and every other request 503 until the roles are up (Zalo retries the webhook).
  const app = express();
  app.disable('x-powered-by');
  if (config.trustProxy) app.set('trust proxy', config.trustProxy);
  // Express 5 hashes every response body for an ETag: wasted work on webhook acknowledgements.
  app.set('etag', false);
  app.use(requestContext(logger));
  let inboundQueue: Queue<InboundJob> | undefined;
  app.use(
    createHealthRouter({
      checks,
      registry: metrics.registry,
      metricsToken: config.metricsToken,
      beforeScrape: async () => {
        if (inboundQueue) await updateQueueDepth(metrics, inboundQueue);
      },
    }),
  );
  extras.mount?.(app);
  let routes: express.Router | undefined;
  let stall: RedisStallGuard | undefined;
  app.use((req, res, next) => {
    // Not wired yet, or Redis frozen (a deadline was missed and no answer came since): 503 at once.
    if (routes && !stall?.stalled) return routes(req, res, next);
    res.status(503).set('Retry-After', '5').json({ error: 'temporarily unavailable' });
  });
  app.use((_req, res) => {
    res.status(404).json({ error: 'not found' });
  });
  app.use(errorHandler());
  // The webhook skips Express (webhook-handler.ts); everything else goes through it, and so does the
  // webhook until the roles are up or while Redis is frozen (Express answers those 503).
  let webhook: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  const server = createServer((req, res) => {
    if (webhook && req.method === 'POST' && !stall?.stalled && isWebhookPath(req.url)) return webhook(req, res);
    app(req, res);
  });
  await listen(server, config.port, config.host);
  const port = (server.address() as { port: number }).port;
  checks.http = () => Promise.resolve(server.listening);
  checks.redis = () => Promise.resolve(false);
  // Not ready until every role of this process is wired (the worker's own check joins below).
  let started = false;
  checks.started = () => Promise.resolve(started);

  const redis = await connectRedis({ url: config.redisUrl, failFast: true, name: 'app' }, logger);
  stall = new RedisStallGuard(redis, REDIS_DEADLINE_MS);
  const guard = stall;
  checks.redis = async () => (await guard.run(() => redis.ping())) === 'PONG';
  const queueRedis = await connectRedis({ url: config.redisUrl, failFast: false, name: 'queues' }, logger);
  const queueOptions = { connection: toQueueConnection(queueRedis), prefix: keys.queuePrefix };
  const inbox = new UserInbox(redis, keys);
  // Producers share the fail-fast client: with Redis gone, adding a job must fail at once
  // (the webhook answers 503) rather than wait in an offline queue past Zalo's 2 s.
  const producerOptions = { connection: toQueueConnection(redis), prefix: keys.queuePrefix };
  const inbound = createQueue<InboundJob>(QueueName.Inbound, producerOptions);
  inboundQueue = inbound;
  // Connection trouble is already logged once by the client; this keeps BullMQ from printing stacks.
  inbound.on('error', (err) => logger.debug({ err: err.message }, 'inbound queue error'));
  const dossierNoticeQueue = createQueue<DossierNoticeJob>(QueueName.DossierNotices, producerOptions);
  dossierNoticeQueue.on('error', (err) => logger.debug({ err: err.message }, 'dossier notice queue error'));
  const closers: Array<() => Promise<unknown>> = [];

  if (roles.worker) {
    const worker = await startWorkerRole(config, {
      redis,
      keys,
      inbox,
      inboundQueue: inbound,
      dossierNoticeQueue,
      queueOptions,
      metrics,
      logger,
      domain,
    });
    closers.push(() => worker.close());
    checks.worker = () => Promise.resolve(worker.running());
  }

  let web: express.Router = express.Router();
  let webhookHandler: typeof webhook;
  if (roles.web) {
    const webRole = await startWebRole(config, {
      redis,
      keys,
      inbox,
      inbound,
      dossierNoticeQueue,
      producerOptions,
      guard,
      metrics,
      logger,
      domain,
    });
    closers.push(() => webRole.close());
    web = webRole.routes;
    webhookHandler = webRole.webhook;
  }
  routes = web;
  webhook = webhookHandler;
  started = true;
  logger.info({ port, roles }, 'started');

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      // Stop intake first, then let in-flight jobs finish, then drop connections.
      await new Promise<void>((resolve) => server.close(() => resolve()));
      for (const closer of closers.reverse()) {
        await withTimeout(closer(), CLOSE_TIMEOUT_MS).catch((err) => logger.error({ err: String(err) }, 'close failed'));
      }
      await withTimeout(inbound.close(), CLOSE_TIMEOUT_MS);
      await withTimeout(dossierNoticeQueue.close(), CLOSE_TIMEOUT_MS);
      await closeRedis(queueRedis);
      await closeRedis(redis);
      logger.info('stopped');
    })());
  return { port, config, keys, redis, metrics, logger, close };
}

async function updateQueueDepth(metrics: Metrics, queue: Queue): Promise<void> {
  const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'failed');
  for (const [state, count] of Object.entries(counts)) metrics.queueDepth.set({ queue: queue.name, state }, count);
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (err) => reject(listenError(err, port, host)));
    server.listen(port, host, () => resolve());
  });
}

const isWebhookPath = (url: string | undefined) => url === WEBHOOK_PATH || url?.startsWith(`${WEBHOOK_PATH}?`) === true;

function listenError(err: Error, port: number, host: string): Error {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE')
    return new Error(
      `port ${port} on ${host} is already in use by another program: stop it, or choose another port with PORT (e.g. PORT=${port + 1} npm run dev)`,
    );
  if (code === 'EACCES')
    return new Error(`port ${port} on ${host} needs privileges this process does not have: choose a port above 1023 with PORT`);
  return err;
}

function roleName(roles: Roles): string {
  return roles.web && roles.worker ? 'all' : roles.web ? 'web' : 'worker';
}
