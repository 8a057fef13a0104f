/**
 * "Thứ 7 có làm việc không?", "chiều thứ bảy có làm không?": answered from the service centre's
 * weekly schedule (OFFICE_HOURS, or the opening hours of data/commune.json), for the day and part
 * of the day the person named; without a day, the whole week. Hours the commune has not confirmed
 * are said to be the usual administrative week, with the city hotline to check before coming.
 */
import type { CommuneProfile } from '../src/domain/commune/commune-profile';
import { contactFacts } from '../src/domain/commune/commune-profile';
import { phoneText } from '../src/domain/commune/phone-text';
import type { OfficeInterval, WeeklySchedule } from '../src/domain/tickets/office-time';
import type { PartOfDay, Slots } from '../src/domain/understanding/slots';
import type { Translate } from '../src/i18n';

/** Minutes after midnight that bound each part of the day. */
const PARTS: Record<PartOfDay, OfficeInterval> = {
  morning: { start: 0, end: 12 * 60 },
  afternoon: { start: 12 * 60, end: 18 * 60 },
  evening: { start: 18 * 60, end: 24 * 60 },
};
/** Monday first, as people read a week. */
const WEEK = [1, 2, 3, 4, 5, 6, 0];

const clock = (minutes: number) => `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
const rangesText = (intervals: OfficeInterval[]) => intervals.map((i) => `${clock(i.start)} – ${clock(i.end)}`).join(', ');

/** "Thứ Hai – Thứ Sáu: 7:30 – 11:30, 13:30 – 17:00; Thứ Bảy: 7:30 – 11:30" (days with the same hours joined). */
function weekText(t: Translate, schedule: WeeklySchedule): string {
  const groups: Array<{ from: number; to: number; ranges: string }> = [];
  for (const day of WEEK) {
    const ranges = rangesText(schedule[day] ?? []);
    const last = groups.at(-1);
    if (last && last.ranges === ranges) last.to = day;
    else groups.push({ from: day, to: day, ranges });
  }
  const dayName = (d: number) => t(`understanding:days.${d}`);
  return groups
    .filter((g) => g.ranges)
    .map((g) => `${g.from === g.to ? dayName(g.from) : `${dayName(g.from)} – ${dayName(g.to)}`}: ${g.ranges}`)
    .join('\n');
}

function dayLine(t: Translate, schedule: WeeklySchedule, slots: Pick<Slots, 'day' | 'partOfDay'>, day: number): string {
  const name = t(`understanding:days.${day}`);
  const intervals = schedule[day] ?? [];
  if (!slots.partOfDay)
    return intervals.length
      ? t('understanding:hours.dayOnly', { day: name, ranges: rangesText(intervals) })
      : t('understanding:hours.closed', { day: name, part: '' });
  const part = PARTS[slots.partOfDay];
  const within = intervals.filter((i) => i.start < part.end && i.end > part.start);
  const partText = t(`understanding:hours.parts.${slots.partOfDay}`);
  return within.length
    ? t('understanding:hours.open', { day: name, part: partText, ranges: rangesText(within) })
    : t('understanding:hours.closed', { day: name, part: partText });
}

export function officeHoursAnswer(
  t: Translate,
  schedule: WeeklySchedule,
  commune: CommuneProfile,
  slots: Pick<Slots, 'day' | 'partOfDay'>,
): string {
  const facts = contactFacts(commune);
  const answer =
    slots.day === undefined
      ? t('understanding:hours.all', { centre: facts.centre, hours: weekText(t, schedule) })
      : dayLine(t, schedule, slots, slots.day);
  const caveat = facts.hours
    ? t('understanding:hours.note')
    : t('understanding:hours.unconfirmed', {
        hotline: facts.hotline ? t('understanding:hours.hotline', { name: facts.hotline.name, phone: phoneText(facts.hotline.phone) }) : '',
      });
  return `${answer}\n${caveat}`;
}
