/**
 * A one-stop system's export (CSV) → dossiers for the built-in store. Pure: the bytes come in, the
 * typed rows and a list of bad rows go out; writing goes through the store handed to
 * `writeDossiers`. The CLI around it is src/tools/import-dossiers.ts.
 *
 * What an export looks like in practice: Excel-made, UTF-8 with a BOM (or UTF-16 "Unicode text"),
 * ";" as separator on Vietnamese-locale machines, Vietnamese headers with or without diacritics,
 * sometimes title lines above the header and a "Tổng cộng" line below, applicant names and
 * addresses we must not keep. Only the columns we know are read; everything else is ignored and
 * listed in the report. Phone and ID numbers are cut to their last 4 digits here, before anything
 * else sees them; they never appear in a problem message either.
 *
 * The field parsers (dates, status, last 4, procedure code) are shared with the HTTP adapter;
 * dossier codes are read with `toDossierCode` (dossier-code.ts), as PUT /api/v1/dossiers/<code> reads them.
 */
import { foldPhrase } from '../text/fold';
import { citizenStateOf, CITIZEN_STATES, checkDossierFields, PORTAL_STATUS, type CitizenState, type Dossier, type PortalStatus } from './dossier';
import { toDossierCode } from './dossier-code';
import type { DossierLookup } from './dossier-source';

// ---------------------------------------------------------------------------------------------
// Field parsers (shared with http-dossier-source.ts)
// ---------------------------------------------------------------------------------------------

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
  const endOfDay = (h: string | undefined) => (h === undefined && options.endOfDay ? [23, 59, 59] : undefined);
  let m = DMY.exec(text);
  if (m) {
    const [h, mi, s] = endOfDay(m[4]) ?? [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
    const at = fromParts(Number(m[3]), Number(m[2]), Number(m[1]), h!, mi!, s!, VN_OFFSET_MS);
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
    const [h, mi, s] = endOfDay(m[4]) ?? [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
    const at = fromParts(Number(m[1]), Number(m[2]), Number(m[3]), h!, mi!, s!, offsetMs);
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

// ---------------------------------------------------------------------------------------------
// CSV text (RFC 4180, leniently)
// ---------------------------------------------------------------------------------------------

export class CsvFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CsvFileError';
  }
}

/**
 * Bytes → text: UTF-8 with or without BOM, or UTF-16 with its BOM (Excel's "Unicode text").
 * Bytes that are not UTF-8 (a Windows-1258 export) are refused rather than imported as mojibake.
 */
export function decodeCsv(bytes: Uint8Array): string {
  try {
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le', { fatal: true }).decode(bytes.subarray(2));
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be', { fatal: true }).decode(bytes.subarray(2));
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new CsvFileError('the file is not UTF-8 text: save it again as "CSV UTF-8 (Comma delimited)"');
  }
}

export interface CsvRecord {
  /** 1-based line on which the record starts (a quoted field may span lines). */
  line: number;
  fields: string[];
  /** Set when the record is broken beyond repair (an unterminated quote). */
  error?: string;
}

/**
 * RFC 4180 with the leniency real exports need: CRLF or LF, quoted fields with the separator,
 * doubled quotes and line breaks; a quote inside an unquoted field is taken literally; unquoted
 * fields are trimmed. An unterminated quote swallows the rest of the file and is reported.
 */
export function parseCsv(text: string, separator: ',' | ';'): CsvRecord[] {
  const records: CsvRecord[] = [];
  let line = 1;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const start = line;
    const fields: string[] = [];
    let error: string | undefined;
    for (;;) {
      let field = '';
      // `a, "b, c"`: spaces before an opening quote are not part of the field.
      let j = i;
      while (text[j] === ' ' || text[j] === '\t') j++;
      if (text[j] === '"') i = j;
      if (text[i] === '"') {
        i++;
        let closed = false;
        while (i < n) {
          const c = text[i]!;
          if (c === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            closed = true;
            break;
          }
          if (c === '\n') line++;
          field += c;
          i++;
        }
        if (!closed) error = `a quoted field opened on line ${start} is never closed; lines ${start}–${line} were not read`;
        // Text between the closing quote and the next separator ("abc" def) is kept, not lost.
        while (i < n && text[i] !== separator && text[i] !== '\n' && text[i] !== '\r') field += text[i++];
        fields.push(field.trimEnd());
      } else {
        while (i < n && text[i] !== separator && text[i] !== '\n' && text[i] !== '\r') field += text[i++];
        fields.push(field.trim());
      }
      if (i < n && text[i] === separator) {
        i++;
        continue;
      }
      break;
    }
    if (text[i] === '\r') i++;
    if (text[i] === '\n') {
      i++;
      line++;
    }
    records.push(error ? { line: start, fields, error } : { line: start, fields });
  }
  return records;
}

// ---------------------------------------------------------------------------------------------
// Columns
// ---------------------------------------------------------------------------------------------

export type ImportField = 'code' | 'procedureCode' | 'receivedAt' | 'dueAt' | 'finishedAt' | 'status' | 'phone' | 'idNumber';

/** Header spellings, folded (no diacritics, lower case, punctuation as spaces, "(…)" dropped). */
const HEADER_ALIASES: Record<ImportField, string[]> = {
  code: ['ma ho so', 'so ho so', 'ma hs', 'so hs', 'ma bien nhan', 'so bien nhan', 'code', 'dossier code', 'dossier', 'dossier no'],
  procedureCode: ['ma thu tuc', 'ma thu tuc hanh chinh', 'ma tthc', 'procedure', 'procedure code'],
  receivedAt: ['ngay tiep nhan', 'ngay nhan', 'thoi gian tiep nhan', 'received', 'received at', 'date received'],
  dueAt: ['ngay hen tra', 'ngay hen tra ket qua', 'ngay hen', 'han tra ket qua', 'due', 'due at', 'due date'],
  finishedAt: ['ngay tra ket qua', 'ngay hoan thanh', 'ngay tra', 'thoi gian tra ket qua', 'finished', 'finished at', 'returned at'],
  status: ['trang thai', 'trang thai ho so', 'tinh trang', 'ma trang thai', 'status'],
  phone: ['so dien thoai', 'dien thoai', 'sdt', 'so dt', 'so di dong', 'phone', 'phone number', 'mobile'],
  idNumber: [
    'so cccd', 'cccd', 'so can cuoc', 'so can cuoc cong dan', 'so dinh danh', 'so dinh danh ca nhan', 'ma dinh danh',
    'so cmnd', 'cmnd', 'so cmnd cccd', 'so cccd cmnd', 'cmnd cccd', 'cccd cmnd', 'so giay to tuy than', 'id number', 'national id',
  ],
};

const FIELD_OF_HEADER = new Map<string, ImportField>(
  (Object.entries(HEADER_ALIASES) as Array<[ImportField, string[]]>).flatMap(([field, names]) => names.map((name) => [name, field] as const)),
);

const REQUIRED: ImportField[] = ['code', 'procedureCode', 'receivedAt', 'dueAt', 'status'];

/** What each column of the header means; several columns may feed one field (first non-empty wins). */
interface ColumnMap {
  byField: Map<ImportField, number[]>;
  /** Header → our field, in file order, for the report. */
  read: Array<{ header: string; field: ImportField }>;
  ignored: string[];
}

function toHeaderKey(header: string): string {
  return foldPhrase(header.replace(/\([^)]*\)/g, ' '));
}

function mapColumns(headers: string[]): ColumnMap {
  const byField = new Map<ImportField, number[]>();
  const read: ColumnMap['read'] = [];
  const ignored: string[] = [];
  headers.forEach((header, index) => {
    const field = FIELD_OF_HEADER.get(toHeaderKey(header));
    if (field) {
      byField.set(field, [...(byField.get(field) ?? []), index]);
      read.push({ header, field });
    } else if (header.trim()) ignored.push(header.trim());
  });
  return { byField, read, ignored };
}

/** A header has the code column and at least three others we need. */
function headerScore(columns: ColumnMap): number {
  if (!columns.byField.has('code')) return 0;
  return [...columns.byField.keys()].filter((f) => REQUIRED.includes(f) || f === 'phone' || f === 'idNumber').length;
}

const isBlank = (record: CsvRecord) => !record.error && record.fields.every((f) => f === '');

/** Title lines above the header are common in exports; the header is looked for in the first 20 lines. */
function findHeader(records: CsvRecord[]): { index: number; columns: ColumnMap } | undefined {
  let best: { index: number; columns: ColumnMap; score: number } | undefined;
  for (let index = 0, seen = 0; index < records.length && seen < 20; index++) {
    if (isBlank(records[index]!)) continue;
    seen++;
    const columns = mapColumns(records[index]!.fields);
    const score = headerScore(columns);
    if (score >= 4 && (!best || score > best.score)) best = { index, columns, score };
  }
  return best;
}

// ---------------------------------------------------------------------------------------------
// Rows
// ---------------------------------------------------------------------------------------------

export interface FieldProblem {
  /** Our name for the field, or "row" for a problem with the row as a whole. */
  field: ImportField | 'row';
  /** The header as written in the file. */
  column?: string;
  message: string;
}

export interface BadRow {
  line: number;
  /** The dossier code when it could be read, to help the officer find the row. */
  code?: string;
  problems: FieldProblem[];
}

export interface ImportRow {
  line: number;
  dossier: Dossier;
}

export interface ParsedDossierCsv {
  separator: ',' | ';';
  headerLine: number;
  /** Header → our field, for the report. */
  columns: Array<{ header: string; field: ImportField }>;
  /** Headers we did not read (names, addresses…): never stored. */
  ignoredColumns: string[];
  rows: ImportRow[];
  bad: BadRow[];
}

export interface ParseDossierCsvOptions {
  /** The import time: every dossier's `updatedAt`. */
  now: Date;
}

/** Shown in problems without giving away more than needed; phone and ID numbers are never shown. */
function quote(value: string): string {
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
}

function parseRow(record: CsvRecord, headers: string[], columns: ColumnMap, updatedAt: string): ImportRow | BadRow {
  const problems: FieldProblem[] = [];
  const cell = (field: ImportField): { value: string; column?: string } => {
    const indexes = columns.byField.get(field) ?? [];
    for (const index of indexes) {
      const value = record.fields[index] ?? '';
      if (value !== '') return { value, column: headers[index] };
    }
    return { value: '', column: indexes.length ? headers[indexes[0]!] : undefined };
  };
  const problem = (field: ImportField, column: string | undefined, message: string) => problems.push({ field, column, message });

  const codeCell = cell('code');
  const code = codeCell.value ? toDossierCode(codeCell.value) : undefined;
  if (!codeCell.value) problem('code', codeCell.column, 'missing');
  else if (!code) problem('code', codeCell.column, `${quote(codeCell.value)} is not a dossier code (6–60 letters, digits, "." or "-")`);

  const extraFields = record.fields.slice(headers.length).filter((f) => f !== '');
  if (extraFields.length) {
    problems.push({
      field: 'row',
      message: `${record.fields.length} fields but the header has ${headers.length}: a value containing the separator without quotes?`,
    });
  }

  const procedureCell = cell('procedureCode');
  const procedureCode = procedureCell.value ? toProcedureCode(procedureCell.value) : undefined;
  if (!procedureCell.value) problem('procedureCode', procedureCell.column, 'missing');
  else if (!procedureCode) problem('procedureCode', procedureCell.column, `${quote(procedureCell.value)} is not a procedure code like 1.001193`);

  const statusCell = cell('status');
  const status = statusCell.value ? toPortalStatus(statusCell.value) : undefined;
  if (!statusCell.value) problem('status', statusCell.column, 'missing');
  else if (!status) problem('status', statusCell.column, `${quote(statusCell.value)} is neither a portal status code 1–10 nor a known status word`);

  const date = (field: 'receivedAt' | 'dueAt' | 'finishedAt', required: boolean): string | undefined => {
    const { value, column } = cell(field);
    if (!value) {
      if (required) problem(field, column, 'missing');
      return undefined;
    }
    const parsed = parseDossierDate(value, { endOfDay: field === 'dueAt' });
    if (!parsed) problem(field, column, `${quote(value)} is not a date (${DATE_FORMATS})`);
    return parsed;
  };
  const receivedAt = date('receivedAt', true);
  const dueAt = date('dueAt', true);
  const finishedAt = date('finishedAt', false);
  if (receivedAt && dueAt && Date.parse(dueAt) < Date.parse(receivedAt)) problem('dueAt', cell('dueAt').column, 'is before the date received');
  if (receivedAt && finishedAt && Date.parse(finishedAt) < Date.parse(receivedAt)) problem('finishedAt', cell('finishedAt').column, 'is before the date received');

  const lastFour = (field: 'phone' | 'idNumber'): string | undefined => {
    const { value, column } = cell(field);
    if (!value) return undefined;
    const digits = toLastFour(value);
    if (!digits) problem(field, column, 'does not end with 4 digits');
    return digits;
  };
  const phoneCell = cell('phone');
  const idCell = cell('idNumber');
  const applicantPhoneLast4 = lastFour('phone');
  const applicantIdLast4 = lastFour('idNumber');
  if (!phoneCell.value && !idCell.value) {
    const names = [phoneCell.column, idCell.column].filter(Boolean).join(', ');
    problems.push({ field: 'row', column: names || undefined, message: 'neither a phone nor an ID number: nobody could unlock this dossier' });
  }

  if (problems.length) return { line: record.line, code, problems };
  const candidate = { code, procedureCode, status, receivedAt, dueAt, finishedAt, applicantPhoneLast4, applicantIdLast4, updatedAt };
  const parsed = checkDossierFields(candidate);
  if (!parsed.success) {
    // The parsers above produce only valid values; this guards against the two drifting apart.
    return { line: record.line, code, problems: parsed.error.issues.map((i) => ({ field: 'row', message: `${i.path.join('.')}: ${i.message}` })) };
  }
  return { line: record.line, dossier: parsed.data };
}

function detectSeparator(text: string): { separator: ',' | ';'; body: string } {
  // Excel writes "sep=;" as the first line when asked to.
  const directive = /^sep=([,;])\r?\n/i.exec(text);
  if (directive) return { separator: directive[1] as ',' | ';', body: text.slice(directive[0].length) };
  const score = (separator: ',' | ';') => {
    const header = findHeader(parseCsv(text.slice(0, 20_000), separator));
    return header ? headerScore(header.columns) * 100 + header.columns.byField.size : 0;
  };
  return { separator: score(';') > score(',') ? ';' : ',', body: text };
}

/**
 * The text of an export → valid dossiers and bad rows (with line numbers and the fields at
 * fault). Throws `CsvFileError` when the file is not a dossier export at all (no header with the
 * columns we need). A code seen twice keeps its first row; the later one is reported.
 */
export function parseDossierCsv(text: string, options: ParseDossierCsvOptions): ParsedDossierCsv {
  const clean = text.replace(/^\uFEFF/, '');
  const { separator, body } = detectSeparator(clean);
  const lineOffset = body === clean ? 0 : 1;
  const records = parseCsv(body, separator).map((r) => ({ ...r, line: r.line + lineOffset }));
  const header = findHeader(records);
  if (!header) {
    throw new CsvFileError(
      'no header row found: the file needs columns "Mã hồ sơ", "Mã thủ tục", "Ngày tiếp nhận", "Ngày hẹn trả", "Trạng thái" and "Số điện thoại" or "Số CCCD" (or code, procedure, received, due, status, phone, ID number)',
    );
  }
  const headers = records[header.index]!.fields;
  const missing = REQUIRED.filter((f) => !header.columns.byField.has(f));
  if (!header.columns.byField.has('phone') && !header.columns.byField.has('idNumber')) missing.push('phone');
  if (missing.length) {
    const names = missing.map((f) => `"${HEADER_ALIASES[f][0]}" (${f === 'phone' ? 'phone or ID number' : f})`);
    throw new CsvFileError(`the header on line ${records[header.index]!.line} lacks ${names.join(', ')}`);
  }

  const updatedAt = toVietnamIso(options.now.getTime());
  const rows: ImportRow[] = [];
  const bad: BadRow[] = [];
  const firstLineOf = new Map<string, number>();
  for (const record of records.slice(header.index + 1)) {
    if (isBlank(record)) continue;
    if (record.error) {
      bad.push({ line: record.line, problems: [{ field: 'row', message: record.error }] });
      continue;
    }
    const result = parseRow(record, headers, header.columns, updatedAt);
    if (!('dossier' in result)) {
      bad.push(result);
      continue;
    }
    const first = firstLineOf.get(result.dossier.code);
    if (first !== undefined) {
      bad.push({ line: record.line, code: result.dossier.code, problems: [{ field: 'code', column: headers[header.columns.byField.get('code')![0]!], message: `already on line ${first}; this row was skipped` }] });
      continue;
    }
    firstLineOf.set(result.dossier.code, record.line);
    rows.push(result);
  }

  return { separator, headerLine: records[header.index]!.line, columns: header.columns.read, ignoredColumns: header.columns.ignored, rows, bad };
}

// ---------------------------------------------------------------------------------------------
// Writing and the report
// ---------------------------------------------------------------------------------------------

/** What the import needs from the store (DossierStore has both). */
export interface DossierWriter {
  find(code: string): Promise<DossierLookup>;
  /** Returns the status stored before, undefined when new. */
  put(dossier: Dossier): Promise<number | undefined>;
}

export interface StatusChange {
  code: string;
  from: number;
  to: number;
}

export interface WriteResult {
  created: string[];
  /** Something other than `updatedAt` differs from what was stored. */
  updated: string[];
  /** Same as stored (only `updatedAt` refreshed). */
  unchanged: string[];
  /** Among `updated`: the ones whose status moved, for notifying followers. */
  statusChanges: StatusChange[];
}

const DATE_FIELDS = new Set(['receivedAt', 'dueAt', 'finishedAt']);
/** Key order and the way an instant is written (Z or +07:00) do not make a change. */
function comparable(d: Dossier): string {
  const entries = Object.entries(d)
    .filter(([key, value]) => key !== 'updatedAt' && value !== undefined)
    .map(([key, value]) => [key, DATE_FIELDS.has(key) ? Date.parse(value as string) : value] as const)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return JSON.stringify(entries);
}

/**
 * Writes each row through the store, in file order. An export knows nothing of the note and the
 * missing-document list the one-stop system pushes through the API: while the status stays the
 * same they are kept, once it moves they no longer apply and are dropped.
 */
export async function writeDossiers(rows: ImportRow[], store: DossierWriter): Promise<WriteResult> {
  const result: WriteResult = { created: [], updated: [], unchanged: [], statusChanges: [] };
  for (const { dossier } of rows) {
    const before = await store.find(dossier.code);
    const stored = before.status === 'found' ? before.dossier : undefined;
    const next: Dossier =
      stored && stored.status === dossier.status
        ? { ...dossier, ...(stored.note ? { note: stored.note } : {}), ...(stored.missingDocuments ? { missingDocuments: stored.missingDocuments } : {}) }
        : dossier;
    const previous = await store.put(next);
    if (previous === undefined) result.created.push(dossier.code);
    else if (stored && comparable(stored) === comparable(next)) result.unchanged.push(dossier.code);
    else result.updated.push(dossier.code);
    if (previous !== undefined && previous !== dossier.status) result.statusChanges.push({ code: dossier.code, from: previous, to: dossier.status });
  }
  return result;
}

export function formatBadRow(row: BadRow): string {
  const where = row.code ? `line ${row.line} (${row.code})` : `line ${row.line}`;
  return `  ${where}: ${row.problems.map((p) => (p.column ? `${p.column}: ${p.message}` : p.message)).join('; ')}`;
}

/** The report printed by the CLI: what was read, what was written, every bad row. */
export function formatImportReport(file: string, parsed: ParsedDossierCsv, written: WriteResult | undefined): string {
  const lines = [
    `${file}: header on line ${parsed.headerLine}, separator "${parsed.separator}", ${parsed.rows.length + parsed.bad.length} rows`,
    `columns read: ${parsed.columns.map((c) => `${c.header} → ${c.field}`).join(', ')}`,
  ];
  if (parsed.ignoredColumns.length) lines.push(`columns ignored (not stored): ${parsed.ignoredColumns.join(', ')}`);
  if (written) {
    const imported = written.created.length + written.updated.length + written.unchanged.length;
    lines.push(
      `imported: ${imported} (new ${written.created.length}, updated ${written.updated.length}, unchanged ${written.unchanged.length}); status changes: ${written.statusChanges.length}`,
      ...written.statusChanges.map((c) => `  ${c.code}: status ${c.from} → ${c.to}`),
    );
  } else {
    lines.push(`dry run: ${parsed.rows.length} rows valid, nothing written`);
  }
  lines.push(`bad rows: ${parsed.bad.length}${parsed.bad.length ? ' (not imported)' : ''}`);
  lines.push(...[...parsed.bad].sort((a, b) => a.line - b.line).map(formatBadRow));
  return `${lines.join('\n')}\n`;
}
