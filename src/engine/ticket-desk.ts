/**
 * Wiring of the tickets for each role (the composition roots call one function each). The web
 * role gets the store, the teams and a service without a notifier — its answers through the API
 * become `deliver` jobs; the worker role gets the full service (notices through the bot) for the
 * flows, and runs the `tickets` queue.
 */
import type { Registry } from 'prom-client';
import type { Config } from '../config';
import type { Logger } from '../logger';
import type { Keys } from '../store/keys';
import type { RedisClient } from '../store/redis';
import { createQueue, QueueName, type QueueFactoryOptions, type TicketJob } from '../store/queues';
import type { CommuneProfile } from '../domain/commune/commune-profile';
import type { FollowerRegistry } from '../domain/followers/follower-registry';
import { TeamRegistry } from '../domain/teams/team-registry';
import { TicketStore } from '../domain/tickets/ticket-store';
import { OfficeCalendar, scheduleFromOpeningHours } from '../domain/tickets/office-time';
import { ProfileCitizenDirectory } from '../domain/tickets/citizen-directory';
import { TicketService, type TicketNotifier } from '../domain/tickets/ticket-service';
import { TicketNotices } from '../../flows/notices/ticket-notices';
import type { NoticeSender } from '../../flows/notices/notice';
import { createTicketCounter, createTicketJobHandler, queueTicketJobs, startTicketWorker } from './ticket-jobs';

export interface TicketPartsOptions {
  redis: RedisClient;
  keys: Keys;
  queueOptions: QueueFactoryOptions;
  commune: CommuneProfile;
  followers: Pick<FollowerRegistry, 'get' | 'choose' | 'update'>;
  settings: Config['tickets'];
  logger: Logger;
  /** Asks Zalo for a citizen's display name (the worker role); the web role goes without. */
  displayNames?: (userId: string) => Promise<string | undefined>;
}

export function createTicketParts(options: TicketPartsOptions, notifier?: TicketNotifier) {
  const { redis, keys, settings } = options;
  const store = new TicketStore(redis, keys, settings.retentionMs);
  const teams = new TeamRegistry(redis, keys, options.commune, options.followers);
  // Unset OFFICE_HOURS: the hours the commune profile tells citizens the centre is open.
  const schedule = settings.officeHours ?? scheduleFromOpeningHours(options.commune.serviceCentre.openingHours);
  const calendar = new OfficeCalendar({ schedule, holidays: settings.holidays });
  const queue = createQueue<TicketJob>(QueueName.Tickets, options.queueOptions);
  queue.on('error', (err) => options.logger.debug({ err: err.message }, 'ticket queue error'));
  const service = new TicketService(
    store,
    teams,
    new ProfileCitizenDirectory(redis, keys, options.followers, options.displayNames),
    queueTicketJobs(queue),
    { calendar, takeWithinMs: settings.takeWithinMs, answerWithinMs: settings.answerWithinMs },
    notifier,
  );
  return { store, teams, calendar, service, close: () => queue.close() };
}

export interface TicketDeskOptions extends TicketPartsOptions {
  notices: NoticeSender;
  registry: Registry;
}

/** The worker role's tickets: the service for the flows, and the `tickets` queue's worker. */
export function startTicketDesk(options: TicketDeskOptions) {
  const notifier = new TicketNotices(options.notices, options.commune, options.logger);
  const parts = createTicketParts(options, notifier);
  const worker = startTicketWorker(createTicketJobHandler(parts.service, createTicketCounter(options.registry)), options.queueOptions, options.logger);
  return {
    service: parts.service,
    running: () => worker.isRunning(),
    close: async () => {
      await worker.close();
      await parts.close();
    },
  };
}
