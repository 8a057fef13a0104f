/**
 * Wiring of the tickets for each role (the composition roots call one function each). The web
 * role gets the store, the teams and the team's commands — its answers through the API become
 * `deliver` jobs; the worker role gets the citizens' and the team's commands for the flows, and
 * the follow-ups the `tickets` queue's jobs run, which send through the bot.
 */
import type { Config } from '../config';
import type { Logger } from '../logger';
import type { Keys } from '../store/keys';
import type { RedisClient } from '../store/redis';
import type { Queue } from 'bullmq';
import { createQueue, QueueName, ticketJob, type QueueFactoryOptions, type TicketJob } from '../store/queues';
import type { TicketJobs } from '../domain/tickets/ticket-trail';
import type { CommuneProfile } from '../domain/commune/commune-profile';
import type { FollowerRegistry } from '../domain/followers/follower-registry';
import { TeamRegistry } from '../domain/teams/team-registry';
import { TicketStore } from '../domain/tickets/ticket-store';
import { OfficeCalendar, scheduleFromOpeningHours } from '../domain/tickets/office-time';
import { ProfileCitizenDirectory } from '../domain/tickets/citizen-directory';
import { CitizenCommands } from '../domain/tickets/citizen-commands';
import { TeamCommands } from '../domain/tickets/team-commands';
import { TicketFollowUps } from '../domain/tickets/ticket-follow-ups';
import { TicketNotices } from '../../flows/notices/ticket-notices';
import type { NoticeSender } from '../../flows/notices/notice';

export interface TicketPartsOptions {
  redis: RedisClient;
  keys: Keys;
  queueOptions: QueueFactoryOptions;
  commune: CommuneProfile;
  followers: Pick<FollowerRegistry, 'get' | 'choose' | 'update'>;
  settings: Config['tickets'];
  logger: Logger;
}

/** The ticket commands' producer of `tickets` jobs. */
function queueTicketJobs(queue: Queue<TicketJob>): TicketJobs {
  return {
    add: async (job, delayMs) => {
      const { name, data, opts } = ticketJob(job, delayMs);
      await queue.add(name, data, opts);
    },
  };
}

/** What both roles use: the store, the teams, the office calendar, the queue and the team's commands. */
export function createTicketParts(options: TicketPartsOptions) {
  const { redis, keys, settings } = options;
  const store = new TicketStore(redis, keys, settings.retentionMs);
  const teams = new TeamRegistry(redis, keys, options.commune, options.followers);
  // Unset OFFICE_HOURS: the hours the commune profile tells citizens the centre is open.
  const schedule = settings.officeHours ?? scheduleFromOpeningHours(options.commune.serviceCentre.openingHours);
  const calendar = new OfficeCalendar({ schedule, holidays: settings.holidays });
  const queue = createQueue<TicketJob>(QueueName.Tickets, options.queueOptions);
  queue.on('error', (err) => options.logger.debug({ err: err.message }, 'ticket queue error'));
  const jobs = queueTicketJobs(queue);
  const team = new TeamCommands(store, teams, jobs);
  return { store, teams, calendar, jobs, team, close: () => queue.close() };
}

export interface WorkerTicketOptions extends TicketPartsOptions {
  /** Asks Zalo for a citizen's display name. */
  displayNames: (userId: string) => Promise<string | undefined>;
  notices: NoticeSender;
}

/** The worker role's tickets: the citizens' and the team's commands for the flows, and the follow-ups the `tickets` jobs run (src/jobs/tickets.ts). */
export function startTickets(options: WorkerTicketOptions) {
  const { redis, keys, settings } = options;
  const notifier = new TicketNotices(options.notices, options.commune, options.logger);
  const parts = createTicketParts(options);
  const directory = new ProfileCitizenDirectory(redis, keys, options.followers, options.displayNames);
  const levels = { calendar: parts.calendar, takeWithinMs: settings.takeWithinMs, answerWithinMs: settings.answerWithinMs };
  const citizen = new CitizenCommands(parts.store, parts.teams, directory, parts.jobs, notifier, levels);
  const followUps = new TicketFollowUps(parts.store, parts.teams, parts.jobs, notifier, parts.team, levels);
  return { commands: { citizen, team: parts.team }, followUps, close: parts.close };
}
