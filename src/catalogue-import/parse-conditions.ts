/**
 * Conditions (yeu_cau_dieu_kien). "Không có thông tin" is unknown; "Không" / "Không có" says there
 * are none. Both leave nothing to tell a citizen, so both are null; real conditions keep their
 * line breaks (they are usually "- …" lists).
 */
import { cleanLines, isNoInfo } from './text';

const NONE = /^(?:Không|Không có|Không quy định)\.?$/iu;

export function parseConditions(text: string): string | null {
  if (isNoInfo(text)) return null;
  const lines = cleanLines(text);
  return NONE.test(lines) ? null : lines;
}
