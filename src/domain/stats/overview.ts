/**
 * The officers' overview: today's or this month's figures at a glance — messages the bot handled,
 * questions it could not place, dossier lookups, tickets (asked in the period; open, taken and
 * late now), announcements sent, and the share of satisfied ratings (dossiers and tickets) — and
 * the month day by day for the charts. Days are Vietnam's. Read from what each part keeps; the
 * two counts nothing else keeps come from the daily counters (daily-counts.ts).
 */
import { isRecurring, type Broadcast } from '../broadcasts/broadcast';
import { satisfiedShare, type Rating } from '../dossiers/dossier-follows';
import type { OfficeCalendar } from '../tickets/office-time';
import type { RatedTicket, Ticket, TicketStatus } from '../tickets/ticket';
import { ticketDeadlines, type ServiceLevels } from '../tickets/ticket-deadlines';
import { vietnamDate, vietnamDates, vietnamDayStart, type DayCounts } from './daily-counts';

export const OVERVIEW_PERIODS = ['today', 'month'] as const;
export type OverviewPeriod = (typeof OVERVIEW_PERIODS)[number];

/** What the overview reads; each is one store's own query. */
export interface OverviewSources {
  daily: { days(dates: readonly string[]): Promise<DayCounts[]> };
  unplaced: { count(from: number, to: number): Promise<number> };
  tickets: {
    list(status: TicketStatus, limit: number): Promise<Ticket[]>;
    createdBetween(from: number, to: number): Promise<Ticket[]>;
    ratedBetween(from: Date, to: Date): Promise<RatedTicket[]>;
  };
  /** The latest broadcasts, newest first. */
  broadcasts: { list(options: { limit: number }): Promise<Broadcast[]> };
  dossierRatings: { ratings(from: Date, to: Date): Promise<Rating[]> };
  calendar: OfficeCalendar;
  levels: ServiceLevels;
}

export interface DaySeries {
  date: string;
  messages: number;
  unplaced: number;
  lookups: number;
  tickets: number;
}

export interface Overview {
  period: OverviewPeriod;
  from: string;
  to: string;
  messages: number;
  unplaced: number;
  lookups: number;
  tickets: { asked: number; open: number; taken: number; late: number };
  broadcasts: { sent: number; recipients: number };
  satisfaction: { ratings: number; satisfiedShare: number | null };
  /** This month, day by day up to today. */
  days: DaySeries[];
}

const DAY_MS = 24 * 3_600_000;
/** Tickets still waiting are few; more than this many open ones would be a fault in itself. */
const OPEN_TICKETS_READ = 1000;
/** Broadcasts looked through for the ones started in the period (a month holds far fewer). */
const BROADCASTS_READ = 500;

const countBy = (dates: readonly string[], times: readonly number[]) => {
  const counts = new Map(dates.map((d) => [d, 0]));
  for (const t of times) {
    const date = vietnamDate(t);
    if (counts.has(date)) counts.set(date, (counts.get(date) ?? 0) + 1);
  }
  return counts;
};

export async function overview(sources: OverviewSources, period: OverviewPeriod, now = Date.now()): Promise<Overview> {
  const today = vietnamDate(now);
  const monthStart = vietnamDayStart(`${today.slice(0, 8)}01`);
  const from = period === 'today' ? vietnamDayStart(today) : monthStart;
  const inPeriod = (iso: string | undefined) => iso !== undefined && Date.parse(iso) >= from && Date.parse(iso) <= now;

  const monthDates = vietnamDates(monthStart, now + 1);
  const [counts, unplaced, asked, open, taken, latest, ticketRatings, dossierRatings] = await Promise.all([
    sources.daily.days(monthDates),
    // Counted day by day in Redis: the log may hold tens of thousands, and the console asks every minute.
    Promise.all(monthDates.map((date) => sources.unplaced.count(vietnamDayStart(date), Math.min(vietnamDayStart(date) + DAY_MS - 1, now)))),
    sources.tickets.createdBetween(monthStart, now + 1),
    sources.tickets.list('open', OPEN_TICKETS_READ),
    sources.tickets.list('taken', OPEN_TICKETS_READ),
    sources.broadcasts.list({ limit: BROADCASTS_READ }),
    sources.tickets.ratedBetween(new Date(from), new Date(now)),
    sources.dossierRatings.ratings(new Date(from), new Date(now)),
  ]);
  const unplacedByDay = new Map(monthDates.map((date, i) => [date, unplaced[i] ?? 0]));
  const askedByDay = countBy(
    monthDates,
    asked.map((t) => Date.parse(t.createdAt)),
  );
  const days = counts.map((c) => ({ ...c, unplaced: unplacedByDay.get(c.date) ?? 0, tickets: askedByDay.get(c.date) ?? 0 }));
  const periodDays = days.filter((d) => d.date >= vietnamDate(from));
  const sum = (field: 'messages' | 'lookups' | 'unplaced' | 'tickets') => periodDays.reduce((n, d) => n + d[field], 0);
  // A recurring broadcast's occurrences are broadcasts of their own; its parent sends nothing itself.
  const sent = latest.filter((b) => !isRecurring(b) && inPeriod(b.startedAt));
  const ratings = [...dossierRatings, ...ticketRatings.map((t) => ({ level: t.rating }))];

  return {
    period,
    from: new Date(from).toISOString(),
    to: new Date(now).toISOString(),
    messages: sum('messages'),
    unplaced: sum('unplaced'),
    lookups: sum('lookups'),
    tickets: {
      asked: sum('tickets'),
      open: open.length,
      taken: taken.length,
      late: [...open, ...taken].filter((t) => ticketDeadlines(t, sources.calendar, sources.levels, now).late).length,
    },
    broadcasts: { sent: sent.length, recipients: sent.reduce((n, b) => n + b.counts.sent, 0) },
    satisfaction: { ratings: ratings.length, satisfiedShare: satisfiedShare(ratings) },
    days,
  };
}
