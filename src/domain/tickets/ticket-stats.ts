/**
 * Per-village figures over the tickets created in a period: how many, how fast the first answer
 * came and how fast they closed (withdrawn ones left out; medians, in minutes of wall-clock time and of office time — the
 * service levels count the latter), and the ratings on the three-level scale.
 */
import type { OfficeCalendar } from './office-time';
import { RATING_LEVELS, type RatingLevel, type Ticket } from './ticket';

export interface Durations {
  /** Median in minutes (one decimal), null with no ticket to measure. */
  medianMinutes: number | null;
  medianOfficeMinutes: number | null;
}

export interface VillageFigures {
  village: string;
  tickets: number;
  open: number;
  taken: number;
  closed: number;
  firstAnswer: Durations;
  close: Durations;
  ratings: Record<RatingLevel, number>;
  /** Rated "very satisfied" or "satisfied", of all rated; null when none rated. */
  satisfiedShare: number | null;
}

function median(values: number[]): number | null {
  const sorted = [...values].sort((a, b) => a - b);
  /** The middle value, or the middle two of an even count. */
  const middle = sorted.slice((sorted.length - 1) >> 1, (sorted.length >> 1) + 1);
  return middle.length ? middle.reduce((sum, v) => sum + v) / middle.length : null;
}

const toMinutes = (ms: number | null) => (ms === null ? null : Math.round(ms / 6000) / 10);

function durations(tickets: Ticket[], end: (t: Ticket) => string | undefined, calendar: OfficeCalendar): Durations {
  const spans = tickets.flatMap((t) => {
    const until = end(t);
    return until ? [[Date.parse(t.createdAt), Date.parse(until)] as const] : [];
  });
  return {
    medianMinutes: toMinutes(median(spans.map(([from, to]) => to - from))),
    medianOfficeMinutes: toMinutes(median(spans.map(([from, to]) => calendar.officeTimeBetween(from, to)))),
  };
}

export function ticketFigures(tickets: Ticket[], calendar: OfficeCalendar): VillageFigures[] {
  const byVillage = new Map<string, Ticket[]>();
  for (const t of tickets) byVillage.set(t.village, [...(byVillage.get(t.village) ?? []), t]);
  return [...byVillage.entries()]
    .sort(([a], [b]) => a.localeCompare(b, 'vi'))
    .map(([village, list]) => {
      const ratings = Object.fromEntries(RATING_LEVELS.map((l) => [l, list.filter((t) => t.rating === l).length])) as Record<
        RatingLevel,
        number
      >;
      const rated = RATING_LEVELS.reduce((n, l) => n + ratings[l], 0);
      return {
        village,
        tickets: list.length,
        open: list.filter((t) => t.status === 'open').length,
        taken: list.filter((t) => t.status === 'taken').length,
        closed: list.filter((t) => t.status === 'closed').length,
        firstAnswer: durations(list, (t) => t.firstAnswerAt, calendar),
        // A withdrawn question was never answered to a close: it would flatter the figure.
        close: durations(list, (t) => (t.status === 'closed' && t.closedBy !== 'withdrawn' ? t.closedAt : undefined), calendar),
        ratings,
        satisfiedShare: rated ? (ratings.very_satisfied + ratings.satisfied) / rated : null,
      };
    });
}
