/**
 * Handles one stored event for its user (called in order by the inbox drain). Echoes go to the
 * echo guard and are never answered; while a human officer answers in OA Manager the bot stays
 * quiet; everything else becomes an Update for the bot.
 * A transient failure (Redis or Zalo unreachable) is thrown: the event stays in the inbox, the
 * conversation state it would have written is dropped, and the drain job retries later. Any other failure is kept in a dead-letter list and the citizen gets an
 * apology, so one bad event cannot block the user's later ones.
 */
import type { Bot } from 'grammy';
import type { Logger } from '../logger';
import { hashId } from '../logger';
import type { Metrics } from '../metrics';
import type { I18n } from '../i18n';
import { isEcho } from '../edge/zalo/events';
import type { UserProfiles } from '../domain/user-profiles';
import type { FollowerRegistry } from '../domain/followers/follower-registry';
import type { Keys } from '../store/keys';
import type { RedisClient } from '../store/redis';
import { appendCapped } from '../store/capped-list';
import { DailyCounts } from '../domain/stats/daily-counts';
import type { BotContext } from '../../flows/context';
import type { EchoGuard } from './echo-guard';
import { toTelegramId } from './ids';
import { toUpdate } from './to-update';
import { isAmbiguousFailure, isTransientFailure, isUnreachableRecipient, rootCause } from './transient-failure';
import { commitStaged, inEventScope } from './event-scope';
import type { StoredEvent } from './user-inbox';
import { userTranslator } from './user-language';

export interface EventHandlerDeps {
  bot: Bot<BotContext>;
  echoes: EchoGuard;
  profiles: UserProfiles;
  followers: Pick<FollowerRegistry, 'interacted' | 'unfollowed'>;
  i18n: I18n;
  redis: RedisClient;
  keys: Keys;
  metrics: Metrics;
  logger: Logger;
  callbackPrefix: string;
}

const DEAD_LETTERS_KEPT = 1000;

export function createEventHandler(deps: EventHandlerDeps) {
  const daily = new DailyCounts(deps.redis, deps.keys);
  async function dispatch({ event }: StoredEvent): Promise<string> {
    const message = event.raw.message as { msg_id?: string; text?: string } | undefined;
    if (isEcho(event.kind)) {
      const match = await deps.echoes.onEcho(event.userId, message?.msg_id, message?.text, Number(event.timestamp));
      deps.metrics.echoes.inc({ match });
      return `echo_${match}`;
    }
    if (event.kind === 'unfollow' || event.kind === 'follow') {
      await deps.profiles.setFollowing(event.userId, event.kind === 'follow', Number(event.timestamp));
      if (event.kind === 'unfollow') {
        await deps.followers.unfollowed(event.userId);
        return 'recorded';
      }
    }
    if (event.interaction) await deps.followers.interacted(event.userId, Number(event.timestamp));
    const update = toUpdate(event, { callbackPrefix: deps.callbackPrefix });
    if (!update) return 'ignored';
    if (await deps.echoes.isHumanAnswering(event.userId)) return 'human_answering';
    await deps.bot.handleUpdate(update);
    return 'handled';
  }

  async function apologise(userId: string): Promise<void> {
    const t = await userTranslator(deps, userId);
    await deps.bot.api.sendMessage(toTelegramId(userId), t('errors.generic'));
  }

  // Every send and once-per-event counter while handling it knows the event (event-scope.ts).
  return (stored: StoredEvent): Promise<void> => inEventScope(stored.event, () => handle(stored));

  async function handle(stored: StoredEvent): Promise<void> {
    const { event } = stored;
    let outcome: string;
    try {
      outcome = await dispatch(stored);
      await commitStaged();
    } catch (err) {
      const reason = String((rootCause(err) as Error | undefined)?.message ?? err);
      if (isTransientFailure(err)) {
        deps.metrics.handled.inc({ kind: event.kind, outcome: 'retry' });
        deps.logger.warn({ user: hashId(event.userId), kind: event.kind, err: reason }, 'event handling failed for now: will retry');
        throw err;
      }
      // Not retried: the state the failed handling left (the conversation left) is kept.
      await commitStaged().catch(() => undefined);
      outcome = isUnreachableRecipient(err) ? 'unreachable' : isAmbiguousFailure(err) ? 'unknown' : 'error';
      if (outcome === 'unreachable') {
        // They unfollowed or blocked the OA, or wrote after the 7-day window: nothing is wrong, and no answer can reach them.
        deps.logger.info({ user: hashId(event.userId), kind: event.kind, err: reason }, 'the answer cannot reach this user');
      } else {
        deps.logger.error({ user: hashId(event.userId), kind: event.kind, err: reason }, 'event handling failed');
        await appendCapped(deps.redis, deps.keys.deadLetters, { ...stored, failedAt: Date.now(), error: reason }, DEAD_LETTERS_KEPT).catch(
          () => undefined,
        );
        if (outcome === 'error') await apologise(event.userId).catch(() => undefined);
      }
    }
    deps.metrics.handled.inc({ kind: event.kind, outcome });
    // The officers' overview counts the citizens' messages the bot answered; a miss costs a count, not the event.
    if (outcome === 'handled' && event.kind.startsWith('user_send_')) await daily.add('messages').catch(() => undefined);
    deps.metrics.handlingSeconds.observe((Date.now() - stored.receivedAt) / 1000);
  }
}
