/**
 * Redis out of reach: at start (the port opens anyway: alive, not ready, everything else 503) and
 * after start (the API answers 503, never 500). A private redis-server on a free port plays the
 * Redis that comes and goes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from '../../src/dev/free-port';
import axios from 'axios';
import { createHarness, type Harness } from '../helpers';
import type { RunningApp } from '../../src/roles/app';

const get = (url: string) => axios.get(url, { validateStatus: () => true });

async function until<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  for (let i = 0; i < 200; i += 1) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('Redis out of reach', () => {
  let h: Harness;
  let redis: ChildProcess | undefined;
  let app: RunningApp | undefined;
  afterAll(async () => {
    await app?.close();
    redis?.kill('SIGKILL');
    await h.close();
  });

  it('at start the port opens: /healthz 200, /readyz 503, the webhook 503; ready once Redis answers; later the API says 503, not 500', async () => {
    h = await createHarness('startup');
    const [redisPort, httpPort] = [await freePort(), await freePort()];
    const starting = h.start({ web: true, worker: true }, { REDIS_URL: `redis://127.0.0.1:${redisPort}`, PORT: String(httpPort) });
    const base = `http://127.0.0.1:${httpPort}`;
    const alive = await until(async () => ((await get(`${base}/healthz`)).status === 200 ? true : undefined), 'the port to open');
    expect(alive).toBe(true);
    const notReady = await get(`${base}/readyz`);
    expect(notReady.status).toBe(503);
    expect(notReady.data.checks).toMatchObject({ redis: false, http: true, started: false });
    const webhook = await axios.post(`${base}/webhook/zalo`, {}, { validateStatus: () => true });
    expect(webhook.status).toBe(503);
    expect(webhook.headers['retry-after']).toBe('5');

    redis = spawn('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    });
    app = await starting;
    expect((await get(`${base}/readyz`)).status).toBe(200);
    const auth = { headers: { authorization: 'Bearer test-admin-token' }, validateStatus: () => true };
    expect((await axios.get(`${base}/api/v1/broadcasts`, auth)).status).toBe(200);

    redis.kill('SIGKILL');
    const down = await until(async () => {
      const res = await axios.get(`${base}/api/v1/broadcasts`, auth);
      return res.status === 200 ? undefined : res;
    }, 'Redis to be gone');
    expect(down.status).toBe(503);
    expect((await get(`${base}/readyz`)).status).toBe(503);

    // Redis back: the same process serves again (and can shut down cleanly).
    redis = spawn('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    });
    const back = await until(
      async () => ((await axios.get(`${base}/api/v1/broadcasts`, auth)).status === 200 ? true : undefined),
      'Redis to be back',
    );
    expect(back).toBe(true);
  }, 30_000);
});
