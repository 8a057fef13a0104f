/**
 * Zalo button titles should stay within 20 characters (docs/zalo-platform.md §2), but procedure and field
 * names run far longer: the full name goes in the message text, numbered, and the button carries
 * the number and as much of the name as fits, cut at a word. Names of one list often start alike
 * ("Đăng ký kết hôn", "Đăng ký kết hôn lưu động"): then their buttons show what tells them apart.
 */
const TITLE_LIMIT = 20;

/**
 * The buttons of a numbered list starting at `offset + 1`. A name whose cut button would read like
 * another's shows, after "…", the words that follow what it shares with the name closest to it.
 */
export function numberedLabels(names: readonly string[], offset = 0, limit = TITLE_LIMIT): string[] {
  const words = names.map((name) => name.split(/\s+/));
  const seen = names.map((name, i) => truncateWords(`${offset + i + 1}. ${name}`, limit));
  const reads = seen.map((label) => label.replace(/^\d+\.\s*/, '').replace(/…$/, ''));
  return names.map((name, i) => {
    const alike = reads.some((other, j) => j !== i && other === reads[i]);
    const own = words[i] ?? [];
    // A name that another merely extends ("… có yếu tố nước ngoài" / "… tại khu vực biên giới") is told by its own tail.
    const shares = words.map((other, j) => (j === i ? 0 : sharedLeadingWords(own, other))).filter((n) => n < own.length);
    const shared = Math.max(0, ...shares);
    if (!alike || shared === 0) return seen[i] ?? name;
    return truncateWords(`${offset + i + 1}. …${own.slice(shared).join(' ')}`, limit);
  });
}

/** How many words two names begin with alike (case aside). */
function sharedLeadingWords(a: readonly string[], b: readonly string[]): number {
  let shared = 0;
  while (shared < a.length && shared < b.length && a[shared]?.toLowerCase() === b[shared]?.toLowerCase()) shared += 1;
  return shared;
}

export function truncateWords(text: string, limit = TITLE_LIMIT): string {
  const chars = [...text.normalize('NFC')];
  if (chars.length <= limit) return chars.join('');
  const head = chars.slice(0, limit - 1).join('');
  const cut = head.lastIndexOf(' ');
  return `${(cut > limit / 2 ? head.slice(0, cut) : head).replace(/[\s,.;:–-]+$/, '')}…`;
}
