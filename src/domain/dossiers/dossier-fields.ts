/**
 * A dossier's fields as other systems write them → ours: dates and times, the status, the last 4
 * digits of a phone or ID number, the procedure code. Shared by the CSV import (dossier-csv.ts) and
 * the one-stop system's HTTP adapter; dossier codes are read with `toDossierCode` (dossier-code.ts).
 */
import { foldPhrase } from '../text/fold';
import { citizenStateOf, CITIZEN_STATES, PORTAL_STATUS, type CitizenState, type PortalStatus } from './dossier';

/** Asia/Ho_Chi_Minh has been UTC+7 without daylight saving since 1975. */
const VN_OFFSET_MS = 7 * 3_600_000;

export const DATE_FORMATS = 'dd/mm/yyyy [HH:mm[:ss]] (Asia/Ho_Chi_Minh) or ISO 8601';

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** An instant as ISO 8601 in Vietnam's offset: 2024-05-01T08:30:00+07:00. */
export function toVietnamIso(instantMs: number): string {
  const d = new Date(instantMs + VN_OFFSET_MS);
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}+07:00`
  );
}

/** Wall-clock parts → instant, or undefined when the parts are not a real date and time. */
function fromParts(y: number, mo: number, d: number, h: number, mi: number, s: number, offsetMs: number): number | undefined {
  if (y < 1990 || y > 2100 || h > 23 || mi > 59 || s > 59) return undefined;
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(wall);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return undefined;
  return wall - offsetMs;
}

const DMY = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[\sT,]+(\d{1,2})[:h](\d{2})(?::(\d{2}))?)?$/i;
const HM_DMY = /^(\d{1,2})[:h](\d{2})(?::(\d{2}))?[\s,]+(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/i;
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i;

/** Hours, minutes, seconds. */
type Clock = [number, number, number];

export interface DateParseOptions {
  /**
   * A date without a time means the whole day: for an appointment date (due) that is the end of
   * the day, so a result returned that afternoon is not "late".
   */
  endOfDay?: boolean;
}

/**
 * "01/05/2024", "1/5/2024 8:30", "08:30 01/05/2024", "2024-05-01", "2024-05-01T08:30:00Z" or a
 * number of epoch milliseconds → ISO 8601 at +07:00. Times without an offset are Vietnam's.
 */
export function parseDossierDate(value: string | number, options: DateParseOptions = {}): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value > 0 ? toVietnamIso(value) : undefined;
  const text = value.trim();
  const endOfDay = (h: string | undefined): Clock | undefined => (h === undefined && options.endOfDay ? [23, 59, 59] : undefined);
  let m = DMY.exec(text);
  if (m) {
    const [h, mi, s]: Clock = endOfDay(m[4]) ?? [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
    const at = fromParts(Number(m[3]), Number(m[2]), Number(m[1]), h, mi, s, VN_OFFSET_MS);
    return at === undefined ? undefined : toVietnamIso(at);
  }
  m = HM_DMY.exec(text);
  if (m) {
    const at = fromParts(Number(m[6]), Number(m[5]), Number(m[4]), Number(m[1]), Number(m[2]), Number(m[3] ?? 0), VN_OFFSET_MS);
    return at === undefined ? undefined : toVietnamIso(at);
  }
  m = ISO.exec(text);
  if (m) {
    const zone = m[7];
    let offsetMs = VN_OFFSET_MS;
    if (zone && zone.toUpperCase() !== 'Z') {
      const sign = zone.startsWith('-') ? -1 : 1;
      const digits = zone.slice(1).replace(':', '');
      offsetMs = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
    } else if (zone) offsetMs = 0;
    const [h, mi, s]: Clock = endOfDay(m[4]) ?? [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
    const at = fromParts(Number(m[1]), Number(m[2]), Number(m[3]), h, mi, s, offsetMs);
    return at === undefined ? undefined : toVietnamIso(at);
  }
  return undefined;
}

/** Which portal code a citizen state is written back as (8 "Dừng xử lý" is never chosen from a word). */
const PORTAL_CODE_OF_STATE: Record<CitizenState, PortalStatus> = {
  submitted: 1,
  received: 2,
  refused: 3,
  processing: 4,
  needs_documents: 5,
  needs_payment: 6,
  cancelled: 7,
  ready: 9,
  returned: 10,
};

/** The portal's own labels ("Đang xử lý", "Da tra ket qua"), folded → their code. */
const PORTAL_CODE_OF_LABEL = new Map<string, PortalStatus>(
  Object.entries(PORTAL_STATUS).map(([code, label]) => [foldPhrase(label), Number(code) as PortalStatus]),
);

/**
 * A status as another system writes it → the portal's code 1–10: the code itself (4, "04"), the
 * portal's label ("Đang xử lý", folded), one of our citizen states ("needs_documents"), or a word
 * `citizenStateOf` knows ("releasing"). `extra` maps a system's own words first (folded keys).
 */
export function toPortalStatus(value: string | number, extra?: ReadonlyMap<string, PortalStatus>): PortalStatus | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 1 && value <= 10 ? (value as PortalStatus) : undefined;
  const text = value.trim();
  if (/^\d{1,2}$/.test(text)) return toPortalStatus(Number(text));
  const folded = foldPhrase(text);
  const fromExtra = extra?.get(folded);
  if (fromExtra) return fromExtra;
  const fromLabel = PORTAL_CODE_OF_LABEL.get(folded);
  if (fromLabel) return fromLabel;
  const word = folded.replace(/ /g, '_');
  const state = (CITIZEN_STATES as readonly string[]).includes(word) ? (word as CitizenState) : citizenStateOf(folded);
  return state ? PORTAL_CODE_OF_STATE[state] : undefined;
}

/** Folds a key the way `toPortalStatus` looks it up in `extra`. */
export const foldStatusWord = foldPhrase;

/**
 * The last 4 digits of a phone or ID number, from "0912 345 678", "+84912345678", a number Excel
 * stripped of its leading 0, or an export that already masks it ("******5678", "091xxxx678" is
 * refused: its last 4 are not all digits). Undefined when there are no 4 trailing digits.
 */
export function toLastFour(value: string | number): string | undefined {
  const text = String(value).replace(/[\s.\-()+/]/g, '');
  const m = /^[0-9A-Z*xX•]*?([0-9]{4})$/i.exec(text);
  return m ? m[1] : undefined;
}

/** "1.001193", or the long form some systems use ("1.001193.000.00.00.H47") → "1.001193". */
export function toProcedureCode(value: string): string | undefined {
  const m = /^(\d\.\d{6})(?:\.[0-9A-Z.]+)?$/i.exec(value.trim());
  return m ? m[1] : undefined;
}
