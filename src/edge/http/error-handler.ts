/**
 * The one place that chooses an HTTP status for an error that escaped a route. Errors from body
 * parsing carry their own 4xx status (413 too large, 400 unreadable); anything else is logged
 * and answered 500 without details.
 */
import type { NextFunction, Request, Response } from 'express';

export function errorHandler() {
  return (err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const status = (err as { status?: number; statusCode?: number }).status ?? (err as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500) {
      res.status(status).json({ error: status === 413 ? 'body too large' : 'bad request' });
      return;
    }
    req.log?.error({ err: err instanceof Error ? err.message : String(err) }, 'unhandled error');
    res.status(500).json({ error: 'internal error' });
  };
}
