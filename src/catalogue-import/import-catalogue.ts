/**
 * The importer: raw portal records (+ the supplement) → the project's catalogue and a report of
 * what could not be parsed. Pure: the CLI reads the files and writes the result.
 */
import { catalogueSchema, PROCEDURE_CODE, procedureSchema, type Catalogue, type Procedure } from '../domain/catalogue/procedure';
import { buildProcedure } from './build-procedure';
import { info } from './issues';
import { dropArtefacts, mergeSameCode } from './merge-duplicates';
import { applyOverrides, mergeSupplement, type FieldOverride } from './merge-supplement';
import type { RawFile, UnreadableFile } from './read-raw-record';
import { kindsOf, type ImportReport, type RecordReport } from './report';
import { clean } from './text';

export interface ImportInput {
  files: RawFile[];
  unreadable?: UnreadableFile[];
  supplement?: Procedure[];
  /** Documented corrections of single fields (see merge-supplement.ts). */
  overrides?: FieldOverride[];
  /** When the source was read (YYYY-MM-DD); also the catalogue's generatedAt, so re-runs are identical. */
  extractedAt: string;
}

export interface ImportResult {
  catalogue: Catalogue;
  report: ImportReport;
}

function byCode(a: { code: string }, b: { code: string }): number {
  return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
}

export function importCatalogue(input: ImportInput): ImportResult {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.extractedAt)) throw new Error(`extractedAt must be YYYY-MM-DD, got "${input.extractedAt}"`);
  const sameCode = mergeSameCode(input.files);
  const deduped = dropArtefacts(sameCode.files);
  const rejected: ImportReport['rejected'] = [];
  const portal: Procedure[] = [];
  const records: RecordReport[] = [];
  for (const file of deduped.files) {
    const code = clean(file.record.ma_thu_tuc);
    if (!PROCEDURE_CODE.test(code)) {
      rejected.push({ file: file.file, code, reason: 'the code is not of the form d.dddddd' });
      continue;
    }
    const built = buildProcedure(file.record, input.extractedAt);
    const valid = procedureSchema.safeParse(built.procedure);
    if (!valid.success) {
      rejected.push({ file: file.file, code, reason: valid.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
      continue;
    }
    const issues = [...built.issues];
    if (file.file !== `${code}.json`) issues.push(info('code', 'file-name-differs', `file name ${file.file} differs from the code`));
    portal.push(valid.data);
    records.push({ code, file: file.file, name: valid.data.name, issues });
  }
  const supplement = mergeSupplement(portal, input.supplement ?? []);
  const overridden = applyOverrides(supplement.procedures, input.overrides ?? []);
  const procedures = [...overridden.procedures].sort(byCode);
  const catalogue = catalogueSchema.parse({ generatedAt: input.extractedAt, procedures });
  const withIssues = records.filter((r) => r.issues.length > 0).sort(byCode);
  const warned = records.filter((r) => r.issues.some((i) => i.severity === 'warning')).length;
  const report: ImportReport = {
    extractedAt: input.extractedAt,
    counts: {
      files: input.files.length + (input.unreadable?.length ?? 0),
      unreadable: input.unreadable?.length ?? 0,
      sameCodeMerged: sameCode.merges.reduce((n, m) => n + m.dropped.length, 0),
      artefactsDropped: deduped.findings.reduce((n, f) => n + f.dropped.length, 0),
      rejected: rejected.length,
      portal: portal.length,
      clean: portal.length - warned,
      withWarnings: warned,
      supplementAdded: supplement.added.length,
      supplementOverridden: supplement.overridden.length,
      procedures: procedures.length,
    },
    warningKinds: kindsOf(records, 'warning'),
    infoKinds: kindsOf(records, 'info'),
    unreadable: input.unreadable ?? [],
    rejected,
    sameCode: sameCode.merges,
    duplicates: deduped.findings,
    supplement: {
      added: supplement.added,
      overridden: supplement.overridden,
      replaced: supplement.replaced,
      fieldOverrides: overridden.applied,
    },
    records: withIssues,
  };
  return { catalogue, report };
}
