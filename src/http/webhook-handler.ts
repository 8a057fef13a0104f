/**
 * POST /webhook/zalo, served by a plain `node:http` handler in front of the Express app: the
 * webhook is the hot path, and Express's routing and the garbage it makes cost more than the
 * checks themselves (issue 11, item 12). In order: the exact bytes are read (over the limit →
 * 413); they must be JSON (else 400); the signature over those bytes must match (else 401, and
 * nothing else happens); the timestamp must be fresh (else 401); the event must fit its schema
 * (else 400; unknown kinds → 200 and logged); then it is stored durably and only then acknowledged
 * with 200. While Redis is unreachable, or does not answer within the guard's deadline (frozen),
 * the answer is 503, so Zalo retries later.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics';
import type { Intake } from '../engine/intake';
import { hashId } from '../logger';
import { parseZaloEvent, sentByOa } from '../edge/zalo/events';
import { verifySignature, type SignatureKeys, type SignatureVariant } from '../edge/zalo/signature';
import type { RedisStallGuard } from '../store/stall-guard';

export const WEBHOOK_PATH = '/webhook/zalo';

export interface WebhookOptions {
  keys: SignatureKeys;
  bodyLimitBytes: number;
  /** Oldest acceptable `timestamp` (ms); 0 disables the check. */
  maxAgeMs: number;
  /** Runs the store step against a deadline, so a frozen Redis is a quick 503, not a request held open. */
  guard: Pick<RedisStallGuard, 'run'>;
  now?: () => number;
}

/** Zalo's clock and ours may disagree a little; a timestamp this far in the future is still fine. */
const FUTURE_SKEW_MS = 5 * 60_000;

/**
 * Without a configured OA id, the `oa_id`-first variant is tried with the OA id the event itself
 * names — safe, since the OA secret key is still needed to produce a matching mac.
 */
function oaIdOf(body: unknown): string | undefined {
  const event = (body ?? {}) as { oa_id?: unknown; event_name?: unknown; sender?: { id?: unknown }; recipient?: { id?: unknown } };
  const fromOa = typeof event.event_name === 'string' && sentByOa(event.event_name);
  const candidate = event.oa_id ?? (fromOa ? event.sender?.id : event.recipient?.id);
  return typeof candidate === 'string' ? candidate : undefined;
}

/** The hot path's answer: a constant body, no serialisation. */
const ACK = Buffer.from('{"ok":true}');

function answer(res: ServerResponse, status: number, body: Buffer | object, headers: Record<string, string> = {}): void {
  const bytes = Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body));
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': bytes.length, ...headers }).end(bytes);
}

/** The body's bytes, or 'too_large' once it passes the limit (the rest is not read). */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too_large'> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length'] ?? 0) > limit) {
      req.resume();
      resolve('too_large');
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        resolve('too_large');
        return;
      }
      chunks.push(chunk);
    });
    req.once('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size)));
    req.once('error', reject);
  });
}

export function createWebhookHandler(options: WebhookOptions, intake: Intake, metrics: Metrics, logger: Logger) {
  const now = options.now ?? Date.now;
  const seenVariants = new Set<SignatureVariant>();
  // Made on first use: most deliveries log nothing.
  const requestLog = (req: IncomingMessage) => {
    const header = req.headers['x-request-id'];
    const id = typeof header === 'string' && /^[\w.-]{1,64}$/.test(header) ? header : randomUUID();
    return logger.child({ reqId: id });
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const receivedAt = now();
    const raw = await readBody(req, options.bodyLimitBytes);
    if (raw === 'too_large') {
      metrics.events.inc({ kind: 'unparsed', result: 'too_large' });
      answer(res, 413, { error: 'body too large' }, { connection: 'close' });
      return;
    }
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      metrics.events.inc({ kind: 'unparsed', result: 'malformed' });
      answer(res, 400, { error: 'body is not JSON' });
      return;
    }
    const timestamp = (body as { timestamp?: unknown } | null)?.timestamp;
    const keys = { ...options.keys, oaId: options.keys.oaId ?? oaIdOf(body) };
    const signature = req.headers['x-zevent-signature'];
    const variant =
      typeof timestamp === 'string' ? verifySignature(typeof signature === 'string' ? signature : undefined, raw, timestamp, keys) : null;
    if (!variant) {
      metrics.events.inc({ kind: 'unverified', result: 'bad_signature' });
      requestLog(req).warn('webhook signature missing or wrong');
      answer(res, 401, { error: 'invalid signature' });
      return;
    }
    if (!seenVariants.has(variant)) {
      seenVariants.add(variant);
      requestLog(req).info({ variant }, 'webhook signature variant in use');
    }
    const age = receivedAt - Number(timestamp);
    if (options.maxAgeMs > 0 && (age > options.maxAgeMs || age < -FUTURE_SKEW_MS)) {
      metrics.events.inc({ kind: 'unverified', result: 'stale' });
      answer(res, 401, { error: 'timestamp outside the accepted window' });
      return;
    }
    const parsed = parseZaloEvent(body);
    if (parsed.status === 'invalid') {
      metrics.events.inc({ kind: parsed.kind, result: 'invalid' });
      requestLog(req).warn({ kind: parsed.kind, issues: parsed.issues }, 'webhook event does not fit its schema');
      answer(res, 400, { error: 'invalid event', issues: parsed.issues });
      return;
    }
    if (parsed.status === 'ignored') {
      metrics.events.inc({ kind: parsed.kind, result: parsed.reason });
      requestLog(req).info({ kind: parsed.kind, reason: parsed.reason }, 'webhook event ignored');
      answer(res, 200, ACK);
      return;
    }
    try {
      const outcome = await options.guard.run(() => intake.accept(parsed.event, receivedAt));
      metrics.events.inc({ kind: parsed.event.kind, result: outcome === 'new' ? 'accepted' : 'duplicate' });
      if (logger.isLevelEnabled('debug'))
        requestLog(req).debug({ kind: parsed.event.kind, user: hashId(parsed.event.userId), outcome }, 'webhook event stored');
      answer(res, 200, ACK);
    } catch (err) {
      metrics.events.inc({ kind: parsed.event.kind, result: 'unavailable' });
      requestLog(req).error({ err: err instanceof Error ? err.message : String(err) }, 'webhook event not stored: answering 503');
      answer(res, 503, { error: 'temporarily unavailable' }, { 'retry-after': '5' });
    }
  }

  return (req: IncomingMessage, res: ServerResponse): void => {
    handle(req, res).catch((err: unknown) => {
      requestLog(req).error({ err: err instanceof Error ? err.message : String(err) }, 'webhook request failed');
      if (!res.headersSent) answer(res, 400, { error: 'the request could not be read' });
    });
  };
}
