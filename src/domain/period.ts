/**
 * The reporting period every officer's report takes (`?from=&to=`, `--from/--to`): ISO dates or
 * date-times; a date alone is a day in Vietnam (Asia/Ho_Chi_Minh, +07:00 all year, no DST) and a
 * date `to` includes that whole day; without bounds, the last 30 days. `to` comes back as an
 * exclusive end in epoch milliseconds.
 */
import { z } from 'zod';

const DAY = 86_400_000;
const isoMoment = z.iso.date().or(z.iso.datetime({ offset: true }));

/** A date alone: its midnight in Vietnam. */
const moment = (value: string) => Date.parse(value.length === 10 ? `${value}T00:00:00+07:00` : value);

export interface Period {
  from: number;
  /** Exclusive. */
  to: number;
}

/** The period's fields plus the report's own (`extra`), validated together so a 400 names every bad field at once. */
export function periodQuery<Extra extends z.ZodRawShape = Record<never, never>>(extra: Extra = {} as Extra) {
  return z
    .object({ ...extra, from: isoMoment.optional(), to: isoMoment.optional() })
    .transform((q) => {
      // The generic shape hides the two fields zod has just checked.
      const { from, to, ...rest } = q as typeof q & { from?: string; to?: string };
      const end = to ? moment(to) + (to.length === 10 ? DAY : 0) : Date.now();
      return { ...rest, from: from ? moment(from) : end - 30 * DAY, to: end };
    })
    .refine((q) => q.from <= q.to, { path: ['from'], message: 'is after to' });
}
