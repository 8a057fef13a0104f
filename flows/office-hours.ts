/**
 * "Thứ 7 có làm việc không?", "chiều thứ bảy có làm không?": answered from the service centre's
 * weekly schedule (OFFICE_HOURS, or the opening hours of data/commune.json), for the day and part
 * of the day the person named; without a day, the whole week as the profile words it.
 */
import type { CommuneProfile } from '../src/domain/commune/commune-profile';
import { openingHoursText } from '../src/domain/commune/commune-profile';
import type { OfficeInterval, WeeklySchedule } from '../src/domain/tickets/office-time';
import type { PartOfDay, Slots } from '../src/domain/understanding/slots';
import type { Translate } from '../src/i18n';

/** Minutes after midnight that bound each part of the day. */
const PARTS: Record<PartOfDay, OfficeInterval> = { morning: { start: 0, end: 12 * 60 }, afternoon: { start: 12 * 60, end: 18 * 60 }, evening: { start: 18 * 60, end: 24 * 60 } };

const clock = (minutes: number) => `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
const rangesText = (intervals: OfficeInterval[]) => intervals.map((i) => `${clock(i.start)} – ${clock(i.end)}`).join(', ');

export function officeHoursAnswer(t: Translate, schedule: WeeklySchedule, commune: CommuneProfile, slots: Pick<Slots, 'day' | 'partOfDay'>): string {
  const whole = t('understanding:hours.all', { centre: commune.serviceCentre.name, hours: openingHoursText(commune) });
  if (slots.day === undefined) return `${whole}\n${t('understanding:hours.note')}`;
  const day = t(`understanding:days.${slots.day}`);
  const intervals = schedule[slots.day] ?? [];
  if (!slots.partOfDay) {
    const line = intervals.length ? t('understanding:hours.dayOnly', { day, ranges: rangesText(intervals) }) : t('understanding:hours.closed', { day, part: '' });
    return `${line}\n${t('understanding:hours.note')}`;
  }
  const part = PARTS[slots.partOfDay];
  const within = intervals.filter((i) => i.start < part.end && i.end > part.start);
  const partText = t(`understanding:hours.parts.${slots.partOfDay}`);
  const line = within.length ? t('understanding:hours.open', { day, part: partText, ranges: rangesText(within) }) : t('understanding:hours.closed', { day, part: partText });
  return `${line}\n${t('understanding:hours.note')}`;
}
