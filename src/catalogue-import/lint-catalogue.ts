/**
 * The catalogue's health in counts: what a citizen would be told wrong or unhelpfully if the
 * importer's repairs regressed. Each check counts items (channels, documents, procedures, profile
 * values) and lists where they are, so `npm run catalogue:lint` shows both the figure and the
 * spot; test/catalogue-import/lint.test.ts holds each count at its accepted floor.
 */
import type { Channel, Procedure } from '../domain/catalogue/procedure';
import { feeSetElsewhere } from '../domain/catalogue/fee';
import { unconfirmedValues, type CommuneProfile } from '../domain/commune/commune-profile';
import { looksLikeNote } from './document-notes';
import { stripEnumerator } from './find-form';
import { captures } from '../domain/text/regex-captures';

export const LINT_CHECKS = {
  'time-without-unit': 'channels whose time limit is a bare number ("1"): days? working days?',
  'time-missing': 'channels with no time limit at all',
  'document-like-note': 'document rows that are notes, rules or headings rather than a document to bring',
  'document-repeated': 'the same document listed twice in one list',
  'fee-flat-contradicted':
    'a flat fee the remark contradicts (the council sets it, another amount, a per-page or per-person rate, a case it is limited to)',
  'procedure-empty': 'procedures with neither documents nor ways to file',
  'procedure-without-documents': 'procedures with no document list',
  'legal-title-garbled': 'legal bases whose title is only a kind ("Thông tư số") or has a year glued to its number',
  'raw-typo': 'known typos of the portal still in the text',
  'sample-values': 'values in data/commune.json the commune has not confirmed',
} as const;

export type LintCheck = keyof typeof LINT_CHECKS;

export interface LintFinding {
  check: LintCheck;
  /** A procedure code, or a profile path. */
  where: string;
  detail: string;
}

export interface LintResult {
  counts: Record<LintCheck, number>;
  /** Procedures (or profile values) affected, per check. */
  affected: Record<LintCheck, number>;
  findings: LintFinding[];
}

/** The note test the lint uses (the importer's own, see document-notes.ts). */
export const looksLikeNoteForLint = looksLikeNote;

/** Known typos of the portal's text (the importer repairs them; see repair-typos.ts). */
export const RAW_TYPOS = [/cai nghiên(?![\p{L}])/u, /nhân dân nhân|nhân nhân/u];

const PLAIN_AMOUNT = /^(\d{1,3}(?:\.\d{3})*) đồng(\/[\p{L} ]+)?$/u;
const AMOUNT_IN_TEXT = /(\d{1,3}(?:[.,]\d{3})+|\d{4,})\s*(?:đồng|đ|VNĐ)/gu;

/** Why a channel's flat fee is not what the remark says, or null when nothing contradicts it. */
export function flatFeeContradiction(c: Channel): string | null {
  const feeText = c.feeText ?? '';
  const flat = PLAIN_AMOUNT.exec(feeText);
  if (!flat) return null;
  const notes = c.notes ?? '';
  if (feeSetElsewhere(notes) === 'province') return 'the remark says the council sets the amount';
  const amount = Number(captures(flat, 1)[0].replace(/\./g, ''));
  const named = [...notes.matchAll(AMOUNT_IN_TEXT)].map((m) => Number(captures(m, 1)[0].replace(/[.,]/g, '')));
  if (named.length > 0 && !named.includes(amount)) return `the remark names ${named.join(', ')} đồng`;
  if (!flat[2] && /đồng\/(?:trang|người)/u.test(notes)) return 'the remark gives a rate per page or per person';
  if (/từ trang thứ/u.test(notes) && !/từ trang thứ/u.test(feeText)) return 'the lower rate from page 3 is lost';
  if (/theo danh sách/u.test(notes)) return 'the remark limits the amount to registration by list';
  return null;
}

const GARBLED_TITLE = /^(?:Luật|Nghị định|Thông tư|Quyết định|Nghị quyết)(?: số)?$|(?:19|20)\d{2}\d{1,4}\/\d{4}\//u;

function procedureFindings(p: Procedure): LintFinding[] {
  const out: LintFinding[] = [];
  const add = (check: LintCheck, detail: string) => out.push({ check, where: p.code, detail });
  for (const c of p.channels) {
    if (c.timeLimit !== null && /^\d+(?:[.,]\d+)?$/.test(c.timeLimit)) add('time-without-unit', `${c.kind}: "${c.timeLimit}"`);
    if (c.timeLimit === null) add('time-missing', c.kind);
    const fee = flatFeeContradiction(c);
    if (fee) add('fee-flat-contradicted', `${c.kind}: ${c.feeText} — ${fee}`);
  }
  for (const g of p.documentGroups) {
    const seen = new Set<string>();
    for (const d of g.documents) {
      if (looksLikeNote(d.name)) add('document-like-note', d.name.slice(0, 90));
      const key = stripEnumerator(d.name).toLocaleLowerCase('vi');
      if (seen.has(key)) add('document-repeated', d.name.slice(0, 90));
      seen.add(key);
    }
  }
  if (p.documentGroups.length === 0 && p.channels.length === 0) add('procedure-empty', p.name);
  if (p.documentGroups.length === 0) add('procedure-without-documents', p.name);
  for (const b of p.legalBases) if (GARBLED_TITLE.test(b.title)) add('legal-title-garbled', `${b.title} (${b.number ?? '—'})`);
  const text = JSON.stringify([p.name, p.documentGroups, p.results, p.conditions]);
  for (const typo of RAW_TYPOS) {
    const hit = typo.exec(text);
    if (hit) add('raw-typo', hit[0]);
  }
  return out;
}

export function lintCatalogue(procedures: Procedure[], commune: CommuneProfile): LintResult {
  const findings = procedures.flatMap(procedureFindings);
  for (const v of unconfirmedValues(commune)) findings.push({ check: 'sample-values', where: v.path, detail: v.note ?? 'not confirmed' });
  const counts = Object.fromEntries(Object.keys(LINT_CHECKS).map((k) => [k, 0])) as Record<LintCheck, number>;
  const places = Object.fromEntries(Object.keys(LINT_CHECKS).map((k) => [k, new Set<string>()])) as Record<LintCheck, Set<string>>;
  for (const f of findings) {
    counts[f.check]++;
    places[f.check].add(f.where);
  }
  const affected = Object.fromEntries(Object.entries(places).map(([k, s]) => [k, s.size])) as Record<LintCheck, number>;
  return { counts, affected, findings };
}

/** The result as text: one line per check, then (verbose) every finding. */
export function formatLint(result: LintResult, verbose = false): string {
  const lines = ['Catalogue lint', ''];
  for (const check of Object.keys(LINT_CHECKS) as LintCheck[]) {
    lines.push(`  ${check.padEnd(28)} ${String(result.counts[check]).padStart(4)}  (in ${result.affected[check]})  ${LINT_CHECKS[check]}`);
  }
  if (verbose) {
    lines.push('');
    for (const f of result.findings) lines.push(`  [${f.check}] ${f.where}: ${f.detail}`);
  }
  return `${lines.join('\n')}\n`;
}
