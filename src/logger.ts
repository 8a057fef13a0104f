/**
 * pino JSON logs. Personal data is kept to the minimum: user ids go through `hashId`, and every
 * path that could carry a secret is redacted even if a caller passes it by mistake.
 */
import { createHash } from 'node:crypto';
import pino, { type Logger } from 'pino';

export type { Logger };

const REDACT = [
  'access_token',
  'refresh_token',
  'accessToken',
  'refreshToken',
  'secret',
  'secret_key',
  'token',
  'authorization',
  '*.access_token',
  '*.refresh_token',
  '*.accessToken',
  '*.refreshToken',
  '*.secret_key',
  '*.authorization',
  'headers.authorization',
  'headers.access_token',
];

export function createLogger(level: string, base: Record<string, unknown> = {}): Logger {
  return pino({ level, base: { ...base }, redact: { paths: REDACT, censor: '[redacted]' } });
}

let salt = 'zoa';
/** The salt makes ids in logs unlinkable across deployments; set once at start from a secret. */
export function setLogSalt(value: string): void {
  salt = value;
}

/** A short stable pseudonym for a user id: enough to follow one chat through the logs. */
export function hashId(id: string): string {
  return createHash('sha256').update(salt).update(id).digest('hex').slice(0, 12);
}
