/**
 * The web role: the webhook (a plain node:http handler, webhook-handler.ts) and the express routes
 * of the public search, the officers' console and the token-guarded API over the domain, with the
 * queue dashboard. Producers only: every job it queues is run by a worker role.
 */
import express from 'express';
import type { Queue } from 'bullmq';
import type { Config } from '../config';
import { hashId, type Logger } from '../logger';
import type { Metrics } from '../metrics';
import type { Keys } from '../store/keys';
import type { RedisClient } from '../store/redis';
import type { RedisStallGuard } from '../store/stall-guard';
import { createQueue, QueueName, type DossierNoticeJob, type InboundJob, type QueueFactoryOptions } from '../store/queues';
import type { Domain } from './domain';
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
import type { UserInbox } from '../engine/user-inbox';
import { Intake } from '../engine/intake';
import { createWebhookHandler } from '../http/webhook-handler';
import { createQueueDashboard, QUEUE_DASHBOARD_PATH } from '../http/queue-dashboard';
import { CONSOLE_PATH, createConsoleRouter } from '../http/console.route';

export interface WebParts {
  redis: RedisClient;
  keys: Keys;
  inbox: UserInbox;
  inbound: Queue<InboundJob>;
  dossierNoticeQueue: Queue<DossierNoticeJob>;
  /** The fail-fast connection: with Redis gone, adding a job fails at once (the webhook answers 503). */
  producerOptions: QueueFactoryOptions;
  guard: RedisStallGuard;
  metrics: Metrics;
  logger: Logger;
  domain: Domain;
}

export interface WebRole {
  routes: express.Router;
  webhook: ReturnType<typeof createWebhookHandler>;
  close(): Promise<void>;
}

export async function startWebRole(config: Readonly<Config>, parts: WebParts): Promise<WebRole> {
  const { redis, keys, inbox, inbound, dossierNoticeQueue, producerOptions, guard, metrics, logger, domain } = parts;
  const closers: Array<() => Promise<unknown>> = [];
  const web = express.Router();
  const intake = new Intake(inbox, inbound);
  const webhook = createWebhookHandler(
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
  return {
    routes: web,
    webhook,
    close: async () => {
      for (const closer of closers.reverse()) await closer();
    },
  };
}
