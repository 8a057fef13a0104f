/**
 * POST /webhook/zalo. In order: the exact bytes are read (over the limit → 413); they must be
 * JSON (else 400); the signature over those bytes must match (else 401, and nothing else
 * happens); the timestamp must be fresh (else 401); the event must fit its schema (else 400;
 * unknown kinds → 200 and logged); then it is stored durably and only then acknowledged with 200.
 * While Redis is unreachable, or does not answer within the guard's deadline (frozen), the answer
 * is 503, so Zalo retries later.
 */
import express, { Router, type Request, type Response } from 'express';
import type { Metrics } from '../../metrics';
import type { Intake } from '../../engine/intake';
import { hashId } from '../../logger';
import { parseZaloEvent, sentByOa } from '../zalo/events';
import { verifySignature, type SignatureKeys, type SignatureVariant } from '../zalo/signature';
import type { RedisStallGuard } from '../../store/stall-guard';

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

const ACK = Buffer.from('{"ok":true}');

/** The hot path's answer: a constant body, no serialisation. */
function acknowledge(res: Response): void {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': ACK.length }).end(ACK);
}

export function createWebhookRouter(options: WebhookOptions, intake: Intake, metrics: Metrics): Router {
  const router = Router();
  const now = options.now ?? Date.now;
  const seenVariants = new Set<SignatureVariant>();

  router.post('/webhook/zalo', express.raw({ type: () => true, limit: options.bodyLimitBytes }), async (req: Request, res: Response) => {
    const receivedAt = now();
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      metrics.events.inc({ kind: 'unparsed', result: 'malformed' });
      res.status(400).json({ error: 'body is not JSON' });
      return;
    }
    const timestamp = (body as { timestamp?: unknown } | null)?.timestamp;
    const keys = { ...options.keys, oaId: options.keys.oaId ?? oaIdOf(body) };
    const variant = typeof timestamp === 'string' ? verifySignature(req.get('x-zevent-signature'), raw, timestamp, keys) : null;
    if (!variant) {
      metrics.events.inc({ kind: 'unverified', result: 'bad_signature' });
      req.log.warn('webhook signature missing or wrong');
      res.status(401).json({ error: 'invalid signature' });
      return;
    }
    if (!seenVariants.has(variant)) {
      seenVariants.add(variant);
      req.log.info({ variant }, 'webhook signature variant in use');
    }
    const age = receivedAt - Number(timestamp);
    if (options.maxAgeMs > 0 && (age > options.maxAgeMs || age < -FUTURE_SKEW_MS)) {
      metrics.events.inc({ kind: 'unverified', result: 'stale' });
      res.status(401).json({ error: 'timestamp outside the accepted window' });
      return;
    }
    const parsed = parseZaloEvent(body);
    if (parsed.status === 'invalid') {
      metrics.events.inc({ kind: parsed.kind, result: 'invalid' });
      req.log.warn({ kind: parsed.kind, issues: parsed.issues }, 'webhook event does not fit its schema');
      res.status(400).json({ error: 'invalid event', issues: parsed.issues });
      return;
    }
    if (parsed.status === 'ignored') {
      metrics.events.inc({ kind: parsed.kind, result: parsed.reason });
      req.log.info({ kind: parsed.kind, reason: parsed.reason }, 'webhook event ignored');
      acknowledge(res);
      return;
    }
    try {
      const outcome = await options.guard.run(() => intake.accept(parsed.event, receivedAt));
      metrics.events.inc({ kind: parsed.event.kind, result: outcome === 'new' ? 'accepted' : 'duplicate' });
      if (req.log.isLevelEnabled('debug')) req.log.debug({ kind: parsed.event.kind, user: hashId(parsed.event.userId), outcome }, 'webhook event stored');
      acknowledge(res);
    } catch (err) {
      metrics.events.inc({ kind: parsed.event.kind, result: 'unavailable' });
      req.log.error({ err: err instanceof Error ? err.message : String(err) }, 'webhook event not stored: answering 503');
      res.status(503).json({ error: 'temporarily unavailable' });
    }
  });
  return router;
}
