/**
 * Bearer tokens: a token that cannot be checked because Redis is out of reach is a 503 (try again
 * soon), never a 401 that would tell the one-stop system its token is wrong.
 */
import axios from 'axios';
import { createHarness, type Harness } from '../helpers';
import { startPrivateRedis, type PrivateRedis } from '../private-redis';

describe('authentication while Redis is out of reach', () => {
  let redis: PrivateRedis;
  let h: Harness;
  beforeAll(async () => {
    redis = await startPrivateRedis();
    h = await createHarness('auth-redis', { env: { REDIS_URL: redis.url } });
  });
  afterAll(async () => {
    await h.close();
    await redis.close();
  });

  it('a stored token is 503 while its record cannot be read, 200 again once it can', async () => {
    const app = await h.start({ web: true, worker: false });
    const api = `http://127.0.0.1:${app.port}/api/v1`;
    const created = await axios.post(
      `${api}/tokens`,
      { role: 'officer', name: 'Chị Hoa' },
      { headers: { authorization: 'Bearer test-admin-token' } },
    );
    const officer = { headers: { authorization: `Bearer ${created.data.token}` }, validateStatus: () => true };
    expect((await axios.get(`${api}/broadcasts`, officer)).status).toBe(200);
    await redis.stop();
    const down = await axios.get(`${api}/broadcasts`, officer);
    expect(down.status).toBe(503);
    expect(down.headers['retry-after']).toBe('5');
    await redis.start();
    for (let i = 0; i < 100 && (await axios.get(`${api}/broadcasts`, officer)).status !== 200; i += 1)
      await new Promise((r) => setTimeout(r, 100));
    expect((await axios.get(`${api}/broadcasts`, officer)).status).toBe(200);
  });
});
