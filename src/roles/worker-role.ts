/**
 * The worker role: the conversation engine behind the inbound queue, and the upkeep jobs (token
 * refresh, the sweeper of stranded inboxes). Any number of worker processes may run on one Redis.
 */
import type { Queue } from 'bullmq';
import type { Config } from '../config';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics';
import { createI18n } from '../i18n';
import type { Keys } from '../store/keys';
import type { RedisClient, toQueueConnection } from '../store/redis';
import { dossierChangedJob, MaintenanceJob, QueueName, type DossierNoticeJob, type InboundJob } from '../store/queues';
import type { UserInbox } from '../engine/user-inbox';
import { EchoGuard } from '../engine/echo-guard';
import { createZaloFetch } from '../engine/outbound';
import { ReplyLedger } from '../engine/reply-ledger';
import { createConversationStorage } from '../engine/conversation-storage';
import { createBot } from '../engine/bot';
import { createEventHandler } from '../engine/event-handler';
import { currentEvent } from '../engine/event-scope';
import { TokenStore } from '../edge/zalo/token-store';
import { InteractionLedger } from '../edge/zalo/interaction-ledger';
import { ZaloOaClient } from '../edge/zalo/oa-client';
import { UserProfiles } from '../domain/user-profiles';
import { FollowerRegistry } from '../domain/followers/follower-registry';
import { StaffDirectory } from '../domain/access/staff-directory';
import { createFlows } from '../../flows';
import { ChatContext } from '../domain/chat-context';
import { UnplacedLog } from '../domain/insights/unplaced-log';
import { scheduleFromOpeningHours } from '../domain/tickets/office-time';
import { LiveUnderstanding } from '../domain/understanding/live-understanding';
import { loadIntentData } from '../domain/understanding/intent-data';
import { loadSearchVocabulary } from '../domain/catalogue/search-vocabulary';
import { Teachings } from '../domain/insights/teachings';
import type { Domain } from './domain';
import { DossierLookupService } from '../domain/dossiers/dossier-lookup';
import { DailyCounts } from '../domain/stats/daily-counts';
import { DossierStore } from '../domain/dossiers/dossier-store';
import { DEFAULT_LOOKUP_GUARD, LookupGuard } from '../domain/dossiers/lookup-guard';
import { DossierFollows } from '../domain/dossiers/dossier-follows';
import { dossierNoticeJobs } from '../jobs/dossier-notices';
import { inboundJobs, STRANDED_AFTER_MS } from '../jobs/inbound';
import { maintenanceJobs } from '../jobs/maintenance';
import { broadcastJobs } from '../jobs/broadcast-jobs';
import { startWorkers } from '../jobs/workers';
import { ticketJobs } from '../jobs/tickets';
import { dossierNoticeWriter } from '../../flows/notices/dossier-notice';
import { createBroadcasts } from '../engine/broadcasts';
import { startTickets } from '../engine/tickets';
import { zaloDisplayNames } from '../edge/zalo/user-details';
import { BotNoticeSender } from '../engine/notice-sender';
import { hashId } from '../logger';
import { SyncedDossierSource } from '../domain/dossiers/synced-dossier-source';
import type { DossierSource } from '../domain/dossiers/dossier-source';
import type { Dossier } from '../domain/dossiers/dossier';
import { HttpDossierSource, type HttpDossierSourceOptions } from '../edge/onestop/http-dossier-source';

/** `oa.query.hide` payloads start with this, so a click can be told from typed text. */
const CALLBACK_PREFIX = '#q:';

const TOKEN_REFRESH_EVERY_MS = 30 * 60_000;
const SWEEP_EVERY_MS = 60_000;
const SYNC_DOSSIERS_EVERY_MS = 5 * 60_000;

export interface WorkerParts {
  redis: RedisClient;
  keys: Keys;
  inbox: UserInbox;
  /** Producer of drain jobs (re-queued on shutdown and by the sweeper). */
  inboundQueue: Queue<InboundJob>;
  /** Producer of per-follower notice jobs (the fan-out). */
  dossierNoticeQueue: Queue<DossierNoticeJob>;
  queueOptions: { connection: ReturnType<typeof toQueueConnection>; prefix: string };
  metrics: Metrics;
  logger: Logger;
  domain: Domain;
}

export interface WorkerRole {
  running(): boolean;
  close(): Promise<void>;
}

export async function startWorkerRole(config: Readonly<Config>, parts: WorkerParts): Promise<WorkerRole> {
  const { redis, keys, metrics, logger, inbox, inboundQueue } = parts;
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
  const echoes = new EchoGuard(redis, keys, { humanQuietMs: config.engine.humanQuietMs });
  const ledger = new InteractionLedger(redis, keys);
  const zaloClient = (attempts: number) =>
    new ZaloOaClient(
      { apiBase: config.zalo.apiBase, timeoutMs: config.zalo.httpTimeoutMs, attempts, buttonTemplateType: config.zalo.buttonTemplateType },
      tokens,
      ledger,
      metrics,
      logger,
      echoes,
    );
  const client = zaloClient(config.zalo.sendAttempts);
  // Broadcasts retry through BullMQ, under the global rate limit, not inside the client.
  const broadcastClient = zaloClient(1);
  const broadcasts = createBroadcasts({
    redis,
    keys,
    queueOptions: parts.queueOptions,
    commune: parts.domain.commune,
    logDays: config.broadcasts.logDays,
    hashUser: hashId,
    logger,
  });
  const profiles = new UserProfiles(redis, keys);
  const followers = new FollowerRegistry(redis, keys);
  const i18n = createI18n(config.defaultLocale);
  const dossierStore = new DossierStore(redis, keys);
  const follows = new DossierFollows(redis, keys, config.dossiers.followDaysAfterReturn);
  const noticeChanged = async (d: Dossier) => {
    const job = dossierChangedJob(d.code, d.status, Date.parse(d.updatedAt));
    await parts.dossierNoticeQueue.add(job.name, job.data, job.opts);
  };
  // The provincial system, when configured, is read through our store so its changes notify too.
  const dossierSource: DossierSource = config.dossiers.httpSource
    ? new SyncedDossierSource(
        new HttpDossierSource(config.dossiers.httpSource as HttpDossierSourceOptions, { logger }),
        dossierStore,
        noticeChanged,
      )
    : dossierStore;
  // Ticket notices go through the bot, which is built from the flows that use the tickets.
  const staff = new StaffDirectory(redis, keys);
  const noticeSender = new BotNoticeSender({ api: () => bot.api, ledger, staff, profiles, i18n, logger });
  const guessingAlert = (code: string, failures: number, locked: boolean) =>
    noticeSender.toOfficers((t) => t(locked ? 'dossiers.alert.guessingLocked' : 'dossiers.alert.guessing', { code, failures }), {
      code,
      about: 'dossier lookups guessed',
    });
  const tickets = startTickets({
    redis,
    keys,
    queueOptions: parts.queueOptions,
    commune: parts.domain.commune,
    followers,
    settings: config.tickets,
    logger,
    displayNames: zaloDisplayNames(client, logger),
    notices: noticeSender,
  });
  // What officers teach from the console joins the understanding layer now and within half a minute of each teaching.
  const understanding = new LiveUnderstanding(parts.domain, new Teachings(redis, keys, loadIntentData(), loadSearchVocabulary()), logger);
  await understanding
    .refresh()
    .catch((err: Error) => logger.warn({ err: err.message }, 'could not read what officers taught: starting without it'));
  understanding.start();
  const chatContext = new ChatContext(redis, keys, Math.round(config.engine.conversationIdleMs / 1000));
  const bot = createBot({
    fetch: createZaloFetch(client, { callbackPrefix: CALLBACK_PREFIX, ledger: new ReplyLedger(redis, keys, logger) }, logger),
    i18n,
    profiles,
    storage: createConversationStorage(redis, keys, config.engine.conversationIdleMs),
    context: chatContext,
    registry: createFlows(
      {
        ...parts.domain,
        search: understanding.search,
        follows,
        followers,
        staff,
        broadcasts: broadcasts.service,
        tickets: tickets.commands,
        dossiers: new DossierLookupService(
          dossierSource,
          new LookupGuard(redis, keys, logger, DEFAULT_LOOKUP_GUARD, guessingAlert, currentEvent),
          follows,
          config.dossiers.secondFactor,
          new DailyCounts(redis, keys),
        ),
        understander: understanding.understander,
        context: chatContext,
        unplaced: new UnplacedLog(redis, keys),
        officeSchedule: config.tickets.officeHours ?? scheduleFromOpeningHours(parts.domain.commune.serviceCentre.openingHours),
      },
      i18n,
    ),
  });
  const handle = createEventHandler({
    bot,
    echoes,
    profiles,
    followers,
    i18n,
    redis,
    keys,
    metrics,
    logger,
    callbackPrefix: CALLBACK_PREFIX,
  });

  const inbound = inboundJobs({ inbox, handle, queue: inboundQueue, concurrency: config.engine.inboundConcurrency, redis, logger });
  const maintenance = await maintenanceJobs(
    {
      [MaintenanceJob.RefreshToken]: { everyMs: TOKEN_REFRESH_EVERY_MS, run: async () => ({ refreshed: await tokens.refreshIfDue() }) },
      [MaintenanceJob.SweepInboxes]: { everyMs: SWEEP_EVERY_MS, run: () => inbound.sweep(STRANDED_AFTER_MS) },
      [MaintenanceJob.SyncFollowedDossiers]: {
        everyMs: dossierSource === dossierStore ? undefined : SYNC_DOSSIERS_EVERY_MS,
        run: async () => {
          const codes = await follows.followedCodes();
          for (const code of codes) await dossierSource.find(code);
          return { checked: codes.length };
        },
      },
    },
    parts.queueOptions,
    logger,
  );
  const dossierNotices = dossierNoticeJobs({
    notices: noticeSender,
    write: dossierNoticeWriter(parts.domain.commune),
    client,
    ledger,
    store: dossierStore,
    follows,
    i18n,
    catalogue: parts.domain.catalogue,
    redis,
    keys,
    logger,
    queue: parts.dossierNoticeQueue,
    templateId: config.dossiers.templateId,
  });
  const broadcastHandlers = await broadcastJobs(
    { parts: broadcasts, client: broadcastClient, redis, keys, logger },
    { ratePerSec: config.broadcastRatePerSec, ...config.broadcasts },
  );
  const workers = startWorkers(
    [inbound.handler, maintenance.handler, dossierNotices, ticketJobs(tickets.followUps, metrics.registry), ...broadcastHandlers],
    [
      QueueName.Inbound,
      QueueName.Maintenance,
      QueueName.DossierNotices,
      QueueName.Tickets,
      QueueName.BroadcastPlan,
      QueueName.BroadcastDelivery,
    ],
    { queueOptions: parts.queueOptions, logger, metrics },
  );

  return {
    running: () => workers.running(),
    close: async () => {
      understanding.stop();
      inbound.stop();
      await workers.close();
      await Promise.all([maintenance.close(), broadcasts.close(), tickets.close()]);
    },
  };
}
