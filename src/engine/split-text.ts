/**
 * Zalo refuses text over 2000 characters counted after NFC normalisation (-210). Long answers are
 * split at the best boundary before the limit: a blank line, then a line break, then a sentence
 * end, then a space — only as a last resort in the middle of a word.
 */
export const ZALO_TEXT_LIMIT = 2000;

const BOUNDARIES: RegExp[] = [/\n\s*\n/g, /\n/g, /[.!?…](?=\s)/g, /\s/g];

export function splitText(text: string, limit = ZALO_TEXT_LIMIT): string[] {
  const parts: string[] = [];
  let rest = text.normalize('NFC').trim();
  while ([...rest].length > limit) {
    const cut = cutPoint(rest, limit);
    parts.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest.length > 0 || parts.length === 0) parts.push(rest);
  return parts;
}

/** The index (in UTF-16 units) after the last good boundary within `limit` code points. */
function cutPoint(text: string, limit: number): number {
  const window = [...text].slice(0, limit).join('');
  for (const boundary of BOUNDARIES) {
    let best = -1;
    for (const m of window.matchAll(boundary)) best = m.index + m[0].length;
    // A boundary in the first third would leave a uselessly short part; try a finer one.
    if (best > window.length / 3) return best;
  }
  return window.length;
}
