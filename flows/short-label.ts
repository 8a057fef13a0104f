/**
 * Zalo button titles should stay within 20 characters (docs/zalo-platform.md §2), but procedure and field
 * names run far longer: the full name goes in the message text, numbered, and the button carries
 * the number and as much of the name as fits, cut at a word.
 */
const TITLE_LIMIT = 20;

export function numberedLabel(n: number, name: string, limit = TITLE_LIMIT): string {
  return truncateWords(`${n}. ${name}`, limit);
}

export function truncateWords(text: string, limit = TITLE_LIMIT): string {
  const chars = [...text.normalize('NFC')];
  if (chars.length <= limit) return chars.join('');
  const head = chars.slice(0, limit - 1).join('');
  const cut = head.lastIndexOf(' ');
  return `${(cut > limit / 2 ? head.slice(0, cut) : head).replace(/[\s,.;:–-]+$/, '')}…`;
}
