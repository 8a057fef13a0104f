import {
  OfficeCalendar,
  OfficeTimeFormatError,
  parseHolidays,
  parseOfficeHours,
  scheduleFromOpeningHours,
} from '../../../src/domain/tickets/office-time';
import { loadCommuneProfile } from '../../../src/domain/commune/commune-profile';
import { loadConfig } from '../../../src/config';

/** A moment in Vietnam's time (UTC+7), written as the commune reads a clock. */
const vn = (local: string) => Date.parse(`${local}+07:00`);
const MIN = 60_000;
const HOUR = 60 * MIN;

describe('office hours and holidays', () => {
  const schedule = parseOfficeHours('Mon-Fri 07:30-11:30,13:30-17:00; Sat 07:30-11:30');
  // 27/11/2026 is a Friday; 01/12/2026 (Tuesday) is a made-up holiday.
  const calendar = new OfficeCalendar({ schedule, holidays: parseHolidays('2026-12-01') });

  it('parses day ranges, single days and several ranges a day', () => {
    expect(schedule[5]).toEqual([
      { start: 450, end: 690 },
      { start: 810, end: 1020 },
    ]);
    expect(schedule[6]).toEqual([{ start: 450, end: 690 }]);
    expect(schedule[0]).toEqual([]);
    expect(parseOfficeHours('Fri-Mon 08:00-09:00')[0]).toEqual([{ start: 480, end: 540 }]);
    expect(parseOfficeHours('Mon-Sun 00:00-24:00').every((d) => d.length === 1 && d[0]!.end === 1440)).toBe(true);
  });

  it('refuses malformed specifications with a message saying what is wrong', () => {
    expect(() => parseOfficeHours('Mon-Fri 7h30-11h30')).toThrow(/not a time range like 07:30-11:30/);
    expect(() => parseOfficeHours('Moonday 07:30-11:30')).toThrow(OfficeTimeFormatError);
    expect(() => parseOfficeHours('Mon 17:00-07:30')).toThrow(/ends before it starts/);
    expect(() => parseOfficeHours('')).toThrow(/no office hours/);
    expect(() => parseHolidays('2026-02-30')).toThrow(/not a date/);
    expect(parseHolidays(' 2026-01-01, 2026-04-30 ')).toEqual(['2026-01-01', '2026-04-30']);
  });

  it('adds office time within one opening', () => {
    expect(calendar.addOfficeTime(vn('2026-11-27T08:00:00'), 30 * MIN)).toBe(vn('2026-11-27T08:30:00'));
  });

  it('skips the lunch break', () => {
    expect(calendar.addOfficeTime(vn('2026-11-27T11:15:00'), 30 * MIN)).toBe(vn('2026-11-27T13:45:00'));
  });

  it('a ticket at night waits for the morning', () => {
    expect(calendar.addOfficeTime(vn('2026-11-26T21:00:00'), 30 * MIN)).toBe(vn('2026-11-27T08:00:00'));
    expect(calendar.addOfficeTime(vn('2026-11-27T05:00:00'), 0)).toBe(vn('2026-11-27T07:30:00'));
  });

  it('skips Sunday and a holiday', () => {
    // Fri 16:00–17:00 (1 h) + Sat 07:30–11:30 (4 h) + Mon 07:30–11:30 (4 h) reaches 8 h on Monday at 10:30.
    expect(calendar.addOfficeTime(vn('2026-11-27T16:00:00'), 8 * HOUR)).toBe(vn('2026-11-30T10:30:00'));
    // From Monday 16:00: Mon 1 h, Tuesday is a holiday, Wednesday 4 h in the morning + 3 h → 16:30.
    expect(calendar.addOfficeTime(vn('2026-11-30T16:00:00'), 8 * HOUR)).toBe(vn('2026-12-02T16:30:00'));
  });

  it('counts office time between two moments', () => {
    expect(calendar.officeTimeBetween(vn('2026-11-27T11:00:00'), vn('2026-11-27T14:00:00'))).toBe(60 * MIN);
    expect(calendar.officeTimeBetween(vn('2026-11-27T16:00:00'), vn('2026-11-30T10:30:00'))).toBe(8 * HOUR);
    expect(calendar.officeTimeBetween(vn('2026-11-28T12:00:00'), vn('2026-11-29T20:00:00'))).toBe(0);
    expect(calendar.officeTimeBetween(vn('2026-11-27T10:00:00'), vn('2026-11-27T09:00:00'))).toBe(0);
    // A holiday counts nothing.
    expect(calendar.officeTimeBetween(vn('2026-12-01T00:00:00'), vn('2026-12-02T00:00:00'))).toBe(0);
  });
});

describe('office time configuration', () => {
  const base = { ZALO_APP_ID: '1', ZALO_OA_SECRET_KEY: 'k', ZALO_APP_SECRET: 's', ADMIN_TOKEN: 'test-admin-token' };

  it('unset, office hours are left to the commune profile; no holidays', () => {
    const { tickets } = loadConfig(base);
    expect(tickets).toMatchObject({ takeWithinMs: 30 * MIN, answerWithinMs: 8 * HOUR, holidays: [] });
    expect(tickets.officeHours).toBeUndefined();
    expect(loadConfig({ ...base, OFFICE_HOURS: 'Mon-Fri 08:00-17:00' }).tickets.officeHours?.[1]).toEqual([{ start: 480, end: 1020 }]);
  });

  it('the commune profile’s opening hours give the schedule: weekdays, and Saturday morning', () => {
    const week = scheduleFromOpeningHours(loadCommuneProfile().serviceCentre.openingHours);
    expect(week).toEqual(parseOfficeHours('Mon-Fri 07:30-11:30,13:30-17:00; Sat 07:30-11:30'));
    expect(scheduleFromOpeningHours([{ days: 'Thứ 2, Thứ 4', hours: '8:00 – 11:00' }])).toEqual(
      parseOfficeHours('Mon 08:00-11:00; Wed 08:00-11:00'),
    );
    expect(() => scheduleFromOpeningHours([{ days: 'Ngày thường', hours: 'giờ hành chính' }])).toThrow(/set OFFICE_HOURS/);
  });

  it('HOLIDAYS takes dates and ranges (Tết)', () => {
    expect(parseHolidays('2026-01-01, 2026-02-14..2026-02-17')).toEqual([
      '2026-01-01',
      '2026-02-14',
      '2026-02-15',
      '2026-02-16',
      '2026-02-17',
    ]);
    expect(() => parseHolidays('2026-02-22..2026-02-14')).toThrow(/is not a range/);
    expect(() => parseHolidays('2026-02-14..2026-02-30')).toThrow(/is not a date/);
  });

  it('a malformed value stops the start with a line naming the variable', () => {
    expect(() => loadConfig({ ...base, OFFICE_HOURS: 'weekdays 8-5', HOLIDAYS: '2026-13-01', TICKET_TAKE_MINUTES: '-1' })).toThrow(
      expect.objectContaining({
        problems: expect.arrayContaining([
          expect.stringMatching(/^OFFICE_HOURS: "weekdays 8-5" should look like/),
          expect.stringMatching(/^HOLIDAYS: "2026-13-01" is not a date/),
          expect.stringMatching(/^TICKET_TAKE_MINUTES: /),
        ]),
      }),
    );
  });
});
