/** /healthz (alive), /readyz (Redis answers and this process's roles are up), /metrics (token or this machine). */
import { Router } from 'express';
import type { Registry } from 'prom-client';
import { metricsAccess } from './metrics-access';

export interface HealthOptions {
  /** Each named check resolves true when that part is ready. */
  checks: Record<string, () => Promise<boolean>>;
  registry: Registry;
  /** Refreshes gauges that are read on demand (queue depths) before a scrape. */
  beforeScrape?: () => Promise<void>;
  /** METRICS_TOKEN: unset → this machine only (metrics-access.ts). */
  metricsToken?: string;
}

export function createHealthRouter(options: HealthOptions): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const entries = await Promise.all(
      Object.entries(options.checks).map(async ([name, check]) => [name, await check().catch(() => false)] as const),
    );
    const ready = entries.every(([, ok]) => ok);
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', checks: Object.fromEntries(entries) });
  });
  router.get('/metrics', metricsAccess(options.metricsToken), async (_req, res) => {
    await options.beforeScrape?.().catch(() => undefined);
    res.type(options.registry.contentType).send(await options.registry.metrics());
  });
  return router;
}
