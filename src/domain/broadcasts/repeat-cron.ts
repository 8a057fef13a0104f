/**
 * A recurring broadcast's cron pattern, checked with the parser BullMQ's job scheduler uses
 * (cron-parser), in the time zone the scheduler is given: a pattern it cannot parse would fail
 * in `upsertJobScheduler`, and six fields are seconds-first (`0 * * * * *` is every minute), so
 * counting fields by hand misreads them. Runs of a cron pattern closer than an hour come in
 * pairs within one hour (several minutes or seconds listed), so a few consecutive runs show them.
 */
import { CronExpressionParser } from 'cron-parser';

export const VIETNAM_TZ = 'Asia/Ho_Chi_Minh';
const RUNS_CHECKED = 5;

/** Why the pattern is refused, or undefined when it runs at most once every `minGapMinutes`. */
export function cronProblem(pattern: string, minGapMinutes: number, from: Date = new Date()): string | undefined {
  let runs: number[];
  try {
    const interval = CronExpressionParser.parse(pattern, { tz: VIETNAM_TZ, currentDate: from });
    runs = Array.from({ length: RUNS_CHECKED }, () => interval.next().getTime());
  } catch (err) {
    return `is not a cron pattern BullMQ accepts (${(err as Error).message}), e.g. "0 7 * * 1"`;
  }
  const closest = Math.min(...runs.slice(1).map((t, i) => t - runs[i]!));
  if (closest < minGapMinutes * 60_000)
    return `must run at most once every ${minGapMinutes} minutes (6 fields start with seconds), e.g. "0 7 * * 1"`;
  return undefined;
}
