/**
 * POST /api/v1/broadcasts/audience-count {audience} (officer) → {count}: how many followers the
 * audience reaches now, as POST /api/v1/broadcasts would freeze it (unfollowed and "stop all"
 * left out) — the composer's live preview. The audience is the create body's, checked the same way.
 */
import { Router } from 'express';
import { z } from 'zod';
import { audienceSchema } from '../domain/broadcasts/broadcast';
import type { BroadcastService } from '../domain/broadcasts/broadcast-service';
import type { CommuneProfile } from '../domain/commune/commune-profile';
import { requireRole } from './auth';
import { jsonBody, sendValidationError } from './validation-error';

export function createBroadcastAudienceRouter(service: Pick<BroadcastService, 'countAudience'>, commune: CommuneProfile): Router {
  const body = z.strictObject({ audience: audienceSchema(commune) });
  const router = Router();
  router.post('/api/v1/broadcasts/audience-count', requireRole('officer'), async (req, res) => {
    const parsed = body.safeParse(jsonBody(req));
    if (!parsed.success) return sendValidationError(res, parsed.error);
    res.json({ count: await service.countAudience(parsed.data.audience) });
  });
  return router;
}
