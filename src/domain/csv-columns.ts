/**
 * Which column of a CSV file holds what, from its header: the names a file may give a column
 * (matched without diacritics, case, punctuation or "_", and without a "(…)" note: "Thôn", "user_id",
 * "Ngày tiếp nhận (dd/mm/yyyy)") → the column each stands for. Shared by the admin imports
 * (dossiers, followers, teams).
 */
import { foldPhrase } from './text/fold';

/** A header cell as the name tables spell it: folded (punctuation and "_" as spaces), any "(…)" dropped. */
const headerKey = (header: string) => foldPhrase(header.replace(/\([^)]*\)/g, ' '));

export interface ColumnMap<F extends string> {
  /** Every cell naming each known column, in file order (several cells may feed one column). */
  byField: Map<F, number[]>;
  /** The cells we know, as written → their column, in file order. */
  read: Array<{ header: string; field: F }>;
  /** The cells we do not know, trimmed; empty cells are left out. */
  ignored: string[];
}

/** Header cells → what each stands for, given the column of each name (folded, as `headerKey` writes it). */
export function mapColumns<F extends string>(header: readonly string[], names: Readonly<Record<string, F>>): ColumnMap<F> {
  const map: ColumnMap<F> = { byField: new Map(), read: [], ignored: [] };
  header.forEach((cell, index) => {
    const key = headerKey(cell);
    // Own names only: a header "constructor" is not Object's.
    const field = Object.hasOwn(names, key) ? names[key] : undefined;
    if (field) {
      map.byField.set(field, [...(map.byField.get(field) ?? []), index]);
      map.read.push({ header: cell, field });
    } else if (cell.trim()) map.ignored.push(cell.trim());
  });
  return map;
}

/** Header cells → the index of each known column; when two cells name one column, the first wins. */
export function findColumns<C extends string>(header: readonly string[], names: Readonly<Record<string, C>>): Map<C, number> {
  const columns = new Map<C, number>();
  for (const [column, [first]] of mapColumns(header, names).byField) if (first !== undefined) columns.set(column, first);
  return columns;
}

/** A record's trimmed cell in `column`, or '' when the file has no such column. */
export function cellOf<C extends string>(fields: readonly string[], columns: ReadonlyMap<C, number>, column: C): string {
  const index = columns.get(column);
  return index === undefined ? '' : (fields[index] ?? '').trim();
}
