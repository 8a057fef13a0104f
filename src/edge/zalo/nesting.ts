/**
 * How deeply a parsed JSON value nests, checked without recursion: JSON.parse accepts bodies
 * nested tens of thousands of levels deep, but JSON.stringify (storing the event) overflows the
 * stack on them. Zalo's events nest a handful of levels; anything far deeper is not an event.
 */
export const MAX_EVENT_DEPTH = 32;

/** True when some array or object inside `value` sits deeper than `max` levels. Linear in its size. */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 1]];
  for (let entry = stack.pop(); entry !== undefined; entry = stack.pop()) {
    const [current, depth] = entry;
    if (current === null || typeof current !== 'object') continue;
    if (depth > max) return true;
    for (const child of Object.values(current)) if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return false;
}
