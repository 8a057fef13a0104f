/**
 * An officer's follower list (CSV, follower-csv.ts) written through the registry, each row as
 * `PUT /api/v1/followers/<id>` writes it — or, in a dry run, only counted: which rows would
 * create a follower and which would change one already known.
 */
import { badRowsOf } from '../csv';
import type { FollowerRegistry } from './follower-registry';
import type { ParsedFollowerCsv } from './follower-csv';

export interface FollowerImportReport {
  dryRun: boolean;
  /** Data rows read (good and bad). */
  rows: number;
  /** Rows written, or that would be. */
  imported: number;
  /** Of those, followers new to the registry. */
  created: number;
  updated: number;
  /** The first BAD_ROWS_SHOWN rows skipped, by line; `badCount` counts them all. */
  bad: ParsedFollowerCsv['bad'];
  badCount: number;
}

export async function importFollowers(
  parsed: ParsedFollowerCsv,
  registry: Pick<FollowerRegistry, 'get' | 'update'>,
  dryRun: boolean,
): Promise<FollowerImportReport> {
  let created = 0;
  for (const row of parsed.rows) {
    const isNew = dryRun ? (await registry.get(row.userId)) === undefined : (await registry.update(row.userId, row.change)).created;
    if (isNew) created += 1;
  }
  const imported = parsed.rows.length;
  return {
    dryRun,
    rows: imported + parsed.bad.length,
    imported,
    created,
    updated: imported - created,
    ...badRowsOf(parsed.bad),
  };
}
