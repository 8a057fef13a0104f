/**
 * GET /api/v1/overview?period=today|month (officer) → today's or this month's figures and the
 * month day by day (src/domain/stats/overview.ts): the console's first page.
 */
import { Router } from 'express';
import { z } from 'zod';
import { overview, OVERVIEW_PERIODS, type OverviewSources } from '../domain/stats/overview';
import { requireRole } from './auth';
import { sendValidationError } from './validation-error';

const query = z.object({ period: z.enum(OVERVIEW_PERIODS).default('today') });

export function createOverviewRouter(sources: OverviewSources): Router {
  const router = Router();
  router.get('/api/v1/overview', requireRole('officer'), async (req, res) => {
    const parsed = query.safeParse(req.query);
    if (!parsed.success) return sendValidationError(res, parsed.error);
    res.json(await overview(sources, parsed.data.period));
  });
  return router;
}
