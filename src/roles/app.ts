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
import { createLogger, hashId, setLogSalt, type Logger } from '../logger';
import { createMetrics, type Metrics } from '../metrics';
import { createKeys, type Keys } from '../store/keys';
import { closeRedis, connectRedis, toQueueConnection, type RedisClient } from '../store/redis';
import { RedisStallGuard } from '../store/stall-guard';
import { createQueue, QueueName, type DossierNoticeJob, type InboundJob } from '../store/queues';
import { startWorkerRole } from './worker-role';
import { loadDomain } from './domain';
import { createProceduresRouter } from '../http/procedures.route';
import { publicRateLimit } from '../http/public-rate-limit';
import { authenticate } from '../http/auth';
import { createTokensRouter } from '../http/tokens.route';
import { createMeRouter } from '../http/me.route';
import { ApiTokens } from '../domain/access/api-tokens';
import { DossierStore } from '../domain/dossiers/dossier-store';
import { createDossiersRouter } from '../http/dossiers.route';
import { createDossierImportRouter } from '../http/dossier-import.route';
import { createDossierLookupsRouter } from '../http/dossier-lookups.route';
import { LookupAudit } from '../domain/dossiers/lookup-audit';
import { createRatingsRouter } from '../http/ratings.route';
import { createInsightsRouter } from '../http/insights.route';
import { createInsightsLearningRouter } from '../http/insights-learning.route';
import { Teachings } from '../domain/insights/teachings';
import { LiveUnderstanding } from '../domain/understanding/live-understanding';
import { loadIntentData } from '../domain/understanding/intent-data';
import { loadSearchVocabulary } from '../domain/catalogue/search-vocabulary';
import { UnplacedLog } from '../domain/insights/unplaced-log';
import { createFollowersRouter } from '../http/followers.route';
import { FollowerRegistry } from '../domain/followers/follower-registry';
import { FollowerListing } from '../domain/followers/follower-listing';
import { createFollowerListsRouter } from '../http/follower-lists.route';
import { createStaffRouter } from '../http/staff.route';
import { createBroadcastsRouter } from '../http/broadcasts.route';
import { createBroadcastAudienceRouter } from '../http/broadcast-audience.route';
import { createBroadcasts } from '../engine/broadcasts';
import { StaffDirectory } from '../domain/access/staff-directory';
import { createTicketParts } from '../engine/tickets';
import { TicketStore } from '../domain/tickets/ticket-store';
import { createTeamsRouter } from '../http/teams.route';
import { createTicketsRouter } from '../http/tickets.route';
import { createOverviewRouter } from '../http/overview.route';
import { DailyCounts } from '../domain/stats/daily-counts';
import { DossierFollows } from '../domain/dossiers/dossier-follows';
import { UserInbox } from '../engine/user-inbox';
import { Intake } from '../engine/intake';
import { createWebhookHandler, WEBHOOK_PATH } from '../http/webhook-handler';
import { createQueueDashboard, QUEUE_DASHBOARD_PATH } from '../http/queue-dashboard';
import { createHealthRouter } from '../http/health.route';
import { CONSOLE_PATH, createConsoleRouter } from '../http/console.route';
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

  const web = express.Router();
  let webhookHandler: typeof webhook;
  if (roles.web) {
    const intake = new Intake(inbox, inbound);
    webhookHandler = createWebhookHandler(
      {
        keys: { appId: config.zalo.appId, oaId: config.zalo.oaId, oaSecretKey: config.zalo.oaSecretKey },
        bodyLimitBytes: config.webhook.bodyLimitBytes,
        maxAgeMs: config.webhook.maxAgeMs,
        guard,
      },
      intake,
      metrics,
      logger,
    );
    // The public search finds the synonyms officers taught too, within half a minute of each.
    const intentData = loadIntentData();
    const teachings = new Teachings(redis, keys, intentData, loadSearchVocabulary());
    const taughtSearch = new LiveUnderstanding(domain, teachings, logger, { understand: false });
    await taughtSearch
      .refresh()
      .catch((err: Error) => logger.warn({ err: err.message }, 'could not read the synonyms officers taught: searching without them'));
    taughtSearch.start();
    closers.push(() => Promise.resolve(taughtSearch.stop()));
    web.use('/api/v1/procedures', publicRateLimit(redis, keys, config.publicRateLimitPerMin));
    web.use(createProceduresRouter(domain.catalogue, taughtSearch.search));
    // The officers' console: static pages that call the API below with the token typed in.
    web.use(CONSOLE_PATH, createConsoleRouter());
    // Everything else under /api/v1 needs a token.
    const apiTokens = new ApiTokens(redis, keys, config.adminToken);
    web.use('/api/v1', express.json({ limit: '256kb' }), authenticate(apiTokens));
    web.use(createMeRouter());
    web.use(createTokensRouter(apiTokens, domain.commune));
    // Before the dossiers' own routes: GET /api/v1/dossiers/<code> would take "audit" for a code.
    web.use(createDossierLookupsRouter(new LookupAudit(redis, keys)));
    web.use(createDossierImportRouter(new DossierStore(redis, keys), dossierNoticeQueue));
    web.use(createDossiersRouter(new DossierStore(redis, keys), dossierNoticeQueue));
    // One satisfaction report: dossiers' ratings and the village teams' tickets'.
    web.use(createRatingsRouter(new DossierFollows(redis, keys, config.dossiers.followDaysAfterReturn), new TicketStore(redis, keys)));
    web.use(createInsightsRouter(new UnplacedLog(redis, keys)));
    web.use(
      createInsightsLearningRouter({
        log: new UnplacedLog(redis, keys),
        teachings,
        data: intentData,
        catalogue: domain.catalogue,
      }),
    );
    const followers = new FollowerRegistry(redis, keys);
    web.use(createFollowersRouter(followers, domain.commune));
    web.use(createFollowerListsRouter(new FollowerListing(redis, keys, domain.commune), followers, domain.commune));
    web.use(createStaffRouter(new StaffDirectory(redis, keys)));
    const broadcasts = createBroadcasts({
      redis,
      keys,
      queueOptions: producerOptions,
      commune: domain.commune,
      logDays: config.broadcasts.logDays,
      hashUser: hashId,
      logger,
    });
    closers.push(() => broadcasts.close());
    web.use(createBroadcastsRouter(broadcasts.service, broadcasts.store));
    web.use(createBroadcastAudienceRouter(broadcasts.service, domain.commune));
    // Answers through the API become `deliver` jobs: the worker role sends them.
    const tickets = createTicketParts({
      redis,
      keys,
      queueOptions: producerOptions,
      commune: domain.commune,
      followers,
      settings: config.tickets,
      logger,
    });
    closers.push(tickets.close);
    web.use(createTeamsRouter(tickets.teams, domain.commune));
    web.use(createTicketsRouter({ ...tickets, levels: config.tickets }));
    web.use(
      createOverviewRouter({
        daily: new DailyCounts(redis, keys),
        unplaced: new UnplacedLog(redis, keys),
        tickets: tickets.store,
        broadcasts: broadcasts.store,
        dossierRatings: new DossierFollows(redis, keys, config.dossiers.followDaysAfterReturn),
        calendar: tickets.calendar,
        levels: config.tickets,
      }),
    );
    // Bull Board over every queue, through the fail-fast connection: an outage is a 503, not a hang.
    const dashboardQueues = Object.values(QueueName).map((name) => createQueue(name, producerOptions));
    for (const q of dashboardQueues) q.on('error', (err) => logger.debug({ err: err.message }, 'dashboard queue error'));
    closers.push(() => Promise.all(dashboardQueues.map((q) => q.close())));
    const dashboard = createQueueDashboard(dashboardQueues, apiTokens);
    web.use(QUEUE_DASHBOARD_PATH, dashboard.middleware, dashboard.router);
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
