/**
 * One broadcast to one recipient (a `broadcast-delivery` job). The channel follows Zalo's rules
 * (docs/zalo-platform.md §3) and the OA's configuration (`BROADCAST_CHANNELS`, in order of preference):
 * the first allowed channel that can reach the citizen — a consultation message inside the 7-day
 * window, the configured template (never between 22:00 and 06:00 in Vietnam: the job waits for
 * 06:00); otherwise the recipient is skipped with the reason. Every delivery is one Zalo call
 * (one slot of the rate limit). Zalo's "unreachable" refusals are skips, never retried; `-32`
 * pauses the whole queue; requests Zalo rejected as malformed fail at once; a send whose outcome
 * is unknown (a timeout) fails at once rather than risk a double message; anything else is
 * retried by BullMQ, then fails. Every recipient is counted exactly once
 * (BroadcastStore.recordOutcome), whatever happens to the job — also when it fails outright
 * (`countExhausted`, from the worker's `failed` event).
 */
import { UnrecoverableError, Worker } from 'bullmq';
import type { Logger } from '../logger';
import type { Keys } from '../store/keys';
import type { RedisClient } from '../store/redis';
import type { BroadcastDeliveryJob } from '../store/queues';
import { classifyZaloError, isZaloApiError, type ZaloErrorClass } from '../edge/zalo/errors';
import { windowFor } from '../edge/zalo/interaction-ledger';
import type { ZaloOaClient, ZaloOutboundMessage } from '../edge/zalo/oa-client';
import { textWithLink, type BroadcastContent } from '../domain/broadcasts/broadcast';
import type { BroadcastStore, OutcomeRecord } from '../domain/broadcasts/broadcast-store';
import { isNightInVietnam, NightBanError, nextSixAmInVietnam, nightBanRetryAt, RetryAtError } from './night-ban';
import { isAmbiguousFailure } from '../engine/transient-failure';

export type BroadcastChannel = 'consultation' | 'template';

export interface BroadcastDeliveryOptions {
  /** Allowed channels, in order of preference (config BROADCAST_CHANNELS). */
  channels: readonly BroadcastChannel[];
  /** Zalo template for recipients outside the 7-day window (config BROADCAST_TEMPLATE_ID). */
  templateId?: string;
  /** How long the whole queue pauses after Zalo's `-32`. @defaultValue 5000 */
  rateLimitPauseMs?: number;
  now?: () => number;
}

export interface BroadcastDeliveryDeps {
  store: BroadcastStore;
  /** A client that does not retry by itself (attempts 1): BullMQ retries, under the rate limit. */
  client: ZaloOaClient;
  redis: RedisClient;
  keys: Keys;
  logger: Logger;
  /** Pauses every worker of the queue (queue.rateLimit). */
  pauseQueue(ms: number): Promise<void>;
}

/** Zalo's refusals that mean "this person cannot get it": counted as skipped with `zalo_<code>`. */
const SKIPPED_CLASSES: ReadonlySet<ZaloErrorClass> = new Set(['unreachable', 'user_quota', 'outside_window']);
/** The request itself is wrong or the OA may not send it: retrying changes nothing. */
const FAILED_CLASSES: ReadonlySet<ZaloErrorClass> = new Set(['permanent', 'configuration', 'expired_attachment']);
const CONTENT_CACHED = 64;
/** Starts the message of the error that fails a job whose send went out but could not be counted. */
const SENT_NOT_COUNTED = 'sent, not counted';
const TEMPLATE_TITLE_MAX = 100;

type Decision = { send: BroadcastChannel } | { skip: string };

export interface DeliveryAttempt {
  /** No retry follows this attempt: a failure is final. */
  final: boolean;
}

export function createBroadcastDeliveryHandler(deps: BroadcastDeliveryDeps, options: BroadcastDeliveryOptions) {
  const now = options.now ?? Date.now;
  const pauseMs = options.rateLimitPauseMs ?? 5000;
  // What a broadcast says never changes: read it once per process, not once per recipient.
  const contents = new Map<string, BroadcastContent>();

  async function content(id: string): Promise<BroadcastContent | undefined> {
    const cached = contents.get(id);
    if (cached) return cached;
    const found = await deps.store.get(id);
    if (!found) return undefined;
    const [oldest] = contents.keys();
    if (oldest !== undefined && contents.size >= CONTENT_CACHED) contents.delete(oldest);
    contents.set(id, found);
    return found;
  }

  async function count(broadcastId: string, record: OutcomeRecord) {
    const result = await recordAndAudit(deps.store, broadcastId, record, new Date(now()));
    return { outcome: record.outcome, ...(record.reason ? { reason: record.reason } : {}), counted: result !== 'duplicate' };
  }

  async function decide(userId: string): Promise<Decision> {
    // Two commands: the profile ({u…}) and the follower sets ({f}) sit in different cluster slots.
    const [[last, closedAt, following], stopped] = await Promise.all([
      deps.redis.hmGet(deps.keys.profile(userId), ['lastInteraction', 'windowClosedAt', 'following']),
      deps.redis.sIsMember(deps.keys.followersStopped, userId),
    ]);
    if (following === '0') return { skip: 'unfollowed' };
    if (stopped) return { skip: 'stopped' };
    const inWindow = windowFor(last ? Number(last) : undefined, closedAt ? Number(closedAt) : undefined, now()) !== 'closed';
    const usable = options.channels.find((c) => (c === 'consultation' ? inWindow : options.templateId !== undefined));
    if (usable) return { send: usable };
    return { skip: options.channels.includes('template') ? 'no_template' : 'outside_window' };
  }

  /** The template may still reach someone a consultation could not (allowed and configured). */
  const templateUsable = () => options.channels.includes('template') && options.templateId !== undefined;

  async function send(channel: BroadcastChannel, b: BroadcastContent, userId: string): Promise<Record<string, unknown>> {
    if (channel === 'template') {
      if (isNightInVietnam(now())) throw new NightBanError(nextSixAmInVietnam(now()));
      await deps.client.sendTemplate(userId, options.templateId!, toTemplateData(b));
      return { channel };
    }
    await deps.client.sendConsultation(userId, toConsultationMessage(b));
    return { channel };
  }

  /**
   * A consultation refused for the 7-day window may still go out as a template, but not in this
   * call: that would spend a second Zalo call on one slot of the rate limit. The client has marked
   * the window closed, so the job parked for "now" comes back under the limiter and picks the
   * template; parking does not spend one of its attempts.
   */
  async function sendOrRetryAsTemplate(
    decision: { send: BroadcastChannel },
    b: BroadcastContent,
    userId: string,
  ): Promise<Record<string, unknown>> {
    try {
      return await send(decision.send, b, userId);
    } catch (err) {
      if (decision.send !== 'consultation' || !isZaloApiError(err) || err.errorClass !== 'outside_window' || !templateUsable()) throw err;
      throw new RetryAtError(now(), `consultation refused with ${err.code}: retry as a template`);
    }
  }

  /** What a failed send means for this recipient: an outcome to count, or an error for BullMQ. */
  async function onSendError(err: unknown, job: BroadcastDeliveryJob, channel: BroadcastChannel, attempt: DeliveryAttempt) {
    const { broadcastId, userId } = job;
    if (err instanceof RetryAtError) throw err;
    if (isZaloApiError(err)) {
      const kind = classifyZaloError(err.code);
      if (SKIPPED_CLASSES.has(kind))
        return count(broadcastId, { userId, outcome: 'skipped', reason: `zalo_${err.code}`, detail: { channel } });
      if (kind === 'night_ban') throw new NightBanError(nightBanRetryAt(now()));
      if (kind === 'rate_limited') {
        await deps.pauseQueue(pauseMs);
        throw Worker.RateLimitError();
      }
      if (FAILED_CLASSES.has(kind)) return count(broadcastId, { userId, outcome: 'failed', detail: { channel, zalo: err.code } });
    }
    // The message may have reached the citizen: sending it again could deliver it twice.
    if (isAmbiguousFailure(err))
      return count(broadcastId, { userId, outcome: 'failed', detail: { channel, ambiguous: true, error: (err as Error).message } });
    if (attempt.final) return count(broadcastId, { userId, outcome: 'failed', detail: { channel, error: (err as Error).message } });
    deps.logger.warn({ broadcast: broadcastId, err: (err as Error).message }, 'broadcast delivery failed for now: will retry');
    throw err;
  }

  return async function deliver(job: BroadcastDeliveryJob, attempt: DeliveryAttempt) {
    const { broadcastId, userId } = job;
    // Everything inside the try: an error anywhere (Redis included) is retried, then counted failed.
    let decision: Decision | undefined;
    let sent: Record<string, unknown> | undefined;
    try {
      const state = await deps.store.deliveryState(broadcastId, userId);
      if (state.counted) return { outcome: 'already_counted' };
      if (state.status === 'cancelled') return await count(broadcastId, { userId, outcome: 'cancelled' });
      const b = await content(broadcastId);
      if (state.status !== 'sending' || !b) return { outcome: 'not_sending', status: state.status };
      decision = await decide(userId);
      if ('skip' in decision) return await count(broadcastId, { userId, outcome: 'skipped', reason: decision.skip });
      const detail = await sendOrRetryAsTemplate(decision, b, userId);
      sent = detail;
      return await count(broadcastId, { userId, outcome: 'sent', detail });
    } catch (err) {
      // Out, but not counted (Redis failed): a retry would send it again, so the job fails for good.
      if (sent) throw new UnrecoverableError(`${SENT_NOT_COUNTED}: ${(err as Error).message}`);
      const channel = decision && 'send' in decision ? decision.send : undefined;
      if (!channel) {
        if (attempt.final && !(err instanceof RetryAtError))
          return count(broadcastId, { userId, outcome: 'failed', detail: { error: (err as Error).message } });
        throw err;
      }
      return onSendError(err, job, channel, attempt);
    }
  };
}

/**
 * A delivery job that failed for good (its last attempt threw — Redis down, a bug — or it was sent
 * but could not be counted): the recipient is counted, so the broadcast still ends. Called from
 * the worker's `failed` event, which BullMQ emits with `attemptsMade` counting the failed attempt.
 */
export async function countExhausted(
  store: BroadcastStore,
  job: { data: BroadcastDeliveryJob; attemptsMade: number; opts: { attempts?: number } },
  err: Error,
  now: Date,
): Promise<boolean> {
  const unrecoverable = err.name === 'UnrecoverableError';
  if (!unrecoverable && job.attemptsMade < (job.opts.attempts ?? 1)) return false;
  const outcome = unrecoverable && err.message.startsWith(SENT_NOT_COUNTED) ? 'sent' : 'failed';
  const result = await recordAndAudit(
    store,
    job.data.broadcastId,
    { userId: job.data.userId, outcome, detail: { error: err.message } },
    now,
  );
  return result !== 'duplicate';
}

/** Counts the recipient; the count that ends the broadcast also audits it `done`. */
async function recordAndAudit(store: BroadcastStore, broadcastId: string, record: OutcomeRecord, now: Date) {
  const result = await store.recordOutcome(broadcastId, record, now);
  if (result === 'ended') await store.audit('done', broadcastId, 'engine');
  return result;
}

/**
 * The consultation message, always one: the text, the image with it when given, the link as a
 * button. Zalo carries either an image or buttons in one message, so with both the link is
 * written into the text (the input check keeps text and link within 2000 characters).
 */
export function toConsultationMessage(b: BroadcastContent): ZaloOutboundMessage {
  if (b.imageUrl) return { text: b.link ? textWithLink(b.text, b.link) : b.text, imageUrl: b.imageUrl };
  const button = b.link && { title: b.link.title, type: 'oa.open.url' as const, payload: { url: b.link.url } };
  return { text: b.text, ...(button ? { buttons: [button] } : {}) };
}

/**
 * The template's parameters: `title` (the first line, at most 100 characters), `content` (the whole
 * text) and `url` when a link is given. The commune's approved template must declare these names.
 */
export function toTemplateData(b: BroadcastContent): Record<string, string> {
  const firstLine = b.text.split('\n', 1)[0]!.trim();
  return {
    title: [...firstLine].slice(0, TEMPLATE_TITLE_MAX).join(''),
    content: b.text,
    ...(b.link ? { url: b.link.url } : {}),
  };
}
