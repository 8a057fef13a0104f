/**
 * Zalo OA API failures, split by where they failed (as grammY splits HttpError from GrammyError):
 * `ZaloHttpError` — no usable answer came back (network, timeout, HTTP 5xx, not JSON);
 * `ZaloApiError` — Zalo answered with a non-zero `error` (docs/zalo-platform.md §6), classified once,
 * here, so every caller decides retries from the class and not from raw codes.
 */
export type ZaloErrorClass =
  | 'rate_limited' // back off and retry
  | 'token' // refresh once, retry once
  | 'outside_window' // 7-day rule: template channel or skip
  | 'unreachable' // the user cannot receive: skip, never retry
  | 'user_quota' // the user's receive quota: skip and report
  | 'night_ban' // this message type waits for 06:00
  | 'configuration' // the OA or app is not allowed: alert an operator
  | 'expired_attachment' // re-upload, then retry
  | 'permanent'; // the request itself is wrong: do not retry

const CLASSES: Record<number, ZaloErrorClass> = {
  [-32]: 'rate_limited',
  [-100]: 'expired_attachment',
  [-201]: 'permanent',
  [-210]: 'permanent',
  [-211]: 'configuration',
  [-213]: 'unreachable',
  [-216]: 'token',
  [-220]: 'token',
  [-124]: 'token',
  [-217]: 'unreachable',
  [-218]: 'user_quota',
  [-227]: 'unreachable',
  [-230]: 'outside_window',
  [-232]: 'outside_window',
  [-234]: 'night_ban',
  [-244]: 'unreachable',
  [-224]: 'configuration',
  [-221]: 'configuration',
  [-235]: 'configuration',
  [-14003]: 'configuration',
  [-14002]: 'configuration',
};

/** Codes Zalo documents nowhere are treated as permanent: retrying an unknown refusal risks duplicates. */
export function classifyZaloError(code: number): ZaloErrorClass {
  return CLASSES[code] ?? 'permanent';
}

export class ZaloApiError extends Error {
  override readonly name = 'ZaloApiError';
  readonly errorClass: ZaloErrorClass;

  constructor(
    readonly code: number,
    readonly endpoint: string,
    description: string,
  ) {
    super(`Zalo ${endpoint} refused with ${code}: ${description}`);
    this.errorClass = classifyZaloError(code);
  }
}

export class ZaloHttpError extends Error {
  override readonly name = 'ZaloHttpError';

  /**
   * The message never contains the URL's query or headers: they may carry the token.
   * `ambiguous`: the request may have reached Zalo (a timeout, a reset connection), so sending it
   * again might deliver the message twice.
   */
  constructor(
    readonly endpoint: string,
    readonly status: number | undefined,
    reason: string,
    readonly ambiguous = false,
  ) {
    super(`Zalo ${endpoint} unreachable${status ? ` (HTTP ${status})` : ''}${ambiguous ? ', outcome unknown' : ''}: ${reason}`);
  }
}

/** Checks the name as well as the class: errors crossing a job boundary lose their prototype. */
export function isZaloApiError(err: unknown): err is ZaloApiError {
  return err instanceof ZaloApiError || (err as { name?: string } | null)?.name === 'ZaloApiError';
}
