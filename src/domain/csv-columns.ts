/**
 * Which column of a CSV file holds what, from its header: the names an officer may write (without
 * diacritics, case or "_": "Thôn", "user_id", "Zalo ID") → the column each stands for. Shared by the
 * admin imports (followers, teams).
 */
import { foldPhrase } from './text/fold';

const headerKey = (header: string) => foldPhrase(header.replace(/_/g, ' '));

/** Header cells → the index of each known column; when two cells name one column, the first wins. */
export function findColumns<C extends string>(header: readonly string[], names: Readonly<Record<string, C>>): Map<C, number> {
  const columns = new Map<C, number>();
  header.forEach((field, index) => {
    const column = names[headerKey(field)];
    if (column && !columns.has(column)) columns.set(column, index);
  });
  return columns;
}

/** A record's trimmed cell in `column`, or '' when the file has no such column. */
export function cellOf<C extends string>(fields: readonly string[], columns: ReadonlyMap<C, number>, column: C): string {
  const index = columns.get(column);
  return index === undefined ? '' : (fields[index] ?? '').trim();
}
