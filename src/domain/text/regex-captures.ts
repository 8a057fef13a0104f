/**
 * Capture groups of a regex match as a typed tuple, for groups the pattern always fills (not under
 * `?`, `*` or one side of an alternation): a missing one is then a bug in the pattern, named as such
 * instead of surfacing later as `undefined`. Optional groups are read from the match directly.
 */
export class MissingCaptureError extends Error {
  override readonly name = 'MissingCaptureError';
}

/** `const [hours, minutes] = captures(m, 1, 2)`. */
export function captures<const I extends readonly number[]>(match: RegExpMatchArray, ...groups: I): { [K in keyof I]: string } {
  return groups.map((group) => {
    const value = match[group];
    if (value === undefined) throw new MissingCaptureError(`group ${group} of the match "${match[0]}" is empty`);
    return value;
  }) as { [K in keyof I]: string };
}
