/** A request id on every request (taken from X-Request-Id when a proxy set one) and a child logger. */
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '../logger';

declare module 'express-serve-static-core' {
  interface Request {
    id: string;
    log: Logger;
  }
}

export function requestContext(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction) => {
    const header = req.get('x-request-id');
    const id = header && /^[\w.-]{1,64}$/.test(header) ? header : randomUUID();
    req.id = id;
    // Made on first use: most requests (webhook deliveries) log nothing.
    let child: Logger | undefined;
    Object.defineProperty(req, 'log', { get: () => (child ??= logger.child({ reqId: id })), configurable: true });
    res.setHeader('x-request-id', id);
    next();
  };
}
