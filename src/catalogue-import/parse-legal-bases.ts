/**
 * The legal basis (can_cu_phap_ly): "Tên văn bản pháp lýMã văn bản" then "<title><number>" per
 * row, glued. The number cell ends a row, so a number followed by the next title (a capital
 * letter) or by the end is a cell; a number followed by a digit is the title's own number glued
 * to the cell ("Luật 60/2014/QH1360/2014/QH13" = "Luật 60/2014/QH13" + "60/2014/QH13"); a number
 * followed by " ngày", ",", ")" is inside a title.
 */
import type { z } from 'zod';
import type { legalBasisSchema } from '../domain/catalogue/procedure';
import { warning, type Issue, type Parsed } from './issues';
import { capitalise, clean, excerpt, isNoInfo } from './text';

export type LegalBasis = z.infer<typeof legalBasisSchema>;

const HEADER = /^\s*Tên văn bản pháp lý\s*Mã văn bản/u;

/**
 * A document number: "123/2015/NĐ-CP", "66.7/2025/NQ-CP", "08.a/2010/TT-BTP", "60/2014/QH13",
 * "2222/QĐ-BHXH", "105/2016/TTLT-BQP-BCA-BLĐTBXH", "24/2021/QĐ-TTg", "9354/QĐ-BCA-C06",
 * "01/2014/NQLT-CP-UBTƯMTTQVN". QH takes exactly its two-digit legislature number and digits never
 * run into a "/", so a glued next number is not swallowed. Capitals may run into a glued next
 * title ("NĐ-CPLUẬT", "TT-BTCNghị định"): cellAt() gives those letters back.
 */
const LETTERS = String.raw`\p{Lu}+g?(?:\d{1,2}(?![\d/.\p{Ll}]))?`;
const NUMBER = new RegExp(String.raw`\d+(?:\.\d+|\.?[a-z])?(?:/\d{4})?/(?:QH\d{2}|${LETTERS})(?:-(?:${LETTERS}|\d+(?![\d/])))*`, 'gu');

/** How the next title starts when its first letters were glued onto the number. */
const TITLE_START =
  /^(?:Luật|Bộ luật|Nghị định|Nghị quyết|Thông tư|Quyết định|Pháp lệnh|Chỉ thị|Công văn|Văn bản|Ban hành|Hướng dẫn|Quy định|Quy trình|Sửa đổi|Về|Đính chính|Công bố)/iu;

/** Issuer codes a number may end with: letters after one of these belong to the next title. */
const ISSUERS =
  /(?:CP|TTg|QH\d{2}|BTC|BTP|BCA|BYT|BQP|BLĐTBXH|BNNMT|BNNPTNT|BXD|BGTVT|BTNMT|BKHĐT|BCT|BNV|UBND|HĐND|BHXH|BVHTTDL|BTTTT|BGDĐT|NHNN|VPCP|BNG|C06|C07)$/u;

/** A title going on after a number glued to it ("…/TT-BCAngày 01/7/2025 của …"). */
const TITLE_GOES_ON = /^(?:ngày|của|năm|và|về|được)(?!\p{Ll})/u;

/** A cell that repeats its kind before the number: "…Bộ Tư phápThông tư số 03/2023/TT-BTP". */
const KIND_PREFIX = /(?:Luật|Bộ luật|Nghị định|Thông tư(?: liên tịch)?|Quyết định|Nghị quyết|Pháp lệnh)(?: số)?\s*$/u;

interface Cell {
  start: number;
  end: number;
  number: string;
}

/** How many trailing capitals to give back to the next title (0 when none belong to it). */
function giveBack(number: string, after: string): number {
  const letters = /\p{Lu}+g?$/u.exec(number)?.[0].length ?? 0;
  for (let k = 1; k < letters; k++) {
    if (number[number.length - k - 1] !== '-' && TITLE_START.test(number.slice(-k) + after)) return k;
  }
  // "…TT-BCAĐính chính": the letters after a known issuer start the next title.
  for (let k = 1; k < letters; k++) {
    const kept = number.slice(0, -k);
    if (ISSUERS.test(kept) && /^\p{Lu}\p{Ll}/u.test(number.slice(-k) + after)) return k;
  }
  return 0;
}

/** Whether a number (with what comes before and after it) ends a row. */
function endsRow(number: string, before: string, after: string): boolean {
  // A digit after: the next row's title starts with a number ("…;31/2024/QH15" + "118/2020/NĐ-CP…"),
  // unless this number belongs to its title: the cell repeats it ("Luật 60/2014/QH13" + "60/2014/QH13")
  // or the title names it ("… bởi Nghị định số 07/2025/NĐ-CP" + "280/2025/NĐ-CP").
  if (/^\d/u.test(after)) return !after.startsWith(number) && !KIND_PREFIX.test(before);
  if (before.endsWith(number) || after === '' || /^\s*\p{Lu}/u.test(after)) return true;
  return /^\p{Ll}/u.test(after) && !TITLE_GOES_ON.test(after); // glued straight to a lower-case title
}

/** The number cell at a match, or null when the number sits inside a title. */
function cellAt(text: string, index: number, matched: string): Cell | null {
  let start = index;
  let number = matched;
  // A year glued in front of the number: "… ngày 12/6/20252418/QĐ-BNNMT", "… năm 20223510/QĐ-BHXH",
  // "Luật Cư trú 202068/2020/QH14" (the number's own year repeats it).
  const year = /^(?:19|20)\d{2}(?=\d)/u.exec(number)?.[0];
  const afterDate = /(?:\d{1,2}\/\d{1,2}\/|năm )$/u.test(text.slice(0, start));
  // "Luật Doanh nghiệp 202076/2025/QH15": the title's own year ("… 2020") glued to a full number.
  const titleYear = year && /\p{L}\s*$/u.test(text.slice(0, start)) && /^\d{1,4}\/(?:19|20)\d{2}\//u.test(number.slice(4));
  if (year && (afterDate || number.includes(`/${year}/`) || titleYear)) {
    start += 4;
    number = number.slice(4);
  }
  const after = text.slice(index + matched.length);
  const k = giveBack(number, after);
  number = k > 0 ? number.slice(0, -k) : number;
  // "…/NĐ-CP-Quy định …": a lone capital after a hyphen starts a word of the title.
  if (k === 0 && /^\p{Ll}/u.test(after)) number = number.replace(/-\p{Lu}$/u, '');
  const end = start + number.length;
  return endsRow(number, text.slice(0, start), text.slice(end)) ? { start, end, number } : null;
}

/** Number cells: numbers that end a row. */
function numberCells(text: string): Cell[] {
  const cells: Cell[] = [];
  for (const m of text.matchAll(NUMBER)) {
    const cell = cellAt(text, m.index, m[0]);
    if (cell) cells.push(cell);
  }
  return cells;
}

/** The title of a row: the text before its number cell, without a repeated "Thông tư số". */
function titleOf(text: string, number: string): string {
  // "…/TT-BCAngày 01/7/2025" lost its space in the crawl.
  const title = clean(text).replace(/(\d\/[\p{Lu}\d-]*\p{Lu})(ngày|của)(?!\p{Ll})/gu, '$1 $2');
  const withoutKind = clean(title.replace(KIND_PREFIX, ''));
  // A title that is only its kind ("Thông tư số") is named by its number.
  const named = withoutKind || (title ? `${title} ${number}` : number);
  return capitalise(sentenceCase(named.replace(/[\s.;,]+$/u, '') || number));
}

/** "THÔNG TƯ SỬA ĐỔI …" → "Thông tư sửa đổi …" (numbers and codes keep their capitals). */
function sentenceCase(title: string): string {
  const letters = title.replace(/[^\p{L}]/gu, '');
  if (letters.length < 12 || letters !== letters.toLocaleUpperCase('vi')) return title;
  return title.replace(/\p{Lu}[\p{Lu}\p{M}]*/gu, (word) => (/\d|-|\//u.test(word) ? word : word.toLocaleLowerCase('vi')));
}

/**
 * A title cut in two by the crawl: "… của Thông tư số" + "10/2020/TT-BTP" then "ngày 28 tháng 12
 * năm 2020 của …" + "07/2023/TT-BTP". The first number is the amended act named inside the
 * second row's title; the two rows are one legal basis (2.002363).
 */
function joinCutTitles(bases: LegalBasis[]): LegalBasis[] {
  const out: LegalBasis[] = [];
  for (let i = 0; i < bases.length; i++) {
    const here = bases[i]!;
    const next = bases[i + 1];
    if (next && here.number && /(?:Thông tư|Nghị định|Quyết định|Luật) số$/iu.test(here.title) && /^ngày /iu.test(next.title)) {
      out.push({
        title: `${here.title} ${here.number} ${next.title.charAt(0).toLocaleLowerCase('vi')}${next.title.slice(1)}`,
        number: next.number,
      });
      i++;
    } else out.push(here);
  }
  return out;
}

export function parseLegalBases(text: string): Parsed<LegalBasis[]> {
  if (isNoInfo(text)) return { value: [], issues: [] };
  const body = text.replace(HEADER, '');
  const issues: Issue[] = [];
  const bases: LegalBasis[] = [];
  let from = 0;
  for (const cell of numberCells(body)) {
    bases.push({ title: titleOf(body.slice(from, cell.start), cell.number), number: cell.number });
    from = cell.end;
  }
  const rest = clean(body.slice(from));
  if (rest) {
    // A cut-off number cell ("…Luật Đầu tư côngLuật số 58"): the title may still carry the number.
    const inTitle = rest.match(NUMBER)?.[0] ?? null;
    bases.push({ title: capitalise(rest), number: inTitle });
    issues.push(
      inTitle
        ? warning('legalBases', 'legal-number-from-title', `the number cell is unreadable; ${inTitle} read from the title`, excerpt(rest))
        : warning('legalBases', 'legal-without-number', 'a legal text without a readable number', excerpt(rest)),
    );
  }
  return { value: dedupe(joinCutTitles(bases)), issues };
}

/** The same act listed twice (the portal repeats rows) is kept once, in first place. */
function dedupe(bases: LegalBasis[]): LegalBasis[] {
  const seen = new Set<string>();
  return bases.filter((b) => {
    const key = b.number ?? b.title;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
