/**
 * PUT /api/v1/followers/<zalo user id> {village?, topics?, locale?} (officer, admin): creates or
 * updates a follower's segment (CONTRACT.md) → 201 when no record existed, else 200, with the
 * stored record. Villages and topics are matched without diacritics or case; unknown ones → 400
 * naming the field. GET /api/v1/followers/<id> (officer, admin) → the record, or 404.
 */
import { Router } from 'express';
import type { CommuneProfile } from '../../domain/commune/commune-profile';
import { followerInputSchema, zaloUserIdSchema } from '../../domain/followers/follower';
import { resolveFollowerInput } from '../../domain/followers/follower-input';
import type { FollowerRegistry } from '../../domain/followers/follower-registry';
import { requireRole } from './auth';
import { sendValidationError } from './validation-error';

export function createFollowersRouter(registry: FollowerRegistry, commune: CommuneProfile): Router {
  const router = Router();
  router.put('/api/v1/followers/:id', requireRole('officer'), async (req, res) => {
    const id = zaloUserIdSchema.safeParse(req.params.id);
    if (!id.success) return void res.status(400).json({ error: 'invalid request', fields: { id: id.error.issues[0]!.message } });
    const body = followerInputSchema.safeParse(req.body ?? {});
    if (!body.success) return sendValidationError(res, body.error);
    const resolved = resolveFollowerInput(commune, body.data);
    if (!resolved.ok) return void res.status(400).json({ error: 'invalid request', fields: resolved.fields });
    const { record, created } = await registry.update(id.data, resolved.change);
    res.status(created ? 201 : 200).json(record);
  });
  router.get('/api/v1/followers/:id', requireRole('officer'), async (req, res) => {
    const id = zaloUserIdSchema.safeParse(req.params.id);
    const record = id.success ? await registry.get(id.data) : undefined;
    if (!record) return void res.status(404).json({ error: 'no such follower' });
    res.json(record);
  });
  return router;
}
