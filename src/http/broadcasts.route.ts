/**
 * Broadcasts on the admin API (docs/contract.md), officer and admin:
 * POST /api/v1/broadcasts → 201 the broadcast (`sending` when it goes now, `scheduled` for a later
 * `sendAt`; a `sendAt` without an offset is Vietnam time; times come back in UTC)
 * GET /api/v1/broadcasts?status=&limit= (newest first) · GET /api/v1/broadcasts/<id> (status, counts, skip reasons) · GET …/<id>/log (the delivery log)
 * POST /api/v1/broadcasts/<id>/cancel → the broadcast · GET /api/v1/audit/broadcasts (admin): every
 * broadcast action with its actor, newest first. Each route is one call into the service or store.
 */
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { BROADCAST_STATUSES, type Actor } from '../domain/broadcasts/broadcast';
import { BroadcastInputError, type BroadcastService } from '../domain/broadcasts/broadcast-service';
import type { BroadcastStore } from '../domain/broadcasts/broadcast-store';
import { requireRole } from './auth';
import { jsonBody, sendFieldErrors, sendValidationError } from './validation-error';

const listQuery = z.object({
  status: z.enum(BROADCAST_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
const logQuery = z.object({
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

function actorOf(req: Request): Actor {
  const principal = req.principal!;
  return { kind: 'token', id: principal.id, name: principal.name };
}

function notFound(res: Response): void {
  res.status(404).json({ error: 'no such broadcast' });
}

export function createBroadcastsRouter(service: BroadcastService, store: BroadcastStore): Router {
  const router = Router();
  const officer = requireRole('officer');

  router.post('/api/v1/broadcasts', officer, async (req, res) => {
    try {
      const created = await service.create(jsonBody(req), actorOf(req));
      req.log.info({ broadcast: created.id, by: req.principal?.id }, 'broadcast created');
      res.status(201).json(created);
    } catch (err) {
      if (!(err instanceof BroadcastInputError)) throw err;
      sendFieldErrors(res, err.fields);
    }
  });

  router.get('/api/v1/broadcasts', officer, async (req, res) => {
    const query = listQuery.safeParse(req.query);
    if (!query.success) return sendValidationError(res, query.error);
    res.json({ broadcasts: await service.list(query.data) });
  });

  router.get('/api/v1/broadcasts/:id', officer, async (req, res) => {
    const found = await service.get(String(req.params.id));
    if (!found) return notFound(res);
    res.json(found);
  });

  router.get('/api/v1/broadcasts/:id/log', officer, async (req, res) => {
    const query = logQuery.safeParse(req.query);
    if (!query.success) return sendValidationError(res, query.error);
    const id = String(req.params.id);
    if (!(await service.get(id))) return notFound(res);
    res.json({ entries: await store.deliveryLog(id, query.data.offset, query.data.limit) });
  });

  router.get('/api/v1/audit/broadcasts', requireRole(), async (req, res) => {
    const query = logQuery.pick({ limit: true }).safeParse(req.query);
    if (!query.success) return sendValidationError(res, query.error);
    res.json({ entries: await store.auditLog(query.data.limit) });
  });

  router.post('/api/v1/broadcasts/:id/cancel', officer, async (req, res) => {
    const cancelled = await service.cancel(String(req.params.id), actorOf(req));
    if (!cancelled) return notFound(res);
    req.log.info({ broadcast: cancelled.id, by: req.principal?.id }, 'broadcast cancel');
    res.json(cancelled);
  });
  return router;
}
