/**
 * Failures that will pass by themselves — Redis or Zalo unreachable, no token yet, Zalo's
 * per-minute quota — as opposed to failures that would repeat on every try (a flow's bug, a
 * refused message). The first kind leaves the event in the inbox for a later retry of the job;
 * the second is dead-lettered so it cannot block the user's later events.
 */
import { BotError, GrammyError, HttpError } from 'grammy';
import { ZaloHttpError, isZaloApiError } from '../edge/zalo/errors';
import { isRedisUnavailable } from '../store/redis';

/** The error behind grammY's wrappers (BotError around middleware, HttpError around fetch). */
export function rootCause(err: unknown): unknown {
  let current = err;
  while (current instanceof BotError || current instanceof HttpError) current = current.error;
  return current;
}

export function isTransientFailure(err: unknown): boolean {
  const cause = rootCause(err);
  if (cause instanceof ZaloHttpError) return !cause.ambiguous;
  if (isZaloApiError(cause)) return cause.errorClass === 'rate_limited';
  if (cause instanceof GrammyError) return cause.error_code === -32;
  return isRedisUnavailable(cause) || (cause as Error | null)?.name === 'TokenUnavailableError';
}

/** The outcome of this failure is unknown (a send may have reached Zalo): no apology, no retry. */
export function isAmbiguousFailure(err: unknown): boolean {
  const cause = rootCause(err);
  return cause instanceof ZaloHttpError && cause.ambiguous;
}
