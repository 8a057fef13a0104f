/**
 * Zalo refuses template (promotion-type) messages between 22:00 and 06:00 in Vietnam (`-234`,
 * docs/zalo-platform.md §3): such a send waits for 06:00. Asia/Ho_Chi_Minh is UTC+7 all year (no DST),
 * so a fixed offset is exact. A job handler throws `NightBanError` (or any `RetryAtError`); the
 * worker moves the job to the delayed set until then (`delayUntilMorning`), without spending an attempt.
 */
import { DelayedError, type Job } from 'bullmq';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const VIETNAM_OFFSET_MS = 7 * HOUR_MS;

const MINUTE_MS = 60_000;
/** A `-234` by day (Zalo's clock or ours a little off): try again shortly, not tomorrow. */
const DAYTIME_NIGHT_BAN_RETRY_MS = 5 * MINUTE_MS;

/** The job must run again at `until`: parked in the delayed set, it does not spend an attempt. */
export class RetryAtError extends Error {
  override readonly name: string = 'RetryAtError';
  constructor(
    readonly until: number,
    reason: string,
  ) {
    super(`${reason}: retry at ${new Date(until).toISOString()}`);
  }
}

export class NightBanError extends RetryAtError {
  override readonly name = 'NightBanError';
  constructor(until: number) {
    super(until, 'template sends are refused at night');
  }
}

export function isNightInVietnam(now: number): boolean {
  const hour = new Date(now + VIETNAM_OFFSET_MS).getUTCHours();
  return hour >= 22 || hour < 6;
}

export function nextSixAmInVietnam(now: number): number {
  const local = now + VIETNAM_OFFSET_MS;
  const sixToday = Math.floor(local / DAY_MS) * DAY_MS + 6 * HOUR_MS;
  return (local < sixToday ? sixToday : sixToday + DAY_MS) - VIETNAM_OFFSET_MS;
}

/** When to try again after Zalo's `-234`: 06:00 at night, a few minutes later by day. */
export function nightBanRetryAt(now: number): number {
  return isNightInVietnam(now) ? nextSixAmInVietnam(now) : now + DAYTIME_NIGHT_BAN_RETRY_MS;
}

/** Runs a job handler; a RetryAtError (the night ban) parks the job until its time instead of failing it. */
export async function delayUntilMorning<T>(job: Job, token: string | undefined, handle: () => Promise<T>): Promise<T> {
  try {
    return await handle();
  } catch (err) {
    if (!(err instanceof RetryAtError) || !token) throw err;
    await job.moveToDelayed(err.until, token);
    throw new DelayedError();
  }
}
