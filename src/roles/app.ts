/**
 * The composition root shared by every role (immich's app.module, in small): it reads nothing
 * from the environment — it is handed the Config — and wires the web role (webhook, API), the
 * worker role (engine, queues) or both into one process. Both roles serve /healthz, /readyz and
 * /metrics on the configured port; only the web role accepts webhooks.
 */
import { createHash } from 'node:crypto';
import type { Server } from 'node:http';
import express, { type Express } from 'express';
import { Worker, type Queue } from 'bullmq';
import type { Config } from '../config';
import { createLogger, setLogSalt, type Logger } from '../logger';
import { createMetrics, type Metrics } from '../metrics';
import { createI18n } from '../i18n';
import { createKeys, type Keys } from '../store/keys';
import { closeRedis, connectRedis, toQueueConnection, type RedisClient } from '../store/redis';
import { createQueue, MaintenanceJob, QueueName, type InboundJob } from '../store/queues';
import { UserInbox } from '../engine/user-inbox';
import { Intake } from '../engine/intake';
import { EchoGuard } from '../engine/echo-guard';
import { createZaloFetch } from '../engine/outbound';
import { createConversationStorage } from '../engine/conversation-storage';
import { createBot } from '../engine/bot';
import { createEventHandler } from '../engine/event-handler';
import { TokenStore } from '../edge/zalo/token-store';
import { InteractionLedger } from '../edge/zalo/interaction-ledger';
import { ZaloOaClient } from '../edge/zalo/oa-client';
import { createWebhookRouter } from '../edge/http/webhook.route';
import { createHealthRouter } from '../edge/http/health.route';
import { requestContext } from '../edge/http/request-context';
import { errorHandler } from '../edge/http/error-handler';
import { UserProfiles } from '../domain/user-profiles';
import { createFlows } from '../../flows';

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

/** `oa.query.hide` payloads start with this, so a click can be told from typed text. */
export const CALLBACK_PREFIX = '#q:';

const TOKEN_REFRESH_EVERY_MS = 30 * 60_000;
/** In-flight jobs get this long to finish on shutdown; with Redis gone, closing must not hang. */
const CLOSE_TIMEOUT_MS = 15_000;

export async function startApp(config: Readonly<Config>, roles: Roles, extras: AppExtras = {}): Promise<RunningApp> {
  const logger = extras.logger ?? createLogger(config.logLevel, { role: roleName(roles) });
  setLogSalt(createHash('sha256').update(config.zalo.oaSecretKey).digest('hex'));
  const metrics = createMetrics();
  const keys = createKeys(config.keyPrefix);
  const redis = await connectRedis({ url: config.redisUrl, failFast: true, name: 'app' }, logger);
  const queueRedis = await connectRedis({ url: config.redisUrl, failFast: false, name: 'queues' }, logger);
  const queueOptions = { connection: toQueueConnection(queueRedis), prefix: keys.queuePrefix };
  const inbox = new UserInbox(redis, keys);
  const inboundQueue = createQueue<InboundJob>(QueueName.Inbound, queueOptions);
  // Connection trouble is already logged once by the client; this keeps BullMQ from printing stacks.
  inboundQueue.on('error', (err) => logger.debug({ err: err.message }, 'inbound queue error'));
  const closers: Array<() => Promise<unknown>> = [];
  const checks: Record<string, () => Promise<boolean>> = {
    redis: async () => (await redis.ping()) === 'PONG',
  };

  if (roles.worker) {
    const worker = await startWorkerRole(config, { redis, keys, inbox, queueOptions, metrics, logger });
    closers.push(worker.close);
    checks.worker = async () => worker.running();
  }

  const app = express();
  app.disable('x-powered-by');
  app.use(requestContext(logger));
  app.use(
    createHealthRouter({
      checks,
      registry: metrics.registry,
      beforeScrape: () => updateQueueDepth(metrics, inboundQueue),
    }),
  );
  if (roles.web) {
    const intake = new Intake(inbox, inboundQueue);
    app.use(
      createWebhookRouter(
        {
          keys: { appId: config.zalo.appId, oaId: config.zalo.oaId, oaSecretKey: config.zalo.oaSecretKey },
          bodyLimitBytes: config.webhook.bodyLimitBytes,
          maxAgeMs: config.webhook.maxAgeMs,
        },
        intake,
        metrics,
      ),
    );
  }
  extras.mount?.(app);
  app.use((_req, res) => {
    res.status(404).json({ error: 'not found' });
  });
  app.use(errorHandler());
  const server = await listen(app, config.port);
  const port = (server.address() as { port: number }).port;
  checks.http = async () => server.listening;
  logger.info({ port, roles }, 'started');

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      // Stop intake first, then let in-flight jobs finish, then drop connections.
      await new Promise<void>((resolve) => server.close(() => resolve()));
      for (const closer of closers.reverse()) {
        await withTimeout(closer(), CLOSE_TIMEOUT_MS).catch((err) => logger.error({ err: String(err) }, 'close failed'));
      }
      await withTimeout(inboundQueue.close(), CLOSE_TIMEOUT_MS);
      await closeRedis(queueRedis);
      await closeRedis(redis);
      logger.info('stopped');
    })());
  return { port, config, keys, redis, metrics, logger, close };
}

interface WorkerParts {
  redis: RedisClient;
  keys: Keys;
  inbox: UserInbox;
  queueOptions: { connection: ReturnType<typeof toQueueConnection>; prefix: string };
  metrics: Metrics;
  logger: Logger;
}

async function startWorkerRole(config: Readonly<Config>, parts: WorkerParts) {
  const { redis, keys, metrics, logger } = parts;
  const tokens = new TokenStore(
    redis,
    keys,
    {
      appId: config.zalo.appId,
      appSecret: config.zalo.appSecret,
      oauthBase: config.zalo.oauthBase,
      initial: config.zalo.initialTokens,
      refreshAfterMs: config.zalo.refreshAfterMs,
      timeoutMs: config.zalo.httpTimeoutMs,
    },
    logger,
    metrics,
  );
  await tokens.current().catch((err: Error) => logger.fatal({ err: err.message }, 'no Zalo token pair: replies will fail'));
  const ledger = new InteractionLedger(redis, keys);
  const client = new ZaloOaClient(
    {
      apiBase: config.zalo.apiBase,
      timeoutMs: config.zalo.httpTimeoutMs,
      attempts: config.zalo.sendAttempts,
      buttonTemplateType: config.zalo.buttonTemplateType,
    },
    tokens,
    ledger,
    metrics,
    logger,
  );
  const echoes = new EchoGuard(redis, keys, { humanQuietMs: config.engine.humanQuietMs });
  const profiles = new UserProfiles(redis, keys);
  const i18n = createI18n(config.defaultLocale);
  const bot = createBot({
    fetch: createZaloFetch(client, echoes, { callbackPrefix: CALLBACK_PREFIX }, logger),
    i18n,
    profiles,
    storage: createConversationStorage(redis, keys, config.engine.conversationIdleMs),
    registry: createFlows(),
  });
  const handle = createEventHandler({ bot, echoes, profiles, i18n, redis, keys, metrics, logger, callbackPrefix: CALLBACK_PREFIX });

  const inbound = new Worker<InboundJob>(
    QueueName.Inbound,
    async (job) => parts.inbox.drain(job.data.userId, job.id ?? job.name, handle),
    {
      ...parts.queueOptions,
      concurrency: config.engine.inboundConcurrency,
      // A killed worker's drains resume elsewhere within ~30 s; maxStalledCount 1 would fail them.
      lockDuration: 20_000,
      stalledInterval: 10_000,
      maxStalledCount: 10,
    },
  );
  inbound.on('failed', (job, err) => logger.error({ job: job?.id, err: err.message }, 'inbound job failed'));
  inbound.on('error', (err) => logger.debug({ err: err.message }, 'inbound worker error'));

  const maintenanceQueue = createQueue(QueueName.Maintenance, parts.queueOptions);
  await maintenanceQueue.upsertJobScheduler(MaintenanceJob.RefreshToken, { every: TOKEN_REFRESH_EVERY_MS }, { name: MaintenanceJob.RefreshToken });
  const maintenance = new Worker(
    QueueName.Maintenance,
    async (job) => {
      if (job.name === MaintenanceJob.RefreshToken) return { refreshed: await tokens.refreshIfDue() };
      throw new Error(`no handler for maintenance job ${job.name}`);
    },
    { ...parts.queueOptions, concurrency: 1 },
  );
  maintenance.on('failed', (job, err) => logger.error({ job: job?.name, err: err.message }, 'maintenance job failed'));
  maintenance.on('error', (err) => logger.debug({ err: err.message }, 'maintenance worker error'));
  maintenanceQueue.on('error', (err) => logger.debug({ err: err.message }, 'maintenance queue error'));

  return {
    running: () => inbound.isRunning() && maintenance.isRunning(),
    close: async () => {
      await Promise.all([inbound.close(), maintenance.close()]);
      await maintenanceQueue.close();
    },
  };
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

function listen(app: Express, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, '0.0.0.0', () => resolve(server));
    server.once('error', reject);
  });
}

function roleName(roles: Roles): string {
  return roles.web && roles.worker ? 'all' : roles.web ? 'web' : 'worker';
}
