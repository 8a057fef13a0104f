/**
 * POST /api/v1/tokens (admin) → 201 {id, token}, shown once · DELETE /api/v1/tokens/<id> (admin) ·
 * GET /api/v1/tokens (admin) → {tokens: [{id, role, name, village?, createdAt}]}, never a secret.
 */
import { Router } from 'express';
import { z } from 'zod';
import { ROLES, type ApiTokens } from '../domain/access/api-tokens';
import { findVillage, type CommuneProfile } from '../domain/commune/commune-profile';
import { COMMUNE_TEAM } from '../domain/teams/team';
import { requireRole } from './auth';
import { sendValidationError } from './validation-error';

export function createTokensRouter(tokens: ApiTokens, commune: CommuneProfile): Router {
  // A village of the profile, or `commune` for the commune-level team's token.
  const villageOf = (typed: string) => (typed.trim().toLowerCase() === COMMUNE_TEAM ? COMMUNE_TEAM : findVillage(commune, typed));
  const body = z
    .strictObject({
      role: z.enum(ROLES),
      name: z.string().trim().min(1, 'is required').max(100),
      village: z.string().trim().min(1).optional(),
    })
    .superRefine((b, ctx) => {
      if (b.role === 'team' && !b.village) ctx.addIssue({ code: 'custom', path: ['village'], message: 'is required for a team token' });
      if (b.village && !villageOf(b.village))
        ctx.addIssue({ code: 'custom', path: ['village'], message: 'is not a village of the commune profile (or `commune`)' });
    });

  const router = Router();
  router.post('/api/v1/tokens', requireRole(), async (req, res) => {
    const parsed = body.safeParse(req.body);
    if (!parsed.success) return sendValidationError(res, parsed.error);
    const village = parsed.data.village ? villageOf(parsed.data.village) : undefined;
    const created = await tokens.create({ role: parsed.data.role, name: parsed.data.name, ...(village ? { village } : {}) });
    req.log.info({ tokenId: created.id, role: parsed.data.role, by: req.principal?.id }, 'api token created');
    res.status(201).json(created);
  });
  router.get('/api/v1/tokens', requireRole(), async (_req, res) => {
    res.json({ tokens: await tokens.list() });
  });
  router.delete('/api/v1/tokens/:id', requireRole(), async (req, res) => {
    if (!(await tokens.revoke(String(req.params.id)))) {
      res.status(404).json({ error: 'no such token' });
      return;
    }
    req.log.info({ tokenId: req.params.id, by: req.principal?.id }, 'api token revoked');
    res.status(204).end();
  });
  return router;
}
