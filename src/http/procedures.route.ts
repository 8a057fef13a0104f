/**
 * Public catalogue API (docs/contract.md): GET /api/v1/procedures?q=&limit= ranks procedures for a
 * question; GET /api/v1/procedures/<code> returns one whole record. No token; rate-limited per
 * client by the caller's middleware.
 */
import { Router } from 'express';
import { z } from 'zod';
import type { ProcedureCatalogue } from '../domain/catalogue/catalogue';
import type { ProcedureFinder } from '../domain/catalogue/procedure-finder';
import { sendValidationError } from './validation-error';

const searchQuery = z.object({
  q: z.string().trim().min(1, 'is required').max(500, 'is longer than 500 characters'),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});

export function createProceduresRouter(catalogue: ProcedureCatalogue, search: ProcedureFinder): Router {
  const router = Router();
  router.get('/api/v1/procedures', (req, res) => {
    const parsed = searchQuery.safeParse(req.query);
    if (!parsed.success) return sendValidationError(res, parsed.error);
    const { hits, confidence } = search.search(parsed.data.q, parsed.data.limit);
    res.json({ results: hits.map(({ code, name, field, score }) => ({ code, name, field, score })), confidence });
  });
  router.get('/api/v1/procedures/:code', (req, res) => {
    const procedure = catalogue.get(req.params.code.trim());
    if (!procedure) {
      res.status(404).json({ error: `no procedure with code ${req.params.code}` });
      return;
    }
    res.json(procedure);
  });
  return router;
}
