/**
 * The documents (thanh_phan_ho_so). The portal's tables are flattened: each table is
 * "<caption>Tên giấy tờMẫu đơn, tờ khaiSố lượng" then rows "<name><form file><count>", where the
 * count cell reads "1 bản chính", "0 bản chính,1 bản sao" (or "Bản chính: 1 - Bản sao: 0"
 * elsewhere). The caption says what the table is: "* Giấy tờ phải nộp:" (submit),
 * "* Giấy tờ phải xuất trình:" (show), or a case ("Trường hợp 1: …", "a) Đối với …").
 * A row counted "0 bản chính" that ends with ":" opens a sub-case; one that reads as prose
 * ("Trường hợp … thì không phải nộp bản giấy.") is an explanatory note, not a document.
 */
import type { DocumentGroup, ProcedureDocument } from '../domain/catalogue/procedure';
import { isAlternativeDocument, isCaseHeading, looksLikeNote } from './document-notes';
import { findForm, splitFormFile, stripEnumerator } from './find-form';
import { info, warning, type Issue, type Parsed } from './issues';
import { capitalise, clean, excerpt, isNoInfo, stripBullet, stripTrailingPunctuation } from './text';

const TABLE_HEADER = /Tên giấy tờ\s*Mẫu đơn, tờ khai\s*Số lượng/gu;

/**
 * A count cell. The portal writes one digit per count, and the form cell before it may end in
 * digits ("…mẫu số 03" + "1 bản chính" = "031 bản chính"), so only the last digit is the count.
 * Not a cell: counts inside a name, "(01 bản chính)", "01 bản chính hoặc 01 bản sao có chứng thực";
 * but a cell may be followed straight by the next row's enumerator ("1 bản chínhb) Đơn đề nghị").
 */
const COUNT_CELL =
  /(?<!\(\s*\d*)(?:Bản chính:\s*(\d+)\s*[-–]\s*Bản sao:\s*(\d+)|(\d) ?bản chính(?:,\s?(\d) ?bản sao)?|(\d) ?bản sao)(?!\)|\s*,\s|\s*\p{Ll}(?![).]))/gu;

/** Rows that read as explanations rather than documents (used only for rows counted 0). */
const NOTE_START =
  /^(?:Trường hợp|Lưu ý|Ghi chú|Người|Cơ quan|Đối với|Việc|Nếu|Khi|Không|Theo|Căn cứ|Cá nhân|Công dân|Trong|Sau khi|Trước khi|Riêng|Ngoài|Mỗi|Các trường hợp|Ủy ban|UBND|Chỉ|Đồng thời|Thời hạn|Thời gian|Tại|Hồ sơ như|Công chức|Cán bộ|Bộ phận|Hệ thống)/iu;

/** Rows that state a rule for the whole list even when the portal gave them a count. */
const GENERAL_RULE = /^(?:Trường hợp không quy định|Lưu ý|Ghi chú)/iu;

const GENERIC_CAPTION =
  /^(?:|-+|Thành phần hồ sơ|Bao gồm|Hồ sơ gồm|Lưu ý|Ghi chú|Giấy tờ phải nộp|\(?Trường hợp không quy định (?:rõ )?(?:là )?bản chính.*|Người yêu cầu chứng thực nộp.*)$/iu;

interface Count {
  originals: number;
  copies: number;
}

interface Row {
  text: string;
  count: Count;
}

interface Table {
  caption: string;
  rows: Row[];
}

interface TableContext {
  action: ProcedureDocument['action'];
  case: string | null;
}

function countOf(m: RegExpMatchArray): Count {
  if (m[1] !== undefined) return { originals: Number(m[1]), copies: Number(m[2]) };
  if (m[3] !== undefined) return { originals: Number(m[3]), copies: Number(m[4] ?? 0) };
  return { originals: 0, copies: Number(m[5]) };
}

/** Cuts the section into tables of (row text, count); text after the last count is returned apart. */
export function splitTables(section: string): { tables: Table[]; leftover: string } {
  const parts = section.split(TABLE_HEADER);
  const tables: Table[] = [];
  let caption = parts[0] ?? '';
  for (const body of parts.slice(1)) {
    const rows: Row[] = [];
    let from = 0;
    for (const m of body.matchAll(COUNT_CELL)) {
      rows.push({ text: body.slice(from, m.index), count: countOf(m) });
      from = m.index + m[0].length;
    }
    tables.push({ caption, rows });
    caption = body.slice(from); // the next table's caption, or what trails the last table
  }
  return { tables, leftover: caption };
}

/** Caption words that are headings of a case: "Trường hợp 1: …" → "Trường hợp 1: …", minus list marks. */
function caseName(text: string): string {
  return stripTrailingPunctuation(stripBullet(text).replace(/,?\s*(?:hồ sơ )?(?:bao )?gồm:?$/iu, ''));
}

/** What a caption says about its table. */
export function readCaption(caption: string): TableContext {
  const text = stripTrailingPunctuation(stripBullet(clean(caption)));
  if (/phải xuất trình/iu.test(text)) return { action: 'show', case: null };
  if (GENERIC_CAPTION.test(text)) return { action: 'submit', case: null };
  return { action: 'submit', case: caseName(text) };
}

type RowReading =
  | { kind: 'document'; document: ProcedureDocument; issues: Issue[] }
  | { kind: 'case'; case: string }
  /** A rule of the case, kept with it (`text`), or an explanation left out (no text). */
  | { kind: 'note'; text?: string }
  | { kind: 'empty' };

/** Reads one row in its table's context. */
function readRow(row: Row, action: ProcedureDocument['action']): RowReading {
  const { name: raw, file, unseparated } = splitFormFile(row.text);
  const name = capitalise(stripTrailingPunctuation(stripBullet(raw)));
  if (name === '') return { kind: 'empty' };
  const issues: Issue[] = [];
  if (unseparated)
    issues.push(warning('documentGroups', 'form-file-glued', 'a form file name is glued to the document name', excerpt(name)));
  const form = findForm(name, file !== null);
  const counted = row.count.originals + row.count.copies > 0;
  const body = stripEnumerator(name);
  if (!counted && /:\s*$/u.test(raw.trim()) && !isDocumentHeading(body)) return { kind: 'case', case: caseName(name) };
  // Counted rows that head a case or state a rule are not documents either (the count is the portal's).
  if (counted && isCaseHeading(body)) return { kind: 'case', case: caseName(body) };
  if (counted && looksLikeNote(body)) return { kind: 'note', text: body };
  if (!counted && isAlternativeDocument(body))
    return { kind: 'document', document: { name: body, action, originals: null, copies: null, form }, issues };
  if ((!counted && isNote(body)) || GENERAL_RULE.test(body)) return { kind: 'note' };
  const document: ProcedureDocument = {
    name,
    action,
    originals: counted ? row.count.originals : null,
    copies: counted ? row.count.copies : null,
    form,
  };
  if (!counted && !/:\s*$/u.test(raw.trim()))
    issues.push(
      warning('documentGroups', 'count-zero', 'a document counted "0 bản chính" in the source: counts left unknown', excerpt(name)),
    );
  return { kind: 'document', document, issues };
}

/** A row counted 0 that is a rule ("… phải bảo đảm rõ nét …", "Ví dụ: …") rather than a document. */
function isNote(text: string): boolean {
  // "… không phải xuất trình" describes a document; a bare "phải" states a rule.
  return NOTE_START.test(text) || /(?<![\p{L}])(?:(?<!không )phải|Ví dụ|Số lượng hồ sơ)(?![\p{L}])/u.test(text);
}

/** "- Chứng cứ chứng minh quan hệ cha, con … gồm:" heads a list of alternatives: still a document. */
function isDocumentHeading(text: string): boolean {
  return !/^(?:Trường hợp|Đối với|Hồ sơ|Nếu|Khi)/iu.test(text) && !/hồ sơ (?:bao )?gồm/iu.test(text);
}

/** The same document, whatever its enumerator ("1. Tờ khai" and "Tờ khai") or counts. */
function sameDocumentKey(d: ProcedureDocument): string {
  return `${d.action}:${stripEnumerator(d.name).toLocaleLowerCase('vi')}`;
}

/** Collects documents (and the notes of each case) into groups by case, in the order cases first appear. */
class GroupCollector {
  private readonly groups = new Map<string | null, { documents: ProcedureDocument[]; notes: string[] }>();

  private group(caseName: string | null) {
    const group = this.groups.get(caseName) ?? { documents: [], notes: [] };
    this.groups.set(caseName, group);
    return group;
  }

  /** False when the list already has this document (listed twice by the portal). */
  add(caseName: string | null, document: ProcedureDocument): boolean {
    const list = this.group(caseName).documents;
    const same = list.some((d) => sameDocumentKey(d) === sameDocumentKey(document));
    if (!same) list.push(document);
    return !same;
  }

  note(caseName: string | null, text: string): void {
    const notes = this.group(caseName).notes;
    if (!notes.includes(text)) notes.push(text);
  }

  result(): DocumentGroup[] {
    return (
      [...this.groups.entries()]
        // A case whose only row is a rule ("Hồ sơ như nêu tại nội dung 1a, 1b …") keeps it.
        .filter(([, g]) => g.documents.length > 0 || g.notes.length > 0)
        .map(([c, g]) => (g.notes.length > 0 ? { case: c, documents: g.documents, notes: g.notes } : { case: c, documents: g.documents }))
    );
  }
}

/**
 * A table whose every row is about a vehicle used as a home ("phương tiện") under a caption that
 * is not (1.004222's first table is captioned "… thuộc quyền sở hữu của mình", a caption error of
 * the record): the vehicle case, so nobody registering in their own home is told to bring
 * vehicle papers.
 */
const VEHICLE_CASE = 'Đăng ký thường trú tại phương tiện được sử dụng để ở';

function vehicleCase(table: Table, caption: string | null): boolean {
  return (
    caption !== null && !/phương tiện/iu.test(caption) && table.rows.length > 0 && table.rows.every((r) => /phương tiện/iu.test(r.text))
  );
}

/** Reads the documents section into groups by case. */
export function parseDocuments(section: string): Parsed<DocumentGroup[]> {
  if (isNoInfo(section)) return { value: [], issues: [warning('documentGroups', 'no-documents', 'no documents in the source')] };
  const { tables, leftover } = splitTables(section);
  if (tables.length === 0) {
    return { value: [], issues: [warning('documentGroups', 'documents-unreadable', 'no document table in the section', excerpt(section))] };
  }
  const issues: Issue[] = [];
  const collector = new GroupCollector();
  let notes = 0;
  let repeats = 0;
  for (const table of tables) {
    const context = readCaption(table.caption);
    if (vehicleCase(table, context.case)) {
      issues.push(
        info(
          'documentGroups',
          'vehicle-case',
          `a table of vehicle documents captioned "${excerpt(context.case!, 60)}" is the vehicle case`,
        ),
      );
      context.case = VEHICLE_CASE;
    }
    let current = context.case;
    for (const row of table.rows) {
      const reading = readRow(row, context.action);
      if (reading.kind === 'case') current = context.case ? `${context.case} – ${reading.case}` : reading.case;
      else if (reading.kind === 'note' && reading.text) collector.note(current, reading.text);
      else if (reading.kind === 'note') notes++;
      else if (reading.kind === 'document') {
        issues.push(...reading.issues);
        if (!collector.add(current, reading.document)) repeats++;
      }
    }
  }
  const rest = clean(leftover);
  if (rest)
    issues.push(warning('documentGroups', 'documents-leftover', 'text after the last document row could not be read', excerpt(rest)));
  if (notes > 0)
    issues.push(info('documentGroups', 'notes-skipped', `${notes} explanatory row(s) counted 0 kept out of the document list`));
  if (repeats > 0) issues.push(info('documentGroups', 'documents-repeated', `${repeats} repeated row(s) listed once`));
  const groups = collector.result();
  if (groups.length === 0) issues.push(warning('documentGroups', 'no-documents', 'no document could be read from the tables'));
  return { value: groups, issues };
}
