/**
 * Who may read /metrics (queue depths, traffic by event kind: not for the public internet, and
 * the web role's port faces Zalo). With METRICS_TOKEN set, a scraper sends it as a bearer token
 * (Prometheus' `authorization` setting); without it, only this machine may read (Prometheus or an
 * agent beside the process). The client is `req.ip`, so behind a trusted proxy (TRUST_PROXY) a
 * forwarded outside client is not taken for a local one.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;
const digest = (value: string) => createHash('sha256').update(value).digest();

export function metricsAccess(token: string | undefined) {
  const expected = token === undefined ? undefined : digest(token);
  return (req: Request, res: Response, next: NextFunction) => {
    if (!expected) {
      if (LOOPBACK.test(req.ip ?? '')) return next();
      res.status(403).json({ error: '/metrics is served to this machine only; set METRICS_TOKEN to scrape it from elsewhere' });
      return;
    }
    const given = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '')?.[1];
    if (given && timingSafeEqual(digest(given), expected)) return next();
    res.status(401).set('www-authenticate', 'Bearer').json({ error: 'a valid bearer token is required' });
  };
}
