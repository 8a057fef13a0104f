/**
 * PUT /api/v1/followers/<zalo user id> {village?, topics?, locale?} (officer, admin): creates or
 * updates a follower's segment (docs/contract.md) → 201 when no record existed, else 200, with the
 * stored record. Villages and topics are matched without diacritics, case or spacing; a bad request
 * → 400 naming every field at fault at once (the id, the body's shape, unknown names). GET /api/v1/followers/<id> (officer, admin) → the record, or 404.
 */
import { Router } from 'express';
import type { CommuneProfile } from '../domain/commune/commune-profile';
import { zaloUserIdSchema } from '../domain/followers/follower';
import { followerChangeSchema } from '../domain/followers/follower-input';
import type { FollowerRegistry } from '../domain/followers/follower-registry';
import { inputFields } from '../domain/input-fields';
import { requireRole } from './auth';
import { jsonBody, sendFieldErrors } from './validation-error';

export function createFollowersRouter(registry: FollowerRegistry, commune: CommuneProfile): Router {
  const router = Router();
  const changeSchema = followerChangeSchema(commune);
  router.put('/api/v1/followers/:id', requireRole('officer'), async (req, res) => {
    const id = zaloUserIdSchema.safeParse(req.params.id);
    const change = changeSchema.safeParse(jsonBody(req));
    if (!id.success || !change.success) {
      return sendFieldErrors(res, {
        ...(id.success ? {} : inputFields(id.error, 'id')),
        ...(change.success ? {} : inputFields(change.error)),
      });
    }
    const { record, created } = await registry.update(id.data, change.data);
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
