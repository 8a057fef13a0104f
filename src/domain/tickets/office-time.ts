/**
 * Office time: the service levels of tickets count only the hours the commune works (OFFICE_HOURS,
 * e.g. `Mon-Fri 07:30-11:30,13:30-17:00; Sat 07:30-11:30`; unset, the service centre's opening
 * hours in data/commune.json) minus its holidays (HOLIDAYS, `2026-01-01,2026-02-14..2026-02-22`). Times are Vietnam's (UTC+7 all year, no daylight saving), so a fixed
 * offset is exact. Pure arithmetic with the clock passed in, so tests need no fake timers.
 */
import { fold } from '../text/fold';
import { captures } from '../text/regex-captures';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** Asia/Ho_Chi_Minh. */
const VIETNAM_OFFSET_MS = 7 * 3_600_000;
/** Looking further ahead than this for office time means the schedule has none. */
const SEARCH_DAYS = 800;
const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

/** Minutes after local midnight, end exclusive (`24:00` = 1440). */
export interface OfficeInterval {
  start: number;
  end: number;
}

/** Index 0 = Sunday … 6 = Saturday, as `Date#getUTCDay`; each day's intervals sorted, disjoint. */
export type WeeklySchedule = OfficeInterval[][];

export class OfficeTimeFormatError extends Error {
  override readonly name = 'OfficeTimeFormatError';
}

const GROUP = /^([A-Za-z]{3})(?:\s*-\s*([A-Za-z]{3}))?\s+(.+)$/;
const RANGE = /^(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$/;

function dayIndex(name: string): number {
  const index = DAY_NAMES.findIndex((d) => d.toLowerCase() === name.toLowerCase());
  if (index < 0) throw new OfficeTimeFormatError(`"${name}" is not a day: use ${DAY_NAMES.join(', ')}`);
  return index;
}

function toMinutes(hours: string, minutes: string, text: string): number {
  const value = Number(hours) * 60 + Number(minutes);
  if (Number(minutes) > 59 || value > 24 * 60) throw new OfficeTimeFormatError(`"${text}" is not a time range within a day`);
  return value;
}

function parseRange(text: string): OfficeInterval {
  const m = RANGE.exec(text.trim());
  if (!m) throw new OfficeTimeFormatError(`"${text.trim()}" is not a time range like 07:30-11:30`);
  const [startHours, startMinutes, endHours, endMinutes] = captures(m, 1, 2, 3, 4);
  const interval = { start: toMinutes(startHours, startMinutes, text), end: toMinutes(endHours, endMinutes, text) };
  if (interval.end <= interval.start) throw new OfficeTimeFormatError(`"${text.trim()}" ends before it starts`);
  return interval;
}

/** `Mon-Fri 07:30-11:30,13:30-17:00; Sat 07:30-11:30` → the weekly schedule (throws on a bad spec). */
export function parseOfficeHours(spec: string): WeeklySchedule {
  const week: WeeklySchedule = DAY_NAMES.map(() => []);
  for (const group of spec
    .split(';')
    .map((g) => g.trim())
    .filter(Boolean)) {
    const m = GROUP.exec(group);
    if (!m) throw new OfficeTimeFormatError(`"${group}" should look like "Mon-Fri 07:30-11:30,13:30-17:00"`);
    const [firstDay, rangeList] = captures(m, 1, 3);
    const first = dayIndex(firstDay);
    const last = m[2] ? dayIndex(m[2]) : first;
    const ranges = rangeList.split(',').map(parseRange);
    for (let d = first, n = 0; n < 7; d = (d + 1) % 7, n += 1) {
      week[d]?.push(...ranges);
      if (d === last) break;
    }
  }
  if (week.every((day) => day.length === 0)) throw new OfficeTimeFormatError('names no office hours at all');
  return week.map(mergeIntervals);
}

function mergeIntervals(day: OfficeInterval[]): OfficeInterval[] {
  const sorted = [...day].sort((a, b) => a.start - b.start);
  const merged: OfficeInterval[] = [];
  for (const interval of sorted) {
    const previous = merged.at(-1);
    if (previous && interval.start <= previous.end) previous.end = Math.max(previous.end, interval.end);
    else merged.push({ ...interval });
  }
  return merged;
}

function parseDate(d: string): number {
  const at = Date.parse(`${d}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d) || Number.isNaN(at) || new Date(at).toISOString().slice(0, 10) !== d) {
    throw new OfficeTimeFormatError(`"${d}" is not a date like 2026-04-30`);
  }
  return at;
}

/** A Tết break is a few days; a range longer than this is a typo. */
const MAX_HOLIDAY_RANGE_DAYS = 60;

/** `2026-01-01,2026-02-14..2026-02-22` → the dates, ranges spelled out (throws on a bad date or range). */
export function parseHolidays(spec: string): string[] {
  return spec
    .split(',')
    .map((d) => d.trim())
    .filter(Boolean)
    .flatMap((item) => {
      const [first, last = first] = item.split('..').map((d) => d.trim()) as [string, string?];
      const [from, to] = [parseDate(first), parseDate(last)];
      const days = (to - from) / DAY_MS + 1;
      if (days < 1 || days > MAX_HOLIDAY_RANGE_DAYS)
        throw new OfficeTimeFormatError(`"${item}" is not a range of 1 to ${MAX_HOLIDAY_RANGE_DAYS} days`);
      return Array.from({ length: days }, (_, n) => new Date(from + n * DAY_MS).toISOString().slice(0, 10));
    });
}

/** Vietnamese day names, folded: "thứ Hai" … "Chủ nhật", or "thứ 2" … "thứ 7". */
const VIETNAMESE_DAYS: Record<string, string> = {
  'chu nhat': 'Sun',
  'thu hai': 'Mon',
  'thu ba': 'Tue',
  'thu tu': 'Wed',
  'thu nam': 'Thu',
  'thu sau': 'Fri',
  'thu bay': 'Sat',
  'thu 2': 'Mon',
  'thu 3': 'Tue',
  'thu 4': 'Wed',
  'thu 5': 'Thu',
  'thu 6': 'Fri',
  'thu 7': 'Sat',
};
/** The English day of a Vietnamese day word DAY_WORD matched. */
function dayOf(word: string): string {
  const day = VIETNAMESE_DAYS[word];
  if (day === undefined) throw new OfficeTimeFormatError(`"${word}" is not a Vietnamese day name`);
  return day;
}

const DAY_WORD = /chu nhat|thu (?:hai|bay|ba|tu|nam|sau|[2-7])\b/g;
const HOURS = /(\d{1,2}):(\d{2})\s*[–-]\s*(\d{1,2}):(\d{2})/g;

/**
 * The service centre's opening hours as the commune profile words them ("Thứ Hai – Thứ Sáu":
 * "7:30 – 11:30, 13:30 – 17:00"; "Sáng thứ Bảy": "7:30 – 11:30") → the weekly schedule, so the
 * service levels count the hours the commune says it works (throws when it cannot be read).
 */
export function scheduleFromOpeningHours(entries: ReadonlyArray<{ days: string; hours: string }>): WeeklySchedule {
  const groups = entries.map(({ days, hours }) => {
    const folded = fold(days);
    const names = [...folded.matchAll(DAY_WORD)];
    const ranges = [...hours.matchAll(HOURS)].map((m) => {
      const [startHours, startMinutes, endHours, endMinutes] = captures(m, 1, 2, 3, 4);
      return `${startHours.padStart(2, '0')}:${startMinutes}-${endHours.padStart(2, '0')}:${endMinutes}`;
    });
    if (!names.length || !ranges.length)
      throw new OfficeTimeFormatError(`opening hours "${days}: ${hours}" cannot be read: set OFFICE_HOURS`);
    const [from, to] = names;
    const between = names.length === 2 && from && to ? folded.slice(from.index + from[0].length, to.index) : '';
    const dayNames = names.map((m) => dayOf(m[0]));
    const spans = /[–-]|den/.test(between) ? [`${dayNames[0]}-${dayNames[1]}`] : dayNames;
    return spans.map((span) => `${span} ${ranges.join(',')}`).join('; ');
  });
  return parseOfficeHours(groups.join('; '));
}

export interface OfficeCalendarOptions {
  schedule: WeeklySchedule;
  /** yyyy-mm-dd dates (Vietnam time) with no office hours. */
  holidays: readonly string[];
}

export class OfficeCalendar {
  private readonly holidays: ReadonlySet<string>;

  constructor(private readonly options: OfficeCalendarOptions) {
    this.holidays = new Set(options.holidays);
  }

  /** The moment `durationMs` of office time after `from` (the next opening when it is 0 and closed now). */
  addOfficeTime(from: number, durationMs: number): number {
    let remaining = Math.max(0, durationMs);
    for (const [start, end] of this.openings(from)) {
      if (end - start >= remaining) return start + remaining;
      remaining -= end - start;
    }
    throw new OfficeTimeFormatError(`no office time in the ${SEARCH_DAYS} days after ${new Date(from).toISOString()}`);
  }

  /** Office time between two moments (0 when `to` is not after `from`). */
  officeTimeBetween(from: number, to: number): number {
    let total = 0;
    for (const [start, end] of this.openings(from)) {
      if (start >= to) break;
      total += Math.min(end, to) - start;
    }
    return total;
  }

  /** Office intervals as [start, end) in epoch ms, from `from` on, the first one clipped to it. */
  private *openings(from: number): Generator<[number, number]> {
    const firstLocalDay = Math.floor((from + VIETNAM_OFFSET_MS) / DAY_MS) * DAY_MS;
    for (let n = 0; n < SEARCH_DAYS; n += 1) {
      const localDay = firstLocalDay + n * DAY_MS;
      const date = new Date(localDay);
      if (this.holidays.has(date.toISOString().slice(0, 10))) continue;
      const dayStart = localDay - VIETNAM_OFFSET_MS;
      for (const interval of this.options.schedule[date.getUTCDay()] ?? []) {
        const start = Math.max(dayStart + interval.start * MINUTE_MS, from);
        const end = dayStart + interval.end * MINUTE_MS;
        if (end > start) yield [start, end];
      }
    }
  }
}
