/**
 * /admin/queues: Bull Board, the BullMQ ecosystem's dashboard (jobs waiting, active, delayed,
 * failed, with their data and errors, retry and clean), for operators, behind the admin token.
 * A browser has no way to send a bearer token, so the token is also taken as the password of HTTP
 * Basic authentication (any user name): the browser asks for it once. Only the `admin` role passes.
 */
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Queue } from 'bullmq';
import type { NextFunction, Request, Response, Router } from 'express';
import type { ApiTokens } from '../domain/access/api-tokens';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';

/** The token from `Authorization: Bearer <token>` or `Authorization: Basic <base64 user:token>`. */
function tokenOf(req: Request): string | undefined {
  const header = req.get('authorization') ?? '';
  const bearer = /^Bearer\s+(\S{8,200})$/i.exec(header)?.[1];
  if (bearer) return bearer;
  const basic = /^Basic\s+([A-Za-z0-9+/=]{4,400})$/i.exec(header)?.[1];
  if (!basic) return undefined;
  const decoded = Buffer.from(basic, 'base64').toString('utf8');
  return decoded.slice(decoded.indexOf(':') + 1) || undefined;
}

function adminOnly(tokens: ApiTokens) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const token = tokenOf(req);
    // A Redis outage reaches the error handler (503), like the API's.
    const principal = token ? await tokens.verify(token) : undefined;
    if (principal?.role === 'admin') return next();
    if (principal) {
      res.status(403).json({ error: 'the queue dashboard needs the admin role' });
      return;
    }
    res
      .status(401)
      .set('www-authenticate', 'Basic realm="queues", charset="UTF-8"')
      .json({ error: 'the admin token is required (as a bearer token, or as the password)' });
  };
}

export function createQueueDashboard(queues: Queue[], tokens: ApiTokens): { router: Router; middleware: ReturnType<typeof adminOnly> } {
  const server = new ExpressAdapter();
  server.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    queues: queues.map((q) => new BullMQAdapter(q)),
    serverAdapter: server,
    options: { uiConfig: { boardTitle: 'Zalo OA queues' } },
  });
  return { router: server.getRouter() as Router, middleware: adminOnly(tokens) };
}
