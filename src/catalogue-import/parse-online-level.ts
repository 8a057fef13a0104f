/**
 * Whether the procedure can be done fully online (toàn trình) or partly (một phần). Only read when
 * the text says it of the online service ("dịch vụ công trực tuyến toàn trình", "trực tuyến một
 * phần"): "hủy bỏ một phần di chúc" or "hỗ trợ một phần mức đóng" say nothing about it.
 */
import { warning, type Parsed } from './issues';
import { captures } from '../domain/text/regex-captures';

const LEVEL = /(?:dịch vụ công|trực\s+tuyến)\s+(?:trực\s+tuyến\s+)?(toàn trình|một phần)/giu;

export function parseOnlineLevel(rawText: string): Parsed<'full' | 'partial' | null> {
  const levels = new Set([...rawText.normalize('NFC').matchAll(LEVEL)].map((m) => captures(m, 1)[0].toLocaleLowerCase('vi')));
  if (levels.size === 0) return { value: null, issues: [] };
  if (levels.size > 1) {
    return {
      value: null,
      issues: [warning('onlineLevel', 'online-level-ambiguous', 'the text says both "toàn trình" and "một phần"; left unknown')],
    };
  }
  return { value: levels.has('toàn trình') ? 'full' : 'partial', issues: [] };
}
