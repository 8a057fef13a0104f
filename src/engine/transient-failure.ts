/**
 * Failures that will pass by themselves — Redis or Zalo unreachable, no token yet, Zalo's
 * per-minute quota — as opposed to failures that would repeat on every try (a flow's bug, a
 * refused message). The first kind leaves the event in the inbox for a later retry of the job;
 * the second is dead-lettered so it cannot block the user's later events.
 *
 * Errors reach here wrapped: grammY puts BotError around middleware and HttpError around a
 * thrown fetch; the conversations plugin wraps a GrammyError from inside a conversation in an
 * Error with `cause`, rebuilds an HttpError's error from JSON (its class and fields lost:
 * "[object Object]"), and structured-clones an `external()` error (its class lost, its message
 * kept). So the bridge answers send failures as Telegram would (BRIDGE_CODES, a GrammyError,
 * which survives), and Redis outages are also recognised by their message.
 */
import { BotError, GrammyError, HttpError } from 'grammy';
import { ZaloHttpError, classifyZaloError, isZaloApiError } from '../edge/zalo/errors';
import { isRedisUnavailable } from '../store/redis';

/** The codes the outbound bridge answers for failures that are not Zalo refusals. */
export const BRIDGE_CODES = {
  /** Telegram's own "Too Many Requests: retry after": Zalo or Redis out of reach, no token yet. */
  retryLater: 429,
  /** The send may have reached Zalo (a timeout): sending again might deliver it twice. */
  outcomeUnknown: 504,
} as const;

/** The error behind the wrappers of grammY and the conversations plugin. */
export function rootCause(err: unknown): unknown {
  let current = err;
  for (let depth = 0; depth < 10; depth += 1) {
    if (current instanceof BotError || current instanceof HttpError) current = current.error;
    else if (current instanceof Error && current.cause !== undefined) current = current.cause;
    else break;
  }
  return current;
}

/** The failure itself will pass (as opposed to the request being wrong), judged on the unwrapped error. */
export function isPassingFailure(cause: unknown): boolean {
  if (cause instanceof ZaloHttpError) return !cause.ambiguous;
  if (isZaloApiError(cause)) return cause.errorClass === 'rate_limited';
  return isRedisUnavailable(cause) || (cause as Error | null)?.name === 'TokenUnavailableError';
}

export function isTransientFailure(err: unknown): boolean {
  const cause = rootCause(err);
  if (cause instanceof GrammyError) return cause.error_code === -32 || cause.error_code === BRIDGE_CODES.retryLater;
  return isPassingFailure(cause);
}

/** The outcome of this failure is unknown (a send may have reached Zalo): no apology, no retry. */
export function isAmbiguousFailure(err: unknown): boolean {
  const cause = rootCause(err);
  if (cause instanceof GrammyError) return cause.error_code === BRIDGE_CODES.outcomeUnknown;
  return cause instanceof ZaloHttpError && cause.ambiguous;
}

/**
 * Zalo refused because the person cannot receive messages now (unfollowed, blocked, inactive, or
 * outside the 7-day window): nothing is wrong with the event or with us, and an apology could not
 * reach them either.
 */
export function isUnreachableRecipient(err: unknown): boolean {
  const cause = rootCause(err);
  const code = cause instanceof GrammyError ? cause.error_code : isZaloApiError(cause) ? cause.code : undefined;
  if (code === undefined || code >= 0) return false;
  const errorClass = classifyZaloError(code);
  return errorClass === 'unreachable' || errorClass === 'outside_window';
}
