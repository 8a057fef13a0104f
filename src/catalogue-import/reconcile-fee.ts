/**
 * A flat amount in the fee cell checked against the remark beside it. The portal's cell often
 * says less than its remark, and a citizen told the cell alone would be told wrong:
 * - the remark hands the amount to the provincial council (1.001612: "150.000" in the cell, "Mức
 *   lệ phí cụ thể do Hội đồng nhân dân tỉnh quyết định" in the remark) → who sets it, no amount;
 * - the remark gives the rate with its unit and lower tiers (2.000942: "2.000" in the cell,
 *   "2.000 đồng/trang; từ trang thứ 3 trở lên thu 1.000 đồng/trang, tối đa …" in the remark) →
 *   the remark's rate;
 * - the remark states another amount for this very channel (1.002755 online: "5.000" in the cell,
 *   "nộp hồ sơ qua cổng dịch vụ công trực tuyến thu 7.000 đồng/lần đăng ký" in the remark) → the
 *   remark's amount, which names the channel;
 * - the remark limits the amount to a case (1.004194 in person: "Đăng ký tạm trú theo danh sách:
 *   … thu 10.000 đồng/người/lần") → the amount with that case, and no plain amount.
 */
import type { Channel } from '../domain/catalogue/procedure';
import { feeSetElsewhere, setElsewhereFeeText } from '../domain/catalogue/fee';
import { info, type Issue, type Parsed } from './issues';
import type { Fee } from './parse-fee';
import { clean } from './text';
import { captures } from '../domain/text/regex-captures';

const FLAT = /^(\d{1,3}(?:\.\d{3})*) đồng(\/[\p{L} ]+)?$/u;

/** How the remark names a channel before its amount ("nộp hồ sơ trực tiếp thu 10.000 đồng"). */
const CHANNEL_WORDS: Record<Channel['kind'], RegExp> = {
  online: /trực tuyến|cổng dịch vụ công/u,
  in_person: /trực tiếp/u,
  post: /bưu chính/u,
};

/** "thu 7.000 đồng/lần đăng ký": the amount and its unit. */
const STATED = /thu (\d{1,3}(?:[.,]\d{3})+|\d+) ?đồng((?:\/[\p{L} ]+?)*)(?=[;.,)]|$)/gu;

function toNumber(digits: string): number {
  return Number(digits.replace(/[.,]/g, ''));
}

function formatVnd(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** The remark's rate clause that starts with the cell's amount and goes on with tiers. */
function tieredRate(notes: string, amount: number): string | null {
  const text = clean(notes);
  const start = text.indexOf(`${formatVnd(amount)} đồng/`);
  if (start < 0 || !/từ trang thứ/u.test(text)) return null;
  const clause = text
    .slice(start)
    .split(/\.\s/u)[0]!
    .replace(/[.;\s]+$/u, '');
  return clause.replace(/ thu (?=\d)/gu, ' ').replace(/tối đa thu không quá/u, 'tối đa');
}

export function reconcileFee(kind: Channel['kind'], fee: Fee, notes: string | null): Parsed<Fee> {
  const flat = fee.feeText ? FLAT.exec(fee.feeText) : null;
  if (!flat || !notes) return { value: fee, issues: [] };
  const amount = toNumber(captures(flat, 1)[0]);
  const issues: Issue[] = [];
  const say = (kindOfRepair: string, message: string) => issues.push(info('channels', kindOfRepair, `${kind}: ${message}`));
  if (feeSetElsewhere(notes) === 'province') {
    say('fee-flat-set-by-council', `flat "${fee.feeText}" dropped: the remark says the provincial council sets the fee`);
    return { value: { feeText: setElsewhereFeeText('province', notes), feeVnd: null }, issues };
  }
  const tiered = tieredRate(notes, amount);
  if (tiered) {
    say('fee-rate-from-remark', `"${fee.feeText}" → the remark's rate "${tiered}"`);
    return { value: { feeText: tiered, feeVnd: null }, issues };
  }
  for (const sentence of clean(notes).split(/;\s|\.\s|\n/u)) {
    const stated = [...sentence.matchAll(STATED)][0];
    if (!stated || !CHANNEL_WORDS[kind].test(sentence)) continue;
    const value = toNumber(captures(stated, 1)[0]);
    const unit = stated[2] ?? '';
    if (/theo danh sách/u.test(sentence)) {
      say('fee-limited-to-case', `"${fee.feeText}" is for registration by list only`);
      return { value: { feeText: `${formatVnd(value)} đồng${unit} khi đăng ký theo danh sách`, feeVnd: null }, issues };
    }
    if (value !== amount)
      say('fee-amount-from-remark', `the cell's "${fee.feeText}" → the remark's ${formatVnd(value)} đồng for this channel`);
    return { value: { feeText: `${formatVnd(value)} đồng${unit}`, feeVnd: value }, issues };
  }
  return { value: fee, issues };
}
