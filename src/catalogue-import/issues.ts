/**
 * What a parser could not read, or a decision it took. Warnings mean "something was left unknown
 * or may be wrong: a person should look"; infos record a repair or a decision so the report can
 * explain the output. A record with no warning is "parsed cleanly".
 */
export type Severity = 'warning' | 'info';

export interface Issue {
  severity: Severity;
  /** The catalogue field concerned (channels, documentGroups, legalBases, …). */
  field: string;
  /** A stable kind, counted in the report summary (e.g. "time-without-unit"). */
  kind: string;
  message: string;
  /** A piece of the source text, to find the spot. */
  excerpt?: string;
}

function issue(severity: Severity, field: string, kind: string, message: string, excerpt?: string): Issue {
  return excerpt === undefined ? { severity, field, kind, message } : { severity, field, kind, message, excerpt };
}

export function warning(field: string, kind: string, message: string, excerpt?: string): Issue {
  return issue('warning', field, kind, message, excerpt);
}

export function info(field: string, kind: string, message: string, excerpt?: string): Issue {
  return issue('info', field, kind, message, excerpt);
}

/** A parser's answer: the value it could read and what it could not. */
export interface Parsed<T> {
  value: T;
  issues: Issue[];
}
