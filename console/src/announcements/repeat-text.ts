/**
 * A repeating announcement's rule in words: the two the composer makes ("m h * * *" every day,
 * "m h * * d" every week on day d, Vietnam's time) read as the officer chose them; any other rule
 * (written through the API) shown as it is.
 */
import { t } from '../i18n';
import type { Broadcast } from '../types';

const COMPOSED = /^(\d{1,2}) (\d{1,2}) \* \* (\*|[0-6])$/;
const WEEKDAYS = ['weekdays.d0', 'weekdays.d1', 'weekdays.d2', 'weekdays.d3', 'weekdays.d4', 'weekdays.d5', 'weekdays.d6'] as const;

export function repeatText(repeat: NonNullable<Broadcast['repeat']>): string {
  const until = repeat.until
    ? ` · ${t('announcements.repeatUntil', { date: repeat.until.slice(0, 10).split('-').reverse().join('/') })}`
    : '';
  if (!repeat.cron) return `${t('announcements.repeatEvery', { minutes: repeat.every ?? 0 })}${until}`;
  const composed = COMPOSED.exec(repeat.cron);
  if (!composed) return `${repeat.cron}${until}`;
  const [, minute = '0', hour = '0', day = '*'] = composed;
  const time = `${hour.padStart(2, '0')}:${minute.padStart(2, '0')}`;
  const rhythm = day === '*' ? t('announcements.daily') : `${t('announcements.weekly')}, ${t(WEEKDAYS[Number(day)] ?? 'weekdays.d0')}`;
  return `${rhythm} ${time}${until}`;
}
