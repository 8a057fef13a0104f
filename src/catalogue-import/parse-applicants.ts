/**
 * Who may file (doi_tuong_thuc_hien): categories joined by ", ". Some categories contain commas
 * themselves — "Tổ chức (không bao gồm doanh nghiệp, HTX)", "Cán bộ, công chức, viên chức" — so
 * the text is split only outside parentheses, and a piece starting in lower case continues the one
 * before it (categories start with a capital).
 */
import { clean, isNoInfo } from './text';

/** Splits on commas outside parentheses. */
function topLevelPieces(text: string): string[] {
  const pieces: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth = Math.max(0, depth - 1);
    if (ch === ',' && depth === 0) {
      pieces.push(current);
      current = '';
    } else current += ch;
  }
  pieces.push(current);
  return pieces.map((p) => p.trim()).filter((p) => p !== '');
}

export function parseApplicants(text: string): string[] {
  if (isNoInfo(text)) return [];
  const categories: string[] = [];
  for (const piece of topLevelPieces(clean(text))) {
    const last = categories.length - 1;
    if (last >= 0 && /^\p{Ll}/u.test(piece)) categories[last] = `${categories[last]}, ${piece}`;
    else categories.push(piece);
  }
  return [...new Set(categories)];
}
