/**
 * The one place that chooses an HTTP status for an error that escaped a route. Errors from body
 * parsing carry their own 4xx status (413 too large, 400 unreadable); Redis out of reach is 503
 * with Retry-After (the caller may try again soon); anything else is logged and answered 500
 * without details.
 */
import type { NextFunction, Request, Response } from 'express';
import { isRedisUnavailable } from '../store/redis';
import { isUnparsableBody, sendUnparsableBody } from './validation-error';

export function errorHandler() {
  return (err: unknown, req: Request, res: Response, _next: NextFunction) => {
    // Malformed JSON or a top-level string or number: 400 {error, fields: {body}} like any bad input.
    if (isUnparsableBody(err)) return sendUnparsableBody(res);
    const status = (err as { status?: number; statusCode?: number }).status ?? (err as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500) {
      res.status(status).json({ error: status === 413 ? 'body too large' : 'bad request' });
      return;
    }
    if (isRedisUnavailable(err)) {
      req.log?.warn({ err: (err as Error).message }, 'redis unavailable: answering 503');
      res.status(503).set('Retry-After', '5').json({ error: 'temporarily unavailable' });
      return;
    }
    req.log?.error({ err: err instanceof Error ? err.message : String(err) }, 'unhandled error');
    res.status(500).json({ error: 'internal error' });
  };
}
