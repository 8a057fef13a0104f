/**
 * /console: the officers' and teams' web console (console/, built by `npm run build` into
 * dist/console). Static files only — the pages call the API with the token the person typed — under
 * a strict Content-Security-Policy: nothing but this origin's own scripts, styles and calls; images
 * may also come from https: links (an announcement's image, a citizen's photo) and data: URLs.
 * Hashed assets are cached for good; index.html is always asked again, so a new build shows at once.
 * Not built: 503 with a page that says how to build it.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { Router, type Response } from 'express';
import { projectRoot } from '../project-root';

export const CONSOLE_PATH = '/console';

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' https: data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const NOT_BUILT = `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>Console</title></head><body>
<h1>Bảng điều khiển chưa được dựng · The console has not been built</h1>
<p>Chạy <code>npm run build</code> (hoặc <code>npm run build:console</code>) rồi tải lại trang.</p>
<p>Run <code>npm run build</code> (or <code>npm run build:console</code>), then reload this page.</p>
</body></html>
`;

function defaultConsoleDir(): string {
  return join(projectRoot(), 'dist', 'console');
}

function secure(res: Response): void {
  res.set({
    'content-security-policy': CSP,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
  });
}

export function createConsoleRouter(dir = defaultConsoleDir()): Router {
  const router = Router();
  const index = join(dir, 'index.html');
  router.use((req, res, next) => {
    secure(res);
    // Looked at on each request: a console built after the service started is served at once.
    if (existsSync(index)) return next();
    res.status(503).type('html').set('retry-after', '60').send(NOT_BUILT);
  });
  router.use(
    express.static(dir, {
      index: 'index.html',
      setHeaders: (res, path) => {
        res.set('cache-control', path.startsWith(join(dir, 'assets')) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    }),
  );
  router.use((_req, res) => {
    res.status(404).type('text').send('not found');
  });
  return router;
}
