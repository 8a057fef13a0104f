/**
 * GET /api/v1/me (any role) → {role, name, village?}: who the bearer token is, for the console's
 * sign-in check (a wrong or revoked token is a 401 from `authenticate`). The token's id stays out.
 */
import { Router } from 'express';

export function createMeRouter(): Router {
  const router = Router();
  router.get('/api/v1/me', (req, res) => {
    if (!req.principal) return void res.status(401).json({ error: 'a valid bearer token is required' });
    const { role, name, village } = req.principal;
    res.json({ role, name, ...(village ? { village } : {}) });
  });
  return router;
}
