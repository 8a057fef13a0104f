/**
 * What officers do with broadcasts, whether through the admin API or the in-chat composer:
 * create (validated, villages and topics matched against the commune profile), preview the
 * audience size, read, list and cancel. Sending is the engine's (src/engine/broadcast-*.ts);
 * this module only asks its scheduler to plan a broadcast at the right time.
 */
import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { CommuneProfile } from '../commune/commune-profile';
import { inputFields } from '../input-fields';
import {
  audienceSchema,
  broadcastInputSchema,
  initialStatus,
  isRecurring,
  type Actor,
  type Audience,
  type Broadcast,
  type BroadcastContent,
  type BroadcastStatus,
} from './broadcast';
import type { AudienceResolver } from './audience';
import type { BroadcastStore } from './broadcast-store';

/** Bad input, field by field (`audience.villages` → "unknown village …"); the API answers 400 with it. */
export class BroadcastInputError extends Error {
  override readonly name = 'BroadcastInputError';
  constructor(readonly fields: Record<string, string>) {
    super(
      `invalid broadcast: ${Object.entries(fields)
        .map(([f, m]) => `${f} ${m}`)
        .join('; ')}`,
    );
  }
}

/** Plans broadcasts at their time (BullMQ in src/engine/broadcast-scheduler.ts). */
export interface BroadcastScheduler {
  schedule(broadcast: BroadcastContent): Promise<void>;
  /** Drops a plan not yet run: the delayed one-off plan, or a recurring broadcast's scheduler. */
  unschedule(broadcast: BroadcastContent): Promise<void>;
  /** Takes a cancelled broadcast's waiting deliveries out of the queue (counted `cancelled`). */
  purge(broadcastId: string): Promise<void>;
  /** When a recurring broadcast's schedule runs next (epoch ms; undefined: it has ended). */
  nextRun(broadcastId: string): Promise<number | undefined>;
}

/** A broadcast as read back: a recurring one still scheduled says when it runs next. */
export type BroadcastView = Broadcast & { nextRunAt?: string };

export interface BroadcastServiceDeps {
  store: BroadcastStore;
  audience: AudienceResolver;
  commune: CommuneProfile;
  scheduler: BroadcastScheduler;
  now?: () => number;
}

/** Time-ordered and short; never contains `:` (it ends up in BullMQ job ids). */
function newBroadcastId(now: number): string {
  return `${now.toString(36)}${randomBytes(3).toString('hex')}`;
}

export class BroadcastService {
  private readonly now: () => number;
  private readonly inputSchema: ReturnType<typeof broadcastInputSchema>;
  private readonly audienceSchema: ReturnType<typeof audienceSchema>;

  constructor(private readonly deps: BroadcastServiceDeps) {
    this.now = deps.now ?? Date.now;
    this.inputSchema = broadcastInputSchema(deps.commune, this.now);
    this.audienceSchema = audienceSchema(deps.commune);
  }

  /** `input`, the create body (API or composer), is checked here: every field at fault is reported at once. */
  async create(input: unknown, actor: Actor): Promise<Broadcast> {
    const parsed = this.inputSchema.safeParse(input);
    if (!parsed.success) throw toInputError(parsed.error);
    const now = this.now();
    const content: BroadcastContent = {
      ...parsed.data,
      id: newBroadcastId(now),
      audience: compactAudience(parsed.data.audience),
      createdAt: new Date(now).toISOString(),
      createdBy: actor,
    };
    await this.deps.store.create(content, initialStatus(content, now));
    await this.deps.store.audit('create', content.id, actor, {
      audience: content.audience,
      sendAt: content.sendAt,
      repeat: content.repeat,
    });
    try {
      await this.deps.scheduler.schedule(content);
    } catch (err) {
      // A broadcast nobody will plan must not look scheduled.
      await this.deps.store.end(content.id, 'cancelled', new Date(this.now()));
      throw err;
    }
    return (await this.deps.store.get(content.id))!;
  }

  /** Followers the audience reaches now (the composer's preview). */
  async countAudience(audience: Audience): Promise<number> {
    const parsed = this.audienceSchema.safeParse(audience);
    if (!parsed.success) throw toInputError(parsed.error, 'audience');
    return this.deps.audience.count(compactAudience(parsed.data));
  }

  async get(id: string): Promise<BroadcastView | undefined> {
    const broadcast = await this.deps.store.get(id);
    return broadcast && this.withNextRun(broadcast);
  }

  async list(options: { status?: BroadcastStatus; limit?: number } = {}): Promise<BroadcastView[]> {
    const broadcasts = await this.deps.store.list({ status: options.status, limit: options.limit ?? 50 });
    return Promise.all(broadcasts.map((b) => this.withNextRun(b)));
  }

  /** The schedule's next run is BullMQ's to know (it moves with every run), so it is asked, not stored. */
  private async withNextRun(broadcast: Broadcast): Promise<BroadcastView> {
    if (!isRecurring(broadcast) || broadcast.status !== 'scheduled') return broadcast;
    const next = await this.deps.scheduler.nextRun(broadcast.id);
    return next === undefined ? broadcast : { ...broadcast, nextRunAt: new Date(next).toISOString() };
  }

  /**
   * Stops what has not been sent: pending deliveries find the status and are counted `cancelled`.
   * Cancelling a recurring broadcast stops its schedule and its latest run. Undefined: no such id.
   */
  async cancel(id: string, actor: Actor): Promise<Broadcast | undefined> {
    const broadcast = await this.deps.store.get(id);
    if (!broadcast) return undefined;
    const now = new Date(this.now());
    const before = await this.deps.store.end(id, 'cancelled', now);
    if (before === 'scheduled' || before === 'sending') {
      await this.deps.scheduler.unschedule(broadcast);
      if (before === 'sending') await this.deps.scheduler.purge(id);
      const occurrence = isRecurring(broadcast) ? broadcast.latestOccurrence : undefined;
      if (occurrence && (await this.deps.store.end(occurrence, 'cancelled', now)) === 'sending')
        await this.deps.scheduler.purge(occurrence);
      await this.deps.store.audit('cancel', id, actor, { was: before });
    }
    return this.deps.store.get(id);
  }
}

/** Only the keys that select someone, user ids each once (villages and topics are already). */
function compactAudience(audience: Audience): Audience {
  return {
    ...(audience.all ? { all: true as const } : {}),
    ...(audience.villages?.length ? { villages: audience.villages } : {}),
    ...(audience.topics?.length ? { topics: audience.topics } : {}),
    ...(audience.userIds?.length ? { userIds: [...new Set(audience.userIds)] } : {}),
  };
}

function toInputError(error: z.ZodError, root?: string): BroadcastInputError {
  return new BroadcastInputError(inputFields(error, root));
}
