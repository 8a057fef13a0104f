/**
 * Counts per Vietnam day of what leaves no record of its own to count later: messages the bot
 * handled, dossier lookups. One hash per day (a field per counter), kept about 400 days so a
 * year's figures can be compared; an increment is one HINCRBY (and an EXPIRE), cheap enough for
 * every message. Read back day by day for the officers' overview.
 */
import type { Keys } from '../../store/keys';
import type { RedisClient } from '../../store/redis';

export type DailyCounter = 'messages' | 'lookups';

const KEEP_SEC = 400 * 86_400;
const DAY_MS = 86_400_000;
/** Asia/Ho_Chi_Minh: +07:00 all year. */
const VIETNAM_OFFSET_MS = 7 * 3_600_000;

/** The Vietnam date of an instant: YYYY-MM-DD. */
export function vietnamDate(ms: number): string {
  return new Date(ms + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a Vietnam date starts. */
export function vietnamDayStart(date: string): number {
  return Date.parse(`${date}T00:00:00+07:00`);
}

/** Every Vietnam date from the one holding `from` to the one holding `to - 1` (`to` exclusive). */
export function vietnamDates(from: number, to: number): string[] {
  const dates: string[] = [];
  for (let day = vietnamDayStart(vietnamDate(from)); day < to; day += DAY_MS) dates.push(vietnamDate(day));
  return dates;
}

export type DayCounts = { date: string } & Record<DailyCounter, number>;

export class DailyCounts {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
  ) {}

  async add(counter: DailyCounter, at = Date.now()): Promise<void> {
    const key = this.keys.dailyCounts(vietnamDate(at));
    await this.redis.multi().hIncrBy(key, counter, 1).expire(key, KEEP_SEC).exec();
  }

  /** Each date's counts, zero where nothing was counted. */
  async days(dates: readonly string[]): Promise<DayCounts[]> {
    const stored = await Promise.all(dates.map((date) => this.redis.hGetAll(this.keys.dailyCounts(date))));
    return dates.map((date, i) => ({ date, messages: Number(stored[i]?.messages ?? 0), lookups: Number(stored[i]?.lookups ?? 0) }));
  }
}
