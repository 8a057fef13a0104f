/**
 * A zod error as the fields at fault, one message each: the `fields` of docs/contract.md's 400
 * `{error, fields}`, used by the API and by domain services that report bad input themselves.
 * A key nobody asked for is named itself (`hamlet`, `audience.village`) rather than its object;
 * a body that is not an object at all is `body`.
 */
import type { z } from 'zod';

export type InputFields = Record<string, string>;

export const BODY_NOT_OBJECT = 'must be a JSON object';
const UNKNOWN_FIELD = 'is not a known field';

/** `root` prefixes every path (`audience` when only the audience was checked). */
export function inputFields(error: z.ZodError, root?: string): InputFields {
  const fields: InputFields = {};
  const put = (path: readonly PropertyKey[], message: string) => {
    fields[[root, ...path.map(String)].filter(Boolean).join('.') || 'body'] ??= message;
  };
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') for (const key of issue.keys) put([...issue.path, key], UNKNOWN_FIELD);
    else if (issue.code === 'invalid_type' && issue.expected === 'object' && !issue.path.length && !root) put([], BODY_NOT_OBJECT);
    else put(issue.path, issue.message);
  }
  return fields;
}
