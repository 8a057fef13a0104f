/** Times, numbers and shares as the chosen language writes them; times in Vietnam's time zone. */
import { locale } from './i18n';

const ZONE = 'Asia/Ho_Chi_Minh';

export function formatTime(iso: string | number | undefined): string {
  if (iso === undefined || iso === '') return '—';
  return new Intl.DateTimeFormat(locale(), { timeZone: ZONE, dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso));
}

export const formatNumber = (n: number | null | undefined) =>
  n === null || n === undefined ? '—' : new Intl.NumberFormat(locale()).format(n);

export const formatShare = (share: number | null | undefined) =>
  share === null || share === undefined
    ? '—'
    : new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: 0 }).format(share);

/** 95 → "1 h 35 min" / "1 giờ 35 phút"-like, from Intl's units. */
export function formatMinutes(minutes: number | null | undefined): string {
  if (minutes === null || minutes === undefined) return '—';
  const whole = Math.round(Math.abs(minutes));
  const unit = (value: number, name: 'day' | 'hour' | 'minute') =>
    new Intl.NumberFormat(locale(), { style: 'unit', unit: name, unitDisplay: 'short' }).format(value);
  if (whole >= 1440) return `${unit(Math.floor(whole / 1440), 'day')} ${unit(Math.floor((whole % 1440) / 60), 'hour')}`;
  if (whole >= 60) return `${unit(Math.floor(whole / 60), 'hour')} ${unit(whole % 60, 'minute')}`;
  return unit(whole, 'minute');
}

/** Today in Vietnam as YYYY-MM-DD, and `days` before it (the reports' default period). */
export function vietnamDate(daysBefore = 0): string {
  const day = new Date(Date.now() + 7 * 3_600_000 - daysBefore * 86_400_000);
  return day.toISOString().slice(0, 10);
}
