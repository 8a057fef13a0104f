/**
 * Typos of the portal's text that a citizen would read as they are ("cai nghiên", "Quân đội nhân
 * nhân nhân"), corrected everywhere in a built procedure. Only unambiguous slips are listed.
 */
const TYPOS: [RegExp, string][] = [
  [/cai nghiên(?![\p{L}])/gu, 'cai nghiện'],
  [/Quân đội nhân(?: nhân)+(?![\p{L}])/gu, 'Quân đội nhân dân'],
];

export function repairTypos(text: string): string {
  return TYPOS.reduce((t, [typo, right]) => t.replace(typo, right), text);
}

/** Every string of a value with its typos repaired (a new value; the input is left alone). */
export function repairTyposDeep<T>(value: T): T {
  if (typeof value === 'string') return repairTypos(value) as T;
  if (Array.isArray(value)) return value.map(repairTyposDeep) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, repairTyposDeep(v)])) as T;
  return value;
}
