/**
 * Text helpers shared by the parsers. The portal's text mixes NFC and NFD, no-break spaces, tabs
 * and hard line wraps; everything the catalogue stores goes through here so it is NFC with single
 * spaces.
 */

/** The portal's placeholder for an empty cell. */
const NO_INFO = 'Không có thông tin';

/** NFC, every run of whitespace (line breaks, tabs, no-break spaces) as one space, trimmed. */
export function clean(text: string): string {
  return text.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/** Like clean(), but keeps line breaks (lists in conditions read better line by line). */
export function cleanLines(text: string): string {
  return text
    .normalize('NFC')
    .split(/\r?\n/)
    .map((line) => line.replace(/\s+/gu, ' ').trim())
    .filter((line) => line.length > 0)
    .join('\n');
}

/** True when a cell says nothing: empty, or the portal's "Không có thông tin". */
export function isNoInfo(text: string): boolean {
  const cleaned = clean(text);
  return cleaned === '' || cleaned === NO_INFO;
}

/** Null for an empty or "Không có thông tin" cell, the cleaned text otherwise. */
export function cleanOrNull(text: string): string | null {
  return isNoInfo(text) ? null : clean(text);
}

/** A short piece of the source for the report, so a reader can find the spot. */
export function excerpt(text: string, max = 100): string {
  const cleaned = clean(text);
  return cleaned.length <= max ? cleaned : `${cleaned.slice(0, max - 1)}…`;
}

/** Cut at a word boundary to at most max characters (with an ellipsis when cut). */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[,;:.\s]+$/u, '')}…`;
}

/** Leading list marks ("- ", "+ ", "* ", "•", "+)") and stray separators the portal keeps in table cells. */
export function stripBullet(text: string): string {
  return text.replace(/^[\s\-+*•–.,;]+\)?/u, '').trim();
}

/** Trailing separators left when a cell was cut out of a sentence. */
export function stripTrailingPunctuation(text: string): string {
  return text.replace(/[\s;,:.]+$/u, '').trim();
}

/** Upper-case the first letter of a first word ("đăng ký" → "Đăng ký"); list marks like "a)" stay. */
export function capitalise(text: string): string {
  return /^\p{Ll}\p{L}/u.test(text) ? text.charAt(0).toLocaleUpperCase('vi') + text.slice(1) : text;
}
