/**
 * What the citizen receives (ket_qua_xu_ly): "<result>Mã: KQ.G15.000031<result>Mã: …" then the
 * page's trailer ("Từ khóa…", "Mô tả…", "Chọn cơ quan thực hiện…"), which is cut off. Result
 * codes are internal to the portal and dropped.
 */
import { info, warning, type Issue, type Parsed } from './issues';
import { clean, excerpt, isNoInfo, stripBullet, stripTrailingPunctuation } from './text';

/** Where the results end: the rest of the page. */
const TRAILER = /Từ khóa|Chọn cơ quan thực hiện/u;

/** "Mã: KQ.G24.000053", "Mã: 000.00.00.G11-KQ3554", "Mã: TP-G12.00011112", even "Mã: dsfas". */
const RESULT_CODE = /Mã:\s*(?:\S*?\d(?=\p{Lu}|\s|$)|\p{Ll}+(?=\p{Lu}|\s|$))/gu;

export function parseResults(text: string): Parsed<string[]> {
  const body = text.split(TRAILER)[0] ?? '';
  if (isNoInfo(body)) return { value: [], issues: [warning('results', 'no-results', 'no result in the source')] };
  const issues: Issue[] = [];
  const parts = body
    .split(RESULT_CODE)
    .map((p) => stripTrailingPunctuation(stripBullet(clean(p))))
    .filter((p) => p !== '' && p !== 'Không có thông tin');
  if (!/Mã:/u.test(body)) issues.push(info('results', 'result-without-code', 'result given as free text (no "Mã:")', excerpt(body)));
  return { value: [...new Set(parts)], issues };
}
