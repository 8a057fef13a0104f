/**
 * The dossier lookups for officers (issue 4's audit and guessing alerts):
 * GET /api/v1/dossiers/audit?from=&to=&code=&limit= → {from, to, counts per outcome, total,
 * entries: newest first, at most `limit`} — every lookup, the user hashed.
 * GET /api/v1/dossiers/alerts?from=&to= → {from, to, threshold, alerts} — codes that drew
 * `threshold` wrong second factors within an hour, and every code locked for everyone now.
 * Mounted before GET /api/v1/dossiers/<code>, which would otherwise take "audit" for a code.
 */
import { Router } from 'express';
import { z } from 'zod';
import { canonicalDossierCode } from '../domain/dossiers/dossier-code';
import type { LookupAudit } from '../domain/dossiers/lookup-audit';
import type { LookupOutcome } from '../domain/dossiers/lookup-guard';
import { periodQuery } from '../domain/period';
import { requireRole } from './auth';
import { sendValidationError } from './validation-error';

const OUTCOMES: LookupOutcome[] = ['shown', 'wrong_factor', 'locked', 'unavailable'];

const auditQuery = periodQuery({
  code: z.string().trim().min(1).max(80).transform(canonicalDossierCode).optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(500),
});

const iso = (ms: number) => new Date(ms).toISOString();

export function createDossierLookupsRouter(audit: LookupAudit): Router {
  const router = Router();
  const officer = requireRole('officer');

  router.get('/api/v1/dossiers/audit', officer, async (req, res) => {
    const parsed = auditQuery.safeParse(req.query);
    if (!parsed.success) return sendValidationError(res, parsed.error);
    const { from, to, code, limit } = parsed.data;
    const entries = (await audit.between(from, to)).filter((e) => !code || e.code === code);
    const counts = Object.fromEntries(OUTCOMES.map((o) => [o, entries.filter((e) => e.outcome === o).length]));
    res.json({ from: iso(from), to: iso(to), counts, total: entries.length, entries: entries.slice(0, limit) });
  });

  router.get('/api/v1/dossiers/alerts', officer, async (req, res) => {
    const parsed = periodQuery().safeParse(req.query);
    if (!parsed.success) return sendValidationError(res, parsed.error);
    const { from, to } = parsed.data;
    res.json({ from: iso(from), to: iso(to), threshold: audit.alertThreshold, alerts: await audit.alerts(from, to) });
  });
  return router;
}
