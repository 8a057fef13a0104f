import axios from 'axios';
import { createHarness, type Harness } from '../helpers';
import type { RunningApp } from '../../src/roles/app';

describe('public procedures API', () => {
  let h: Harness;
  let app: RunningApp;
  let base: string;
  beforeAll(async () => {
    h = await createHarness('proc-api', { env: { PUBLIC_RATE_LIMIT_PER_MIN: '8' } });
    app = await h.start({ web: true, worker: false });
    base = `http://127.0.0.1:${app.port}/api/v1/procedures`;
  });
  afterAll(() => h.close());

  const get = (url: string) => axios.get(url, { validateStatus: () => true });

  it('ranks procedures for a question typed without diacritics', async () => {
    const res = await get(`${base}?q=${encodeURIComponent('lam giay khai sinh cho con')}&limit=3`);
    expect(res.status).toBe(200);
    expect(res.data.results.length).toBeGreaterThan(0);
    expect(res.data.results.length).toBeLessThanOrEqual(3);
    expect(res.data.results[0]).toEqual({
      code: '1.001193',
      name: expect.stringMatching(/khai sinh/i),
      field: 'Hộ tịch',
      score: expect.any(Number),
    });
    const scores = res.data.results.map((r: { score: number }) => r.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('returns the whole record by code, 404 for an unknown code', async () => {
    const res = await get(`${base}/1.001193`);
    expect(res.status).toBe(200);
    expect(res.data).toMatchObject({ code: '1.001193', field: 'Hộ tịch', channels: expect.any(Array), documentGroups: expect.any(Array) });
    expect((await get(`${base}/9.999999`)).status).toBe(404);
  });

  it('answers 400 with the fields for a missing question or a bad limit', async () => {
    const missing = await get(base);
    expect(missing.status).toBe(400);
    expect(missing.data.fields).toHaveProperty('q');
    const badLimit = await get(`${base}?q=khai%20sinh&limit=500`);
    expect(badLimit.status).toBe(400);
    expect(badLimit.data.fields).toHaveProperty('limit');
  });

  it('limits each client per minute with 429 and Retry-After', async () => {
    const fresh = await createHarness('proc-limit', { env: { PUBLIC_RATE_LIMIT_PER_MIN: '3' } });
    try {
      const limited = await fresh.start({ web: true, worker: false });
      const url = `http://127.0.0.1:${limited.port}/api/v1/procedures/1.001193`;
      const statuses = [];
      for (let i = 0; i < 4; i += 1) statuses.push((await get(url)).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const refused = await get(url);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    } finally {
      await fresh.close();
    }
  });
});
