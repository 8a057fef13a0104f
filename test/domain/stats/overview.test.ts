/**
 * The overview's periods are Vietnam's days and month: at 00:30 on 2 March (+07:00) "today" starts
 * at midnight Vietnam time and the month holds 1 and 2 March; figures of the month's earlier days
 * count for the month but not for today.
 */
import { overview, type OverviewSources } from '../../../src/domain/stats/overview';
import { OfficeCalendar, parseOfficeHours } from '../../../src/domain/tickets/office-time';
import type { Ticket } from '../../../src/domain/tickets/ticket';
import type { Broadcast } from '../../../src/domain/broadcasts/broadcast';

const NOW = Date.parse('2026-03-02T00:30:00+07:00');
const HOUR = 3_600_000;

const ticket = (id: string, createdAt: number, status: Ticket['status'] = 'open'): Ticket => ({
  id,
  status,
  village: 'Phương Nghệ',
  team: 'Phương Nghệ',
  citizenId: '1',
  question: 'q',
  photos: [],
  createdAt: new Date(createdAt).toISOString(),
  round: 0,
});

function sources(): OverviewSources {
  const tickets = [ticket('T-000001', Date.parse('2026-03-01T09:00:00+07:00')), ticket('T-000002', NOW - 10 * 60_000, 'taken')];
  const broadcast = (startedAt: string, sent: number) =>
    ({ startedAt, counts: { planned: sent, sent, failed: 0, skipped: 0, cancelled: 0 } }) as Broadcast;
  return {
    daily: {
      days: async (dates) =>
        dates.map((date) => ({ date, messages: date === '2026-03-02' ? 3 : 10, lookups: date === '2026-03-02' ? 1 : 2 })),
    },
    // One unplaced question a minute before NOW.
    unplaced: { count: async (from: number, to: number) => (from <= NOW - 60_000 && NOW - 60_000 <= to ? 1 : 0) },
    tickets: {
      list: async (status) => tickets.filter((t) => t.status === status),
      createdBetween: async (from, to) => tickets.filter((t) => Date.parse(t.createdAt) >= from && Date.parse(t.createdAt) < to),
      ratedBetween: async () => [],
    },
    broadcasts: {
      list: async () => [
        broadcast('2026-03-01T17:10:00.000Z', 40),
        broadcast('2026-03-01T02:00:00.000Z', 100),
        broadcast('2026-02-27T02:00:00.000Z', 7),
      ],
    },
    dossierRatings: {
      ratings: async () => [{ code: 'c', procedureCode: '1.001193', level: 'satisfied', at: new Date(NOW).toISOString(), rater: 'r' }],
    },
    calendar: new OfficeCalendar({ schedule: parseOfficeHours('Mon-Sun 00:00-24:00'), holidays: [] }),
    levels: { takeWithinMs: HOUR, answerWithinMs: 10 * HOUR },
  };
}

describe('the overview', () => {
  it('today: from midnight in Vietnam; the month day by day', async () => {
    const today = await overview(sources(), 'today', NOW);
    expect(today).toMatchObject({
      period: 'today',
      from: '2026-03-01T17:00:00.000Z',
      to: new Date(NOW).toISOString(),
      messages: 3,
      lookups: 1,
      unplaced: 1,
      tickets: { asked: 1, open: 1, taken: 1, late: 1 },
      broadcasts: { sent: 1, recipients: 40 },
      satisfaction: { ratings: 1, satisfiedShare: 1 },
    });
    expect(today.days).toEqual([
      { date: '2026-03-01', messages: 10, lookups: 2, unplaced: 0, tickets: 1 },
      { date: '2026-03-02', messages: 3, lookups: 1, unplaced: 1, tickets: 1 },
    ]);
  });

  it('this month: from the first in Vietnam', async () => {
    const month = await overview(sources(), 'month', NOW);
    expect(month).toMatchObject({
      from: '2026-02-28T17:00:00.000Z',
      messages: 13,
      lookups: 3,
      tickets: { asked: 2 },
      broadcasts: { sent: 2, recipients: 140 },
    });
    expect(month.days.map((d) => d.date)).toEqual(['2026-03-01', '2026-03-02']);
  });
});
