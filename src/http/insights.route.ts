/**
 * GET /api/v1/insights/unanswered?from=&to=&limit= (officer/admin): the learning loop's report —
 * the messages the bot could not place with confidence in the period, grouped by their folded
 * text, the largest groups first, each with how many people sent it, one way it was typed, what
 * the bot offered and what people did next. A group goes away once an example in
 * data/intents.json or a word in the search vocabulary places it.
 */
import { Router } from 'express';
import { z } from 'zod';
import type { UnplacedLog } from '../domain/insights/unplaced-log';
import { periodQuery } from '../domain/period';
import { requireRole } from './auth';
import { sendValidationError } from './validation-error';

const query = periodQuery({ limit: z.coerce.number().int().min(1).max(500).default(50) });

export function createInsightsRouter(log: Pick<UnplacedLog, 'groups'>): Router {
  const router = Router();
  router.get('/api/v1/insights/unanswered', requireRole('officer'), async (req, res) => {
    const parsed = query.safeParse(req.query);
    if (!parsed.success) return sendValidationError(res, parsed.error);
    const { from, to, limit } = parsed.data;
    // The period's end is exclusive; the log's range is inclusive.
    const groups = await log.groups(from, to - 1, limit);
    res.json({
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      groups: groups.map((g) => ({ ...g, lastAt: new Date(g.lastAt).toISOString() })),
    });
  });
  return router;
}
