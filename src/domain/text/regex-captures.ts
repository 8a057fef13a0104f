/**
 * Capture groups of a regex match as a typed tuple, for groups the pattern always fills (not under
 * `?`, `*` or one side of an alternation): a missing one is then a bug in the pattern, named as such
 * instead of surfacing later as `undefined`. Optional groups are read from the match directly.
 */
export class MissingCaptureError extends Error {
  override readonly name = 'MissingCaptureError';
}

/**
 * `const [hours, minutes] = captures(m, 1, 2)`. A string stands for what grammY passes handlers
 * as `ctx.match` when the trigger was a string rather than a regex: it has no groups.
 */
export function captures<const I extends readonly number[]>(match: RegExpMatchArray | string, ...groups: I): { [K in keyof I]: string } {
  return groups.map((group) => {
    const value = typeof match === 'string' ? undefined : match[group];
    if (value === undefined)
      throw new MissingCaptureError(`group ${group} of the match "${typeof match === 'string' ? match : match[0]}" is empty`);
    return value;
  }) as { [K in keyof I]: string };
}
