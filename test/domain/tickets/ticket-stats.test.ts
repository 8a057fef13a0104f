import { OfficeCalendar, parseOfficeHours } from '../../../src/domain/tickets/office-time';
import { ticketFigures } from '../../../src/domain/tickets/ticket-stats';
import type { Ticket } from '../../../src/domain/tickets/ticket';

const vn = (local: string) => new Date(`${local}+07:00`).toISOString();
const base = { status: 'closed', team: '', citizenId: '1', question: 'q', photos: [], round: 0 } as const;
const ticket = (village: string, created: string, extra: Partial<Ticket>): Ticket =>
  ({ ...base, id: `T-${created}`, village, createdAt: vn(created), ...extra }) as Ticket;

describe('per-village ticket figures', () => {
  const calendar = new OfficeCalendar({ schedule: parseOfficeHours('Mon-Fri 07:30-11:30,13:30-17:00'), holidays: [] });

  it('medians of time to first answer and to close, in wall-clock and office minutes, and ratings', () => {
    const figures = ticketFigures(
      [
        // Friday 11:00, answered 14:00 (3 h; 1 h of office time), closed Monday 08:00.
        ticket('Phương Nghệ', '2026-11-27T11:00:00', {
          firstAnswerAt: vn('2026-11-27T14:00:00'),
          closedAt: vn('2026-11-30T08:00:00'),
          rating: 'satisfied',
        }),
        ticket('Phương Nghệ', '2026-11-27T08:00:00', {
          firstAnswerAt: vn('2026-11-27T08:10:00'),
          closedAt: vn('2026-11-27T08:20:00'),
          rating: 'dissatisfied',
        }),
        ticket('Phương Nghệ', '2026-11-27T09:00:00', { status: 'open' }),
        // Withdrawn after a minute: never answered to a close, so not in the time to close.
        ticket('Phương Nghệ', '2026-11-27T10:00:00', { closedAt: vn('2026-11-27T10:01:00'), closedBy: 'withdrawn' }),
        ticket('Đồng Tràm Tây', '2026-11-27T09:00:00', { status: 'taken' }),
      ],
      calendar,
    );
    expect(figures.map((f) => f.village)).toEqual(['Đồng Tràm Tây', 'Phương Nghệ']);
    const [dongTram, phuongNghe] = figures;
    expect(dongTram).toMatchObject({
      tickets: 1,
      taken: 1,
      firstAnswer: { medianMinutes: null, medianOfficeMinutes: null },
      satisfiedShare: null,
    });
    expect(phuongNghe).toMatchObject({
      tickets: 4,
      open: 1,
      closed: 3,
      // (10 + 180) / 2 wall-clock minutes; (10 + 60) / 2 office minutes.
      firstAnswer: { medianMinutes: 95, medianOfficeMinutes: 35 },
      // 20 minutes and Fri 11:00 → Mon 08:00 (69 h; office: 0.5 + 3.5 + 0.5 = 4.5 h).
      close: { medianMinutes: (20 + 69 * 60) / 2, medianOfficeMinutes: (20 + 270) / 2 },
      ratings: { very_satisfied: 0, satisfied: 1, dissatisfied: 1 },
      satisfiedShare: 0.5,
    });
  });
});
