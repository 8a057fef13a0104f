/**
 * Webhook signature (docs/zalo-platform.md §1): `X-ZEvent-Signature: mac=<hex>` where
 * mac = sha256_hex(app_id + raw_body + timestamp + oa_secret_key) — a plain hash, not an HMAC,
 * over the exact bytes received. Some sources put the OA id first instead of the app id; both are
 * accepted and the caller logs which one matched, so real traffic tells us which is right.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

export type SignatureVariant = 'app_id' | 'oa_id';

export interface SignatureKeys {
  appId: string;
  /** The OA id to try as the first term; unset → the variant is not tried. */
  oaId?: string;
  oaSecretKey: string;
}

export function computeMac(firstTerm: string, rawBody: Buffer, timestamp: string, secret: string): string {
  return createHash('sha256').update(firstTerm, 'utf8').update(rawBody).update(timestamp, 'utf8').update(secret, 'utf8').digest('hex');
}

/** The header value Zalo would send for this body: used by the simulator and the tests. */
export function signatureHeader(firstTerm: string, rawBody: Buffer, timestamp: string, secret: string): string {
  return `mac=${computeMac(firstTerm, rawBody, timestamp, secret)}`;
}

/** Returns the variant that matched, or null. Never throws on malformed input. */
export function verifySignature(
  header: string | undefined,
  rawBody: Buffer,
  timestamp: string,
  keys: SignatureKeys,
): SignatureVariant | null {
  const match = /^mac=([0-9a-f]{64})$/i.exec(header?.trim() ?? '');
  if (!match?.[1]) return null;
  const given = Buffer.from(match[1].toLowerCase(), 'hex');
  const candidates: Array<[SignatureVariant, string | undefined]> = [
    ['app_id', keys.appId],
    ['oa_id', keys.oaId],
  ];
  let matched: SignatureVariant | null = null;
  // Every candidate is compared (no early exit) so timing does not reveal which term was tried.
  for (const [variant, term] of candidates) {
    if (!term) continue;
    const expected = Buffer.from(computeMac(term, rawBody, timestamp, keys.oaSecretKey), 'hex');
    if (timingSafeEqual(expected, given) && matched === null) matched = variant;
  }
  return matched;
}
