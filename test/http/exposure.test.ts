/**
 * What the port shows to the network: /metrics only to this machine unless METRICS_TOKEN is set
 * (then to whoever sends it), and HOST=127.0.0.1 (what `npm run dev` uses) keeps the port off
 * every other interface.
 */
import { networkInterfaces } from 'node:os';
import axios from 'axios';
import { createHarness, type Harness } from '../helpers';

const get = (url: string, headers: Record<string, string> = {}) => axios.get(url, { headers, validateStatus: () => true, timeout: 2000 });

describe('exposure of the port', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness('exposure');
  });
  afterAll(() => h.close());

  it('without METRICS_TOKEN, /metrics answers this machine only (a forwarded outside client is refused)', async () => {
    const app = await h.start({ web: true, worker: false }, { TRUST_PROXY: 'loopback' });
    const url = `http://127.0.0.1:${app.port}/metrics`;
    expect((await get(url)).status).toBe(200);
    expect((await get(url, { 'x-forwarded-for': '203.0.113.9' })).status).toBe(403);
    expect((await get(`http://127.0.0.1:${app.port}/healthz`, { 'x-forwarded-for': '203.0.113.9' })).status).toBe(200);
  });

  it('with METRICS_TOKEN, /metrics wants it as a bearer token, from anywhere', async () => {
    const app = await h.start({ web: true, worker: false }, { METRICS_TOKEN: 'scrape-token-0123456789' });
    const url = `http://127.0.0.1:${app.port}/metrics`;
    expect((await get(url)).status).toBe(401);
    expect((await get(url, { authorization: 'Bearer wrong-token-0123456789' })).status).toBe(401);
    const ok = await get(url, { authorization: 'Bearer scrape-token-0123456789' });
    expect(ok.status).toBe(200);
    expect(ok.data).toMatch(/zoa_webhook_events_total/);
  });

  const outsideAddress = Object.values(networkInterfaces())
    .flat()
    .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
  (outsideAddress ? it : it.skip)('HOST=127.0.0.1 listens on this machine only; the default listens on every interface', async () => {
    const local = await h.start({ web: true, worker: false }, { HOST: '127.0.0.1' });
    expect((await get(`http://127.0.0.1:${local.port}/healthz`)).status).toBe(200);
    await expect(get(`http://${outsideAddress}:${local.port}/healthz`)).rejects.toThrow(/ECONNREFUSED/);
    const open = await h.start({ web: true, worker: false });
    expect((await get(`http://${outsideAddress}:${open.port}/healthz`)).status).toBe(200);
  });
});
