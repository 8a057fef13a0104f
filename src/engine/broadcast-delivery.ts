/**
 * One broadcast to one recipient (a `broadcast-delivery` job). The channel follows Zalo's rules
 * (zalo-oa-api.md §3) and the OA's configuration (`BROADCAST_CHANNELS`): a consultation message
 * inside the 7-day window; outside it the configured template (never between 22:00 and 06:00 in
 * Vietnam: the job waits for 06:00); otherwise the recipient is skipped with the reason.
 * Zalo's "unreachable" refusals are skips, never retried; `-32` pauses the whole queue; requests
 * Zalo rejected as malformed fail at once; anything else is retried by BullMQ, then fails.
 * Every recipient is counted exactly once (BroadcastStore.recordOutcome), whatever happens to the job.
 */
import { Worker } from 'bullmq';
import type { Logger } from '../logger';
import type { Keys } from '../store/keys';
import type { RedisClient } from '../store/redis';
import type { BroadcastDeliveryJob } from '../store/queues';
import { classifyZaloError, isZaloApiError, type ZaloErrorClass } from '../edge/zalo/errors';
import { windowFor } from '../edge/zalo/interaction-ledger';
import type { ZaloOaClient, ZaloOutboundMessage } from '../edge/zalo/oa-client';
import type { BroadcastContent } from '../domain/broadcasts/broadcast';
import type { BroadcastStore, OutcomeRecord } from '../domain/broadcasts/broadcast-store';
import { isNightInVietnam, NightBanError, nextSixAmInVietnam } from './night-ban';

export type BroadcastChannel = 'consultation' | 'template';

export interface BroadcastDeliveryOptions {
  /** Allowed channels (config BROADCAST_CHANNELS). */
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
    if (contents.size >= CONTENT_CACHED) contents.delete(contents.keys().next().value!);
    contents.set(id, found);
    return found;
  }

  async function count(broadcastId: string, record: OutcomeRecord) {
    const result = await deps.store.recordOutcome(broadcastId, record, new Date(now()));
    if (result === 'ended') await deps.store.audit('done', broadcastId, 'engine');
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
    const window = windowFor(last ? Number(last) : undefined, closedAt ? Number(closedAt) : undefined, now());
    if (window !== 'closed' && options.channels.includes('consultation')) return { send: 'consultation' };
    return templateOr('outside_window');
  }

  function templateOr(reason: string): Decision {
    if (!options.channels.includes('template')) return { skip: reason };
    return options.templateId ? { send: 'template' } : { skip: 'no_template' };
  }

  async function send(channel: BroadcastChannel, b: BroadcastContent, userId: string): Promise<Record<string, unknown>> {
    if (channel === 'template') {
      if (isNightInVietnam(now())) throw new NightBanError(nextSixAmInVietnam(now()));
      await deps.client.sendTemplate(userId, options.templateId!, toTemplateData(b));
      return { channel };
    }
    const [first, ...rest] = toConsultationMessages(b);
    await deps.client.sendConsultation(userId, first!);
    // The announcement is out with the first message: a failed follow-up (the link) is logged, not retried.
    const followUp = await Promise.all(rest.map((m) => deps.client.sendConsultation(userId, m).then(() => 'sent', (err: Error) => err.message)));
    return { channel, ...(followUp.length && followUp[0] !== 'sent' ? { followUp: followUp[0] } : {}) };
  }

  /** A consultation refused for the 7-day window may still go out as a template. */
  async function sendWithFallback(decision: { send: BroadcastChannel }, b: BroadcastContent, userId: string): Promise<Record<string, unknown>> {
    try {
      return await send(decision.send, b, userId);
    } catch (err) {
      if (decision.send !== 'consultation' || !isZaloApiError(err) || err.errorClass !== 'outside_window') throw err;
      const fallback = templateOr(`zalo_${err.code}`);
      if ('skip' in fallback) throw err;
      return send('template', b, userId);
    }
  }

  return async function deliver(job: BroadcastDeliveryJob, attempt: DeliveryAttempt) {
    const { broadcastId, userId } = job;
    const state = await deps.store.deliveryState(broadcastId, userId);
    if (state.counted) return { outcome: 'already_counted' };
    if (state.status === 'cancelled') return count(broadcastId, { userId, outcome: 'cancelled' });
    const b = await content(broadcastId);
    if (state.status !== 'sending' || !b) return { outcome: 'not_sending', status: state.status };
    const decision = await decide(userId);
    if ('skip' in decision) return count(broadcastId, { userId, outcome: 'skipped', reason: decision.skip });
    try {
      const detail = await sendWithFallback(decision, b, userId);
      return count(broadcastId, { userId, outcome: 'sent', detail });
    } catch (err) {
      if (err instanceof NightBanError) throw err;
      if (isZaloApiError(err)) {
        const kind = classifyZaloError(err.code);
        if (SKIPPED_CLASSES.has(kind)) return count(broadcastId, { userId, outcome: 'skipped', reason: `zalo_${err.code}`, detail: { channel: decision.send } });
        if (kind === 'night_ban') throw new NightBanError(nextSixAmInVietnam(now()));
        if (kind === 'rate_limited') {
          await deps.pauseQueue(pauseMs);
          throw Worker.RateLimitError();
        }
        if (FAILED_CLASSES.has(kind)) return count(broadcastId, { userId, outcome: 'failed', detail: { channel: decision.send, zalo: err.code } });
      }
      if (attempt.final) return count(broadcastId, { userId, outcome: 'failed', detail: { channel: decision.send, error: (err as Error).message } });
      deps.logger.warn({ broadcast: broadcastId, err: (err as Error).message }, 'broadcast delivery failed for now: will retry');
      throw err;
    }
  };
}

/**
 * The consultation message: the text, the image with it when given, the link as a button. Zalo
 * carries either an image or buttons in one message, so with both the link follows in a second
 * message titled by the link's own title.
 */
export function toConsultationMessages(b: BroadcastContent): ZaloOutboundMessage[] {
  const button = b.link && { title: b.link.title, type: 'oa.open.url' as const, payload: { url: b.link.url } };
  if (!b.imageUrl) return [{ text: b.text, ...(button ? { buttons: [button] } : {}) }];
  const image = { text: b.text, imageUrl: b.imageUrl };
  return button ? [image, { text: b.link!.title, buttons: [button] }] : [image];
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
