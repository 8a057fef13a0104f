/** /console's static serving: the strict CSP on every answer, cache headers, and 503 until built. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import axios from 'axios';
import express from 'express';
import { CONSOLE_PATH, createConsoleRouter } from '../../src/http/console.route';

describe('/console static files', () => {
  let dir: string;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'console-'));
    const app = express();
    app.use(CONSOLE_PATH, createConsoleRouter(dir));
    server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  const get = (path: string) => axios.get(`${base}${path}`, { validateStatus: () => true, maxRedirects: 0 });

  it('not built: 503 with a page saying how to build it, under the same CSP', async () => {
    const res = await get('/console/');
    expect(res.status).toBe(503);
    expect(res.data).toContain('npm run build');
    expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
  });

  it('built: index.html is asked again each time, hashed assets are kept, nothing inline is allowed', async () => {
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>x</title>');
    writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
    const index = await get('/console/');
    expect(index.status).toBe(200);
    expect(index.headers['cache-control']).toBe('no-cache');
    const csp = String(index.headers['content-security-policy']);
    expect(csp.split('; ')).toEqual(
      expect.arrayContaining([
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' https: data:",
        "frame-ancestors 'none'",
      ]),
    );
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    const asset = await get('/console/assets/index-abc123.js');
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await get('/console')).status).toBe(301);
    expect((await get('/console/nothing-here.js')).status).toBe(404);
  });
});
