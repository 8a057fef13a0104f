/**
 * Bearer tokens on the admin API: 401 without a valid token, 403 for a role that may not do it
 * (docs/contract.md), 503 when the tokens cannot be read (Redis out of reach). `admin` may do everything.
 */
import type { NextFunction, Request, Response } from 'express';
import type { ApiTokens, Principal, Role } from '../domain/access/api-tokens';

declare module 'express-serve-static-core' {
  interface Request {
    principal?: Principal;
  }
}

export function authenticate(tokens: ApiTokens) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const match = /^Bearer\s+(\S{8,200})$/i.exec(req.get('authorization') ?? '');
    // Redis out of reach is not a bad token: it reaches the error handler (503, try again soon).
    const principal = match?.[1] ? await tokens.verify(match[1]) : undefined;
    if (!principal) {
      res.status(401).set('www-authenticate', 'Bearer').json({ error: 'a valid bearer token is required' });
      return;
    }
    req.principal = principal;
    next();
  };
}

export function requireRole(...roles: Role[]) {
  return (req: Request, res: Response, next: NextFunction) => {
    const role = req.principal?.role;
    if (role === 'admin' || (role && roles.includes(role))) return next();
    res.status(403).json({ error: `this needs the ${['admin', ...roles].join(' or ')} role` });
  };
}
