/**
 * The import report: counts, the decisions about duplicates and the supplement, and per record
 * what could not be parsed. Printed by the CLI so a person can check the catalogue before
 * committing it.
 */
import type { Issue } from './issues';
import type { CodeMerge, DuplicateFinding } from './merge-duplicates';
import type { AppliedOverride } from './merge-supplement';
import type { UnreadableFile } from './read-raw-record';

export interface RecordReport {
  code: string;
  file: string;
  name: string;
  issues: Issue[];
}

export interface ImportReport {
  extractedAt: string;
  counts: {
    files: number;
    unreadable: number;
    sameCodeMerged: number;
    artefactsDropped: number;
    rejected: number;
    portal: number;
    /** Portal records without any warning. */
    clean: number;
    withWarnings: number;
    supplementAdded: number;
    supplementOverridden: number;
    procedures: number;
  };
  /** How many records have at least one issue of each kind. */
  warningKinds: Record<string, number>;
  infoKinds: Record<string, number>;
  unreadable: UnreadableFile[];
  rejected: { file: string; code: string; reason: string }[];
  sameCode: CodeMerge[];
  duplicates: DuplicateFinding[];
  supplement: {
    added: string[];
    overridden: string[];
    replaced: { code: string; replacedBy: string }[];
    fieldOverrides: AppliedOverride[];
  };
  /** Records with at least one issue, by code. */
  records: RecordReport[];
}

/** Counts records per issue kind, for one severity. */
export function kindsOf(records: RecordReport[], severity: Issue['severity']): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of records) {
    for (const kind of new Set(r.issues.filter((i) => i.severity === severity).map((i) => i.kind))) counts[kind] = (counts[kind] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(counts).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])));
}

function issueLine(issue: Issue): string {
  return `    - [${issue.field}] ${issue.message}${issue.excerpt ? `  «${issue.excerpt}»` : ''}`;
}

/** The report as text. Infos per record only with verbose (their counts are always shown). */
export function formatReport(report: ImportReport, verbose = false): string {
  const c = report.counts;
  const out: string[] = [];
  out.push(`Catalogue import — extracted ${report.extractedAt}`);
  out.push(`  files read: ${c.files} (unreadable: ${c.unreadable})`);
  out.push(`  same code in several files, merged: ${c.sameCodeMerged}`);
  out.push(`  crawl artefacts dropped: ${c.artefactsDropped}`);
  out.push(`  rejected by the schema: ${c.rejected}`);
  out.push(`  portal procedures: ${c.portal} — parsed cleanly: ${c.clean}, with warnings: ${c.withWarnings}`);
  out.push(`  supplement: ${c.supplementAdded} added, ${c.supplementOverridden} already in the portal data (portal kept)`);
  out.push(`  procedures written: ${c.procedures}`);
  out.push('', 'Warnings (records affected):');
  for (const [kind, n] of Object.entries(report.warningKinds)) out.push(`  ${kind}: ${n}`);
  out.push('', 'Repairs and decisions (records affected):');
  for (const [kind, n] of Object.entries(report.infoKinds)) out.push(`  ${kind}: ${n}`);
  if (report.unreadable.length > 0) {
    out.push('', 'Unreadable files:');
    for (const u of report.unreadable) out.push(`  ${u.file}: ${u.reason}`);
  }
  if (report.rejected.length > 0) {
    out.push('', 'Rejected records:');
    for (const r of report.rejected) out.push(`  ${r.code} (${r.file}): ${r.reason}`);
  }
  if (report.sameCode.length > 0) {
    out.push('', 'Same code in several files:');
    for (const m of report.sameCode)
      out.push(`  ${m.code}: kept ${m.kept}, dropped ${m.dropped.join(', ')}${m.identical ? '' : ' (contents differ!)'}`);
  }
  if (report.duplicates.length > 0) {
    out.push('', 'Same content under different codes:');
    for (const d of report.duplicates) {
      out.push(`  "${d.name.slice(0, 90)}" — ${d.reason}`);
      out.push(`    codes: ${d.codes.join(', ')}`);
      out.push(`    kept: ${d.kept.join(', ') || 'none'}; dropped: ${d.dropped.join(', ') || 'none'}; page: ${d.sourceUrls.join(', ')}`);
    }
  }
  out.push('', 'Supplement:');
  out.push(`  added: ${report.supplement.added.join(', ') || 'none'}`);
  out.push(`  already in the portal data (portal record kept): ${report.supplement.overridden.join(', ') || 'none'}`);
  for (const o of report.supplement.fieldOverrides) out.push(`  ${o.code}: ${o.fields.join(', ')} set from ${o.source}`);
  for (const r of report.supplement.replaced)
    out.push(`  ${r.code} is in the portal data but replaced by ${r.replacedBy} (both kept; see ${r.replacedBy}.replaces)`);
  out.push('', 'Per record (what could not be parsed):');
  for (const r of report.records) {
    const shown = r.issues.filter((i) => verbose || i.severity === 'warning');
    if (shown.length === 0) continue;
    out.push(`  ${r.code} ${r.name.slice(0, 70)} (${r.file})`);
    for (const i of shown) out.push(issueLine(i));
  }
  return `${out.join('\n')}\n`;
}
