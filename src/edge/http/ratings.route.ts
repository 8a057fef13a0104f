/**
 * GET /api/v1/ratings?from=&to=&format=json|csv (officer): satisfaction ratings per dossier and
 * the share satisfied, for the centre's reporting (QĐ 766/QĐ-TTg counts that share).
 */
import { Router } from 'express';
import { z } from 'zod';
import { satisfiedShare, type DossierFollows, type Rating } from '../../domain/dossiers/dossier-follows';
import { requireRole } from './auth';
import { sendValidationError } from './validation-error';

const DAY = 86_400_000;

const query = z
  .object({
    from: z.iso.date().or(z.iso.datetime({ offset: true })).optional(),
    to: z.iso.date().or(z.iso.datetime({ offset: true })).optional(),
    format: z.enum(['json', 'csv']).default('json'),
  })
  .transform((q) => {
    const to = q.to ? new Date(q.to.length === 10 ? Date.parse(q.to) + DAY - 1 : Date.parse(q.to)) : new Date();
    const from = q.from ? new Date(q.from) : new Date(to.getTime() - 30 * DAY);
    return { from, to, format: q.format };
  })
  .refine((q) => q.from <= q.to, { path: ['from'], message: 'is after to' });

const csvCell = (value: string | undefined) => `"${(value ?? '').replace(/"/g, '""')}"`;

function toCsv(ratings: Rating[]): string {
  const header = 'code,procedureCode,level,reason,at,rater';
  const rows = ratings.map((r) => [r.code, r.procedureCode, r.level, r.reason, r.at, r.rater].map(csvCell).join(','));
  return `${[header, ...rows].join('\r\n')}\r\n`;
}

export function createRatingsRouter(follows: DossierFollows): Router {
  const router = Router();
  router.get('/api/v1/ratings', requireRole('officer'), async (req, res) => {
    const parsed = query.safeParse(req.query);
    if (!parsed.success) return sendValidationError(res, parsed.error);
    const { from, to, format } = parsed.data;
    const ratings = await follows.ratings(from, to);
    if (format === 'csv') {
      res.type('text/csv; charset=utf-8').attachment(`ratings-${from.toISOString().slice(0, 10)}-${to.toISOString().slice(0, 10)}.csv`).send(`\uFEFF${toCsv(ratings)}`);
      return;
    }
    res.json({ from: from.toISOString(), to: to.toISOString(), count: ratings.length, satisfiedShare: satisfiedShare(ratings), ratings });
  });
  return router;
}
