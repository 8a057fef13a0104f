/**
 * A one-stop export (dossier-csv.ts) imported as the CLI imports it, or checked: a dry run reads
 * the store as the write would and writes nothing, so its report — new, updated, unchanged,
 * status changes — is what the real import would say.
 */
import { badRowsOf } from '../csv';
import { writeDossiers, type BadRow, type DossierWriter, type ImportField, type ParsedDossierCsv, type StatusChange } from './dossier-csv';

export interface DossierImportReport {
  dryRun: boolean;
  separator: string;
  headerLine: number;
  columns: Array<{ header: string; field: ImportField }>;
  /** Columns not read (names, addresses…): never stored. */
  ignoredColumns: string[];
  /** Data rows read (good and bad). */
  rows: number;
  /** Rows written, or that would be. */
  imported: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Followers of these are told (a real import). */
  statusChanges: StatusChange[];
  /** Rows skipped, by line number in the file: the first BAD_ROWS_SHOWN of them. */
  bad: BadRow[];
  /** How many rows were skipped in all. */
  badCount: number;
}

/** The store as a dry run sees it: `put` answers what was stored before, and stores nothing. */
function dryWriter(store: Pick<DossierWriter, 'find'>): DossierWriter {
  return {
    find: (code) => store.find(code),
    put: async (dossier) => {
      const found = await store.find(dossier.code);
      return found.status === 'found' ? found.dossier.status : undefined;
    },
  };
}

/** `changed` runs right after each status change is stored (a real import), so no change goes untold if the import stops half-way. */
export async function importDossiers(
  parsed: ParsedDossierCsv,
  store: DossierWriter,
  dryRun: boolean,
  changed?: (change: StatusChange) => Promise<void>,
): Promise<DossierImportReport> {
  const written = await writeDossiers(parsed.rows, dryRun ? dryWriter(store) : store, dryRun ? undefined : changed);
  return {
    dryRun,
    separator: parsed.separator,
    headerLine: parsed.headerLine,
    columns: parsed.columns,
    ignoredColumns: parsed.ignoredColumns,
    rows: parsed.rows.length + parsed.bad.length,
    imported: parsed.rows.length,
    created: written.created.length,
    updated: written.updated.length,
    unchanged: written.unchanged.length,
    statusChanges: written.statusChanges,
    ...badRowsOf(parsed.bad),
  };
}
