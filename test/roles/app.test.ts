import axios from 'axios';
import { createHarness, userId, type Harness } from '../helpers';

describe('roles and health', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness('roles');
  });
  afterAll(() => h.close());

  it('a worker-only process serves health and metrics, but no webhook', async () => {
    const worker = await h.start({ web: false, worker: true });
    const base = `http://127.0.0.1:${worker.port}`;
    expect((await axios.get(`${base}/healthz`)).status).toBe(200);
    const ready = await axios.get(`${base}/readyz`);
    expect(ready.data.checks).toEqual({ redis: true, worker: true, http: true, started: true });
    expect((await axios.get(`${base}/metrics`)).data).toMatch(/zoa_queue_jobs\{queue="inbound",state="waiting"\}/);
    expect((await axios.post(`${base}/webhook/zalo`, {}, { validateStatus: () => true })).status).toBe(404);
  });

  it('a web-only process is ready without a worker, and shuts down cleanly', async () => {
    const web = await h.start({ web: true, worker: false });
    const base = `http://127.0.0.1:${web.port}`;
    const ready = await axios.get(`${base}/readyz`);
    expect(ready.data.checks).toEqual({ redis: true, http: true, started: true });
    await web.close();
    await expect(axios.get(`${base}/healthz`, { timeout: 500 })).rejects.toThrow();
  });

  it('loses no event when its worker stops mid-stream', async () => {
    for (const app of h.apps) await app.close();
    await h.start({ web: true, worker: false });
    const worker = await h.start({ web: false, worker: true });
    const user = userId();
    await h.say(user, 'menu');
    await h.say(user, 'hi');
    await worker.close();
    await h.start({ web: false, worker: true });
    await h.waitForMessages(user, 2);
  });
});
