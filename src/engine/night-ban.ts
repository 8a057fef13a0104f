/**
 * Zalo refuses template (promotion-type) messages between 22:00 and 06:00 in Vietnam (`-234`,
 * zalo-oa-api.md §3): such a send waits for 06:00. Asia/Ho_Chi_Minh is UTC+7 all year (no DST),
 * so a fixed offset is exact. A job handler throws `NightBanError`; the worker moves the job to
 * the delayed set until the morning (`delayUntilMorning`).
 */
import { DelayedError, type Job } from 'bullmq';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const VIETNAM_OFFSET_MS = 7 * HOUR_MS;

export class NightBanError extends Error {
  override readonly name = 'NightBanError';
  constructor(readonly until: number) {
    super(`template sends are refused at night: retry at ${new Date(until).toISOString()}`);
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

/** Runs a job handler; a NightBanError parks the job until 06:00 instead of failing it. */
export async function delayUntilMorning<T>(job: Job, token: string | undefined, handle: () => Promise<T>): Promise<T> {
  try {
    return await handle();
  } catch (err) {
    if (!(err instanceof NightBanError) || !token) throw err;
    await job.moveToDelayed(err.until, token);
    throw new DelayedError();
  }
}
