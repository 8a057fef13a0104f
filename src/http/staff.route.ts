/**
 * The staff directory (admin only): officers' Zalo ids and their roles.
 * PUT /api/v1/staff/<zalo user id> {role: "officer"|"admin", name} → 201 new / 200 changed ·
 * DELETE /api/v1/staff/<id> → 204, or 404 · GET /api/v1/staff → {staff: […]} ·
 * GET /api/v1/staff/audit → {entries: […]} newest first.
 */
import { Router } from 'express';
import { staffInputSchema, type StaffDirectory } from '../domain/access/staff-directory';
import { zaloUserIdSchema } from '../domain/followers/follower';
import { requireRole } from './auth';
import { sendFieldErrors, sendValidationError } from './validation-error';

export function createStaffRouter(staff: StaffDirectory): Router {
  const router = Router();
  const actorOf = (req: { principal?: { id: string; name: string } }) => ({ id: req.principal!.id, name: req.principal!.name });

  router.get('/api/v1/staff', requireRole(), async (_req, res) => {
    res.json({ staff: await staff.list() });
  });
  router.get('/api/v1/staff/audit', requireRole(), async (_req, res) => {
    res.json({ entries: await staff.auditTrail() });
  });
  router.put('/api/v1/staff/:id', requireRole(), async (req, res) => {
    const id = zaloUserIdSchema.safeParse(req.params.id);
    if (!id.success) return sendFieldErrors(res, { id: id.error.issues[0]!.message });
    const body = staffInputSchema.safeParse(req.body ?? {});
    if (!body.success) return sendValidationError(res, body.error);
    const { member, created } = await staff.put(id.data, body.data, actorOf(req));
    res.status(created ? 201 : 200).json(member);
  });
  router.delete('/api/v1/staff/:id', requireRole(), async (req, res) => {
    const removed = await staff.remove(String(req.params.id), actorOf(req));
    if (!removed) return void res.status(404).json({ error: 'no such staff member' });
    res.status(204).end();
  });
  return router;
}
