/**
 * The "Phí, lệ phí" cell of a channel, with its remark and description. feeText is what a citizen
 * reads ("20.000 đồng", "2.000 đồng/trang", "Miễn phí"); feeVnd is a number only when one plain
 * amount in đồng can be read. Anything else — several amounts, a range, a percentage, a foreign
 * currency, or "free" while the remark says the province sets the fee — leaves feeVnd unknown and
 * is reported: a wrong fee told to a citizen is worse than "ask the centre".
 */
import { feeSetElsewhere, setElsewhereFeeText } from '../domain/catalogue/fee';
import { warning, type Issue, type Parsed } from './issues';
import { clean, excerpt, isNoInfo } from './text';
import { captures } from '../domain/text/regex-captures';

export interface Fee {
  feeText: string | null;
  feeVnd: number | null;
}

/** An amount of money: "20.000 đồng", "20,000 Việt Nam Đồng", "400.000đ", "50,000 VNĐ", "10 USD". */
const AMOUNT = /(\d{1,3}(?:[.,]\d{3})+|\d+)\s*(Việt Nam Đồng|VNĐ|VND|đồng|đ|USD)(?![\p{L}])/giu;

/** The fee cell at the start of a run (after the time limit). */
export const FEE_CELL =
  /^\s*(?:Miễn phí|Không có thông tin|(?:\d{1,3}(?:[.,]\d{3})+|\d+)\s*(?:Việt Nam Đồng|VNĐ|VND|đồng|USD)(?![\p{L}]))/iu;

const FREE = /^(?:Miễn phí|Miễn lệ phí|Không thu(?: phí| lệ phí)?|Không)$/iu;

/*
 * A remark that hands the amount to someone else ("Mức lệ phí cụ thể do Hội đồng nhân dân tỉnh …
 * quyết định", a fee circular "quy định mức thu") is read by feeSetElsewhere (domain/catalogue/fee):
 * when the fee cell says "Miễn phí" next to such a remark, "free" is not what the source means.
 */

interface Amount {
  vnd: number | null;
  currency: 'VND' | 'USD';
  value: number;
}

function readAmount(digits: string, currency: string): Amount {
  const value = Number(digits.replace(/[.,]/g, ''));
  const isUsd = currency.toUpperCase() === 'USD';
  return { value, currency: isUsd ? 'USD' : 'VND', vnd: isUsd ? null : value };
}

/** Every amount of money in a text, in order. */
function amountsIn(text: string): Amount[] {
  return [...text.matchAll(AMOUNT)].map((m) => readAmount(...captures(m, 1, 2)));
}

/** "20000" → "20.000" (the Vietnamese thousands separator). */
function formatVnd(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** A per-unit remark such as "(/trang)" or "(/trường hợp)" belongs to the fee text. */
export function perUnit(remark: string | null): string | null {
  const match = remark === null ? null : /^\/\s*([\p{L}\s]+)$/u.exec(remark.trim());
  return match ? `/${clean(captures(match, 1)[0])}` : null;
}

/**
 * Reads a fee. `cell` is the fee cell ("Miễn phí", "20,000 Việt Nam Đồng", or free text from
 * other sources such as "Lệ phí: 10.000 đồng/hồ sơ"); `context` is the remark and description
 * next to it, searched for other amounts and for "set by the province".
 */
export function parseFee(cell: string, unit: string | null = null, context = ''): Parsed<Fee> {
  const text = clean(cell);
  if (isNoInfo(text)) return { value: { feeText: null, feeVnd: null }, issues: [] };
  if (FREE.test(text)) return readFree(context);
  return readAmounts(text, unit, context);
}

function readFree(context: string): Parsed<Fee> {
  const setter = feeSetElsewhere(context);
  if (setter) {
    // Not "Miễn phí": the fee text says who sets the amount, so no reader takes it for an exemption.
    const issue = warning(
      'channels',
      'fee-free-but-set-elsewhere',
      'fee says "Miễn phí" but the remark says the amount is set elsewhere (province/fee act); amount left unknown',
      excerpt(context),
    );
    return { value: { feeText: setElsewhereFeeText(setter, context), feeVnd: null }, issues: [issue] };
  }
  return { value: { feeText: 'Miễn phí', feeVnd: 0 }, issues: [] };
}

function readAmounts(text: string, unit: string | null, context: string): Parsed<Fee> {
  const own = amountsIn(text);
  const first = own[0];
  // A fee cell that is exactly one amount is rewritten the Vietnamese way; free text stays as written.
  const feeText =
    own.length === 1 && first && FEE_CELL.exec(text)?.[0].trim() === text
      ? `${first.currency === 'VND' ? `${formatVnd(first.value)} đồng` : `${first.value} USD`}${unit ?? ''}`
      : `${text}${unit ?? ''}`;
  const issues = feeIssues(text, own, context, feeText);
  return { value: { feeText, feeVnd: issues.length === 0 && first ? first.vnd : null }, issues };
}

/** Why no plain amount in đồng can be read (none, several, a range, a percentage, USD); [] when one can. */
function feeIssues(text: string, own: Amount[], context: string, feeText: string): Issue[] {
  const first = own[0];
  if (!first) return [warning('channels', 'fee-unreadable', 'no amount of money in the fee text', text)];
  if (first.currency === 'USD') return [warning('channels', 'fee-foreign-currency', `fee in USD (${feeText}); no amount in đồng`)];
  if (/%|phần trăm/u.test(text)) return [warning('channels', 'fee-percentage', 'fee is a percentage; no plain amount', text)];
  if (/\btừ\b.*\bđến\b|\d\s*[-–]\s*\d/u.test(text)) return [warning('channels', 'fee-range', 'fee is a range; no plain amount', text)];
  const distinct = new Set([...own, ...amountsIn(context)].filter((a) => a.currency === 'VND').map((a) => a.value));
  if (distinct.size > 1) {
    const list = [...distinct].map((v) => `${formatVnd(v)} đồng`).join(', ');
    return [warning('channels', 'fee-several-amounts', `several amounts for one fee (${list}); no plain amount`, excerpt(context || text))];
  }
  return [];
}
