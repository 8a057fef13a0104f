/**
 * A one-stop system's export (CSV) → dossiers for the built-in store. Pure: the bytes come in, the
 * typed rows and a list of bad rows go out; writing goes through the store handed to
 * `writeDossiers`. The CLI around it is src/tools/import-dossiers.ts.
 *
 * Besides what any CSV file brings (csv.ts), an export has Vietnamese headers with or without
 * diacritics, sometimes title lines above the header and a "Tổng cộng" line below, applicant names
 * and addresses we must not keep. Only the columns we know are read; everything else is ignored and
 * listed in the report. Phone and ID numbers are cut to their last 4 digits here, before anything
 * else sees them; they never appear in a problem message either.
 *
 * The fields are read as the HTTP adapter reads them (dossier-fields.ts); dossier codes with
 * `toDossierCode` (dossier-code.ts), as PUT /api/v1/dossiers/<code> reads them.
 */
import { CsvFileError, detectSeparator, parseCsv, type CsvRecord, type CsvSeparator } from '../csv';
import { mapColumns, type ColumnMap } from '../csv-columns';
import { checkDossierFields, type Dossier } from './dossier';
import { toDossierCode } from './dossier-code';
import { DATE_FORMATS, parseDossierDate, toLastFour, toPortalStatus, toProcedureCode, toVietnamIso } from './dossier-fields';
import type { DossierLookup } from './dossier-source';

// ---------------------------------------------------------------------------------------------
// Columns
// ---------------------------------------------------------------------------------------------

export type ImportField = 'code' | 'procedureCode' | 'receivedAt' | 'dueAt' | 'finishedAt' | 'status' | 'phone' | 'idNumber';

/** Header spellings as `mapColumns` folds a header cell (no diacritics, lower case, punctuation as spaces, "(…)" dropped). */
const HEADER_ALIASES: Record<ImportField, string[]> = {
  code: ['ma ho so', 'so ho so', 'ma hs', 'so hs', 'ma bien nhan', 'so bien nhan', 'code', 'dossier code', 'dossier', 'dossier no'],
  procedureCode: ['ma thu tuc', 'ma thu tuc hanh chinh', 'ma tthc', 'procedure', 'procedure code'],
  receivedAt: ['ngay tiep nhan', 'ngay nhan', 'thoi gian tiep nhan', 'received', 'received at', 'date received'],
  dueAt: ['ngay hen tra', 'ngay hen tra ket qua', 'ngay hen', 'han tra ket qua', 'due', 'due at', 'due date'],
  finishedAt: ['ngay tra ket qua', 'ngay hoan thanh', 'ngay tra', 'thoi gian tra ket qua', 'finished', 'finished at', 'returned at'],
  status: ['trang thai', 'trang thai ho so', 'tinh trang', 'ma trang thai', 'status'],
  phone: ['so dien thoai', 'dien thoai', 'sdt', 'so dt', 'so di dong', 'phone', 'phone number', 'mobile'],
  idNumber: [
    'so cccd',
    'cccd',
    'so can cuoc',
    'so can cuoc cong dan',
    'so dinh danh',
    'so dinh danh ca nhan',
    'ma dinh danh',
    'so cmnd',
    'cmnd',
    'so cmnd cccd',
    'so cccd cmnd',
    'cmnd cccd',
    'cccd cmnd',
    'so giay to tuy than',
    'id number',
    'national id',
  ],
};

const FIELD_OF_HEADER: Record<string, ImportField> = Object.fromEntries(
  (Object.entries(HEADER_ALIASES) as Array<[ImportField, string[]]>).flatMap(([field, names]) =>
    names.map((name) => [name, field] as const),
  ),
);

const REQUIRED: ImportField[] = ['code', 'procedureCode', 'receivedAt', 'dueAt', 'status'];

/** What each column of the header means; several columns may feed one field (first non-empty wins). */
type Columns = ColumnMap<ImportField>;

/** A header has the code column and at least three others we need. */
function headerScore(columns: Columns): number {
  if (!columns.byField.has('code')) return 0;
  return [...columns.byField.keys()].filter((f) => REQUIRED.includes(f) || f === 'phone' || f === 'idNumber').length;
}

const isBlank = (record: CsvRecord) => !record.error && record.fields.every((f) => f === '');

/** Title lines above the header are common in exports; the header is looked for in the first 20 lines. */
function findHeader(records: CsvRecord[]): { index: number; record: CsvRecord; columns: Columns } | undefined {
  let best: { index: number; record: CsvRecord; columns: Columns; score: number } | undefined;
  let seen = 0;
  for (const [index, record] of records.entries()) {
    if (seen >= 20) break;
    if (isBlank(record)) continue;
    seen++;
    const columns = mapColumns(record.fields, FIELD_OF_HEADER);
    const score = headerScore(columns);
    if (score >= 4 && (!best || score > best.score)) best = { index, record, columns, score };
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
  separator: CsvSeparator;
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

/** The header of the first column read for `field` (none when the file has no such column). */
function firstColumn(headers: string[], columns: Columns, field: ImportField): string | undefined {
  const [index] = columns.byField.get(field) ?? [];
  return index === undefined ? undefined : headers[index];
}

function parseRow(record: CsvRecord, headers: string[], columns: Columns, updatedAt: string): ImportRow | BadRow {
  const problems: FieldProblem[] = [];
  const cell = (field: ImportField): { value: string; column?: string } => {
    const indexes = columns.byField.get(field) ?? [];
    for (const index of indexes) {
      const value = record.fields[index] ?? '';
      if (value !== '') return { value, column: headers[index] };
    }
    return { value: '', column: firstColumn(headers, columns, field) };
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
  else if (!procedureCode)
    problem('procedureCode', procedureCell.column, `${quote(procedureCell.value)} is not a procedure code like 1.001193`);

  const statusCell = cell('status');
  const status = statusCell.value ? toPortalStatus(statusCell.value) : undefined;
  if (!statusCell.value) problem('status', statusCell.column, 'missing');
  else if (!status)
    problem('status', statusCell.column, `${quote(statusCell.value)} is neither a portal status code 1–10 nor a known status word`);

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
  if (receivedAt && dueAt && Date.parse(dueAt) < Date.parse(receivedAt))
    problem('dueAt', cell('dueAt').column, 'is before the date received');
  if (receivedAt && finishedAt && Date.parse(finishedAt) < Date.parse(receivedAt))
    problem('finishedAt', cell('finishedAt').column, 'is before the date received');

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
    problems.push({
      field: 'row',
      column: names || undefined,
      message: 'neither a phone nor an ID number: nobody could unlock this dossier',
    });
  }

  if (problems.length) return { line: record.line, code, problems };
  const candidate = { code, procedureCode, status, receivedAt, dueAt, finishedAt, applicantPhoneLast4, applicantIdLast4, updatedAt };
  const parsed = checkDossierFields(candidate);
  if (!parsed.success) {
    // The parsers above produce only valid values; this guards against the two drifting apart.
    return {
      line: record.line,
      code,
      problems: parsed.error.issues.map((i) => ({ field: 'row', message: `${i.path.join('.')}: ${i.message}` })),
    };
  }
  return { line: record.line, dossier: parsed.data };
}

/** How well the start of the file, split by `separator`, yields a header: the better one is the file's separator. */
function headerFit(text: string, separator: CsvSeparator): number {
  const header = findHeader(parseCsv(text.slice(0, 20_000), separator));
  return header ? headerScore(header.columns) * 100 + header.columns.byField.size : 0;
}

/**
 * The text of an export → valid dossiers and bad rows (with line numbers and the fields at
 * fault). Throws `CsvFileError` when the file is not a dossier export at all (no header with the
 * columns we need). A code seen twice keeps its first row; the later one is reported.
 */
export function parseDossierCsv(text: string, options: ParseDossierCsvOptions): ParsedDossierCsv {
  const clean = text.replace(/^\uFEFF/, '');
  const { separator, body } = detectSeparator(clean, (separator) => headerFit(clean, separator));
  const lineOffset = body === clean ? 0 : 1;
  const records = parseCsv(body, separator).map((r) => ({ ...r, line: r.line + lineOffset }));
  const header = findHeader(records);
  if (!header) {
    throw new CsvFileError(
      'no header row found: the file needs columns "Mã hồ sơ", "Mã thủ tục", "Ngày tiếp nhận", "Ngày hẹn trả", "Trạng thái" and "Số điện thoại" or "Số CCCD" (or code, procedure, received, due, status, phone, ID number)',
    );
  }
  const headers = header.record.fields;
  const missing = REQUIRED.filter((f) => !header.columns.byField.has(f));
  if (!header.columns.byField.has('phone') && !header.columns.byField.has('idNumber')) missing.push('phone');
  if (missing.length) {
    const names = missing.map((f) => `"${HEADER_ALIASES[f][0]}" (${f === 'phone' ? 'phone or ID number' : f})`);
    throw new CsvFileError(`the header on line ${header.record.line} lacks ${names.join(', ')}`);
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
      bad.push({
        line: record.line,
        code: result.dossier.code,
        problems: [
          {
            field: 'code',
            column: firstColumn(headers, header.columns, 'code'),
            message: `already on line ${first}; this row was skipped`,
          },
        ],
      });
      continue;
    }
    firstLineOf.set(result.dossier.code, record.line);
    rows.push(result);
  }

  return { separator, headerLine: header.record.line, columns: header.columns.read, ignoredColumns: header.columns.ignored, rows, bad };
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
/** Writes the rows; `changed` runs right after each status change is stored, before the next row. */
export async function writeDossiers(
  rows: ImportRow[],
  store: DossierWriter,
  changed?: (change: StatusChange) => Promise<void>,
): Promise<WriteResult> {
  const result: WriteResult = { created: [], updated: [], unchanged: [], statusChanges: [] };
  for (const { dossier } of rows) {
    const before = await store.find(dossier.code);
    const stored = before.status === 'found' ? before.dossier : undefined;
    const next: Dossier =
      stored && stored.status === dossier.status
        ? {
            ...dossier,
            ...(stored.note ? { note: stored.note } : {}),
            ...(stored.missingDocuments ? { missingDocuments: stored.missingDocuments } : {}),
          }
        : dossier;
    const previous = await store.put(next);
    if (previous === undefined) result.created.push(dossier.code);
    else if (stored && comparable(stored) === comparable(next)) result.unchanged.push(dossier.code);
    else result.updated.push(dossier.code);
    if (previous !== undefined && previous !== dossier.status) {
      const change = { code: dossier.code, from: previous, to: dossier.status };
      await changed?.(change);
      result.statusChanges.push(change);
    }
  }
  return result;
}

function formatBadRow(row: BadRow): string {
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
