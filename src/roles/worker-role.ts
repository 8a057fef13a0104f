/**
 * The worker role: the conversation engine behind the inbound queue, and the upkeep jobs (token
 * refresh, the sweeper of stranded inboxes). Any number of worker processes may run on one Redis.
 */
import { randomUUID } from 'node:crypto';
import { DelayedError, Worker, type Job, type Queue } from 'bullmq';
import type { Config } from '../config';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics';
import { createI18n } from '../i18n';
import type { Keys } from '../store/keys';
import type { RedisClient, toQueueConnection } from '../store/redis';
import { createQueue, dossierChangedJob, INBOUND_JOB_OPTIONS, MAINTENANCE_JOB_OPTIONS, MaintenanceJob, QueueName, type DossierNoticeJob, type InboundJob } from '../store/queues';
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
import { buildUnderstander } from '../domain/understanding/build-understander';
import type { Domain } from './domain';
import { DossierLookupService } from '../domain/dossiers/dossier-lookup';
import { DossierStore } from '../domain/dossiers/dossier-store';
import { DEFAULT_LOOKUP_GUARD, LookupGuard } from '../domain/dossiers/lookup-guard';
import { DossierFollows } from '../domain/dossiers/dossier-follows';
import { createDossierNoticeHandler } from '../engine/dossier-notices';
import { delayUntilMorning } from '../engine/night-ban';
import { createBroadcasts, startBroadcastWorkers } from '../engine/broadcast-workers';
import { startTicketDesk } from '../engine/ticket-desk';
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
/** An inbox nobody owns for this long lost its drain job. */
const STRANDED_AFTER_MS = 60_000;
/** How often a drain job looks again at an inbox an earlier run of it still owns (20 s at most). */
const OWNER_RECHECK_MS = 2000;
/** Events one drain run handles before the user goes to the back of the queue: fairness under load. */
const DRAIN_BUDGET = 4;
/** After Redis comes back, time for the drain jobs that survived the drop to take their inboxes. */
const RECOVERY_SWEEP_AFTER_MS = 3000;

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
    ? new SyncedDossierSource(new HttpDossierSource(config.dossiers.httpSource as HttpDossierSourceOptions, { logger }), dossierStore, noticeChanged)
    : dossierStore;
  // Ticket notices go through the bot, which is built from the flows that use the tickets.
  const staff = new StaffDirectory(redis, keys);
  const noticeSender = new BotNoticeSender({ api: () => bot.api, ledger, staff, profiles, i18n, logger });
  const guessingAlert = (code: string, failures: number, locked: boolean) =>
    noticeSender.toOfficers((t) => t(locked ? 'dossiers.alert.guessingLocked' : 'dossiers.alert.guessing', { code, failures }), { code, about: 'dossier lookups guessed' });
  const tickets = startTicketDesk({
    redis,
    keys,
    queueOptions: parts.queueOptions,
    commune: parts.domain.commune,
    followers,
    settings: config.tickets,
    logger,
    displayNames: zaloDisplayNames(client, logger),
    notices: noticeSender,
    registry: metrics.registry,
  });
  const chatContext = new ChatContext(redis, keys, Math.round(config.engine.conversationIdleMs / 1000));
  const bot = createBot({
    fetch: createZaloFetch(client, { callbackPrefix: CALLBACK_PREFIX, ledger: new ReplyLedger(redis, keys, logger) }, logger),
    i18n,
    profiles,
    storage: createConversationStorage(redis, keys, config.engine.conversationIdleMs),
    context: chatContext,
    registry: createFlows({
      ...parts.domain,
      follows,
      followers,
      staff,
      broadcasts: broadcasts.service,
      tickets: tickets.service,
      dossiers: new DossierLookupService(dossierSource, new LookupGuard(redis, keys, logger, DEFAULT_LOOKUP_GUARD, guessingAlert, currentEvent), follows, config.dossiers.secondFactor),
      understander: buildUnderstander(parts.domain.catalogue, parts.domain.commune, parts.domain.search),
      context: chatContext,
      unplaced: new UnplacedLog(redis, keys),
      officeSchedule: config.tickets.officeHours ?? scheduleFromOpeningHours(parts.domain.commune.serviceCentre.openingHours),
    }, i18n),
  });
  const handle = createEventHandler({ bot, echoes, profiles, followers, i18n, redis, keys, metrics, logger, callbackPrefix: CALLBACK_PREFIX });

  let stopping = false;
  const requeue = (userId: string, reason: string) =>
    inboundQueue.add('drain', { userId }, { ...INBOUND_JOB_OPTIONS, jobId: `${reason}-${userId}-${Date.now()}` });

  async function drain(job: Job<InboundJob>, token?: string) {
    const run = { userId: job.data.userId, jobId: job.id ?? job.name, runToken: token ?? randomUUID(), shouldStop: () => stopping, budget: DRAIN_BUDGET };
    const outcome = await inbox.drain(run, handle);
    if (outcome.status === 'retry') {
      // An earlier run of this job (it failed, or its worker died) still owns the inbox until its
      // ownership runs out: look again shortly, without spending an attempt or backing off further.
      await job.moveToDelayed(Date.now() + OWNER_RECHECK_MS, token);
      throw new DelayedError();
    }
    // Let go with events left (budget spent, shutting down, ownership lost): another run takes over.
    if (outcome.status === 'stopped' || outcome.status === 'lost') await requeue(job.data.userId, 'resume');
    return outcome;
  }

  const inbound = new Worker<InboundJob>(QueueName.Inbound, drain, {
    ...parts.queueOptions,
    concurrency: config.engine.inboundConcurrency,
    // A killed worker's drains resume elsewhere within ~30 s; maxStalledCount 1 would fail them.
    lockDuration: 20_000,
    stalledInterval: 10_000,
    maxStalledCount: 10,
  });
  inbound.on('failed', (job, err) => logger.warn({ job: job?.id, attempt: job?.attemptsMade, err: err.message }, 'inbound job failed'));
  inbound.on('error', (err) => logger.debug({ err: err.message }, 'inbound worker error'));

  const noticeHandler = createDossierNoticeHandler({
    bot,
    client,
    ledger,
    store: dossierStore,
    follows,
    profiles,
    i18n,
    catalogue: parts.domain.catalogue,
    commune: parts.domain.commune,
    redis,
    keys,
    logger,
    queue: parts.dossierNoticeQueue,
    templateId: config.dossiers.templateId,
  });
  const notices = new Worker<DossierNoticeJob>(
    QueueName.DossierNotices,
    (job, token) => delayUntilMorning<unknown>(job, token, () => noticeHandler(job.data)),
    { ...parts.queueOptions, concurrency: 8 },
  );
  notices.on('failed', (job, err) => logger.warn({ job: job?.id, err: err.message }, 'dossier notice failed'));
  notices.on('error', (err) => logger.debug({ err: err.message }, 'dossier notice worker error'));

  const maintenanceQueue = createQueue(QueueName.Maintenance, parts.queueOptions);
  maintenanceQueue.on('error', (err) => logger.debug({ err: err.message }, 'maintenance queue error'));
  const schedule = (name: string, every: number) =>
    maintenanceQueue.upsertJobScheduler(name, { every }, { name, opts: MAINTENANCE_JOB_OPTIONS });
  await schedule(MaintenanceJob.RefreshToken, TOKEN_REFRESH_EVERY_MS);
  await schedule(MaintenanceJob.SweepInboxes, SWEEP_EVERY_MS);
  if (dossierSource !== dossierStore) await schedule(MaintenanceJob.SyncFollowedDossiers, SYNC_DOSSIERS_EVERY_MS);

  async function sweep(olderThanMs: number, now = Date.now()) {
    const stranded = await inbox.stranded(olderThanMs, now);
    for (const userId of stranded) await requeue(userId, 'sweep');
    if (stranded.length) logger.warn({ count: stranded.length }, 're-queued stranded inboxes');
    return { requeued: stranded.length };
  }

  // A drop of the connection loses the replies in flight. A drain job that BullMQ moved to active
  // just then never reaches this worker, and its stalled check only brings it back once its lock
  // expires (20–40 s), while its user waits. So once Redis is back (the client's first `ready` came
  // before this role started) and the surviving jobs had time to take their inboxes, every inbox
  // that was waiting before the reconnect and has no owner gets a new job; a job that turns out
  // to be alive after all finds the inbox taken or empty.
  let recovery: ReturnType<typeof setTimeout> | undefined;
  const onReconnect = () => {
    const reconnectedAt = Date.now();
    clearTimeout(recovery);
    recovery = setTimeout(() => {
      sweep(0, reconnectedAt).catch((err: Error) => logger.warn({ err: err.message }, 'sweep after reconnect failed'));
    }, RECOVERY_SWEEP_AFTER_MS);
  };
  redis.on('ready', onReconnect);

  const maintenanceHandlers: Record<string, () => Promise<unknown>> = {
    [MaintenanceJob.RefreshToken]: async () => ({ refreshed: await tokens.refreshIfDue() }),
    [MaintenanceJob.SweepInboxes]: () => sweep(STRANDED_AFTER_MS),
    [MaintenanceJob.SyncFollowedDossiers]: async () => {
      const codes = await follows.followedCodes();
      for (const code of codes) await dossierSource.find(code);
      return { checked: codes.length };
    },
  };
  const maintenance = new Worker(
    QueueName.Maintenance,
    async (job) => {
      const handler = maintenanceHandlers[job.name];
      if (!handler) throw new Error(`no handler for maintenance job ${job.name}`);
      return handler();
    },
    { ...parts.queueOptions, concurrency: 1 },
  );
  maintenance.on('failed', (job, err) => logger.error({ job: job?.name, err: err.message }, 'maintenance job failed'));
  maintenance.on('error', (err) => logger.debug({ err: err.message }, 'maintenance worker error'));

  const broadcastWorkers = await startBroadcastWorkers(
    { parts: broadcasts, client: broadcastClient, redis, keys, queueOptions: parts.queueOptions, logger },
    { ratePerSec: config.broadcastRatePerSec, ...config.broadcasts },
  );

  return {
    running: () => inbound.isRunning() && maintenance.isRunning() && notices.isRunning() && broadcastWorkers.running() && tickets.running(),
    close: async () => {
      stopping = true;
      redis.off('ready', onReconnect);
      clearTimeout(recovery);
      await Promise.all([inbound.close(), maintenance.close(), notices.close(), broadcastWorkers.close(), tickets.close()]);
      await Promise.all([maintenanceQueue.close(), broadcasts.close()]);
    },
  };
}
