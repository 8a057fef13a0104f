/**
 * An officer's list of followers (CSV) → follower changes, and the rows that cannot be used. Pure:
 * text in, rows out; the CLI (src/tools/import-followers.ts) writes them through the registry.
 *
 * Columns (header required, any order, names matched without diacritics or case):
 * `user_id` (Zalo user id, required), `village`, `topics` (several separated by ";" or "|"),
 * `locale` (vi|en). An empty cell leaves that field as it is. The file's separator is "," or ";"
 * (Excel on Vietnamese machines); with ";" a list of topics is written with "|" or quoted.
 */
import { CsvFileError, parseCsv, type CsvRecord } from '../csv';
import type { CommuneProfile } from '../commune/commune-profile';
import { cellOf, findColumns } from '../csv-columns';
import { zaloUserIdSchema, type FollowerChange } from './follower';
import { followerChangeSchema } from './follower-input';

type Column = 'userId' | 'village' | 'topics' | 'locale';

const HEADERS: Record<string, Column> = {
  'user id': 'userId',
  'zalo user id': 'userId',
  'zalo id': 'userId',
  village: 'village',
  thon: 'village',
  topics: 'topics',
  'chu de': 'topics',
  locale: 'locale',
  language: 'locale',
  'ngon ngu': 'locale',
};

export interface FollowerRow {
  line: number;
  userId: string;
  change: FollowerChange;
}

export interface BadFollowerRow {
  line: number;
  problems: string[];
}

export interface ParsedFollowerCsv {
  rows: FollowerRow[];
  bad: BadFollowerRow[];
}

function detectSeparator(text: string): ',' | ';' {
  const header = text.split(/\r?\n/, 1)[0] ?? '';
  const known = (separator: ',' | ';') => findColumns(parseCsv(header, separator)[0]?.fields ?? [], HEADERS).size;
  return known(';') > known(',') ? ';' : ',';
}

function parseRow(
  record: CsvRecord,
  columns: Map<Column, number>,
  changeSchema: ReturnType<typeof followerChangeSchema>,
): FollowerRow | BadFollowerRow {
  if (record.error) return { line: record.line, problems: [record.error] };
  const cell = (column: Column) => cellOf(record.fields, columns, column);
  const userId = zaloUserIdSchema.safeParse(cell('userId'));
  const topics = cell('topics');
  const change = changeSchema.safeParse({
    ...(cell('village') ? { village: cell('village') } : {}),
    ...(topics
      ? {
          topics: topics
            .split(/[;|]/)
            .map((t) => t.trim())
            .filter(Boolean),
        }
      : {}),
    ...(cell('locale') ? { locale: cell('locale').toLowerCase() } : {}),
  });
  const problems: string[] = [];
  if (!userId.success) problems.push(`user_id: ${cell('userId') ? `"${cell('userId')}" ${userId.error.issues[0]!.message}` : 'missing'}`);
  if (!change.success) problems.push(...change.error.issues.map((i) => `${String(i.path[0] ?? 'row')}: ${i.message}`));
  if (!change.success || !userId.success) return { line: record.line, problems };
  return { line: record.line, userId: userId.data, change: change.data };
}

/** Throws `CsvFileError` when the file has no header naming a `user_id` column. */
export function parseFollowerCsv(text: string, commune: CommuneProfile): ParsedFollowerCsv {
  const clean = text.replace(/^\uFEFF/, '');
  const [header, ...records] = parseCsv(clean, detectSeparator(clean)).filter((r) => r.error || r.fields.some((f) => f.trim()));
  const columns = findColumns(header?.fields ?? [], HEADERS);
  if (!columns.has('userId'))
    throw new CsvFileError('the first line must be a header with a user_id column (and village, topics, locale as needed)');
  const changeSchema = followerChangeSchema(commune);
  const parsed: ParsedFollowerCsv = { rows: [], bad: [] };
  const firstLine = new Map<string, number>();
  for (const record of records) {
    const row = parseRow(record, columns, changeSchema);
    if ('problems' in row) {
      parsed.bad.push(row);
      continue;
    }
    const seen = firstLine.get(row.userId);
    if (seen !== undefined) parsed.bad.push({ line: row.line, problems: [`user_id: ${row.userId} already given on line ${seen}`] });
    else {
      firstLine.set(row.userId, row.line);
      parsed.rows.push(row);
    }
  }
  return parsed;
}
