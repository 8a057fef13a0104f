/**
 * Redis faults against a private redis-server: frozen (SIGSTOP) and stopped (SIGTERM, AOF on).
 * The webhook answers within Zalo's 2 s either way — 200 once stored, else 503 — and once Redis
 * is back, every event Zalo redelivers is answered exactly once: nothing lost, nothing repeated.
 */
import axios from 'axios';
import { createHarness, IDS, userId, waitFor, type Harness } from '../helpers';
import { signedRequest, userTextEvent, type ZaloEvent } from '../../src/dev/zalo-events';
import type { RunningApp } from '../../src/roles/app';
import { startPrivateRedis, type PrivateRedis } from '../private-redis';

const ZALO_DEADLINE_MS = 2000;

describe('Redis faults', () => {
  let redis: PrivateRedis;
  let h: Harness;
  let app: RunningApp;
  let repliesToHello: number;

  beforeAll(async () => {
    redis = await startPrivateRedis();
    h = await createHarness('faults-redis', { env: { REDIS_URL: redis.url, LOG_LEVEL: process.env.FAULT_LOG_LEVEL ?? 'silent' } });
    app = await h.start({ web: true, worker: true });
    const probe = userId();
    await h.exchange(probe, 'xin chào');
    await new Promise((r) => setTimeout(r, 500));
    repliesToHello = h.messages(probe).length;
  });
  afterAll(async () => {
    await h.close();
    await redis.close();
  });

  /** One delivery as Zalo makes it: the status and how long the acknowledgement took. */
  async function deliver(event: ZaloEvent): Promise<{ status: number; ms: number }> {
    const request = signedRequest(event, { appId: IDS.appId, oaSecretKey: IDS.oaSecretKey });
    const started = Date.now();
    const res = await axios.post(`http://127.0.0.1:${app.port}/webhook/zalo`, request.body, {
      headers: request.headers,
      validateStatus: () => true,
      timeout: 15_000,
    });
    return { status: res.status, ms: Date.now() - started };
  }

  /** Zalo retries what was not acknowledged with 200 (the same body) until it is. */
  async function redeliverUntilAccepted(events: ZaloEvent[]): Promise<void> {
    let pending = events;
    for (let round = 0; pending.length > 0 && round < 50; round += 1) {
      const results = await Promise.all(pending.map(async (e) => [e, (await deliver(e)).status] as const));
      pending = results.filter(([, status]) => status !== 200).map(([e]) => e);
      if (pending.length) await new Promise((r) => setTimeout(r, 200));
    }
    expect(pending).toHaveLength(0);
  }

  async function expectEachAnsweredOnce(users: string[]): Promise<void> {
    // A drain cut off by the stop lets go of the inbox once Redis is back, and its job retries after 1 s; a job lost in the drop is re-queued 3 s after the reconnect.
    for (const user of users) await h.waitForMessages(user, repliesToHello, 60_000);
    await new Promise((r) => setTimeout(r, 1500)); // time for any duplicate to show
    for (const user of users) expect(h.messages(user)).toHaveLength(repliesToHello);
  }

  const helloFrom = (users: string[]) =>
    users.map((user) => {
      h.fake.recordInteraction(user);
      return userTextEvent({ appId: IDS.appId, oaId: IDS.oaId, userId: user, text: 'xin chào' });
    });

  it('frozen: every acknowledgement inside 2 s (503 fast once the freeze is seen); after the thaw each event answered once', async () => {
    const users = Array.from({ length: 60 }, () => userId());
    const events = helloFrom(users);
    redis.freeze();
    try {
      const first = await Promise.all(events.map(deliver));
      const slowest = Math.max(...first.map((r) => r.ms));
      expect(slowest).toBeLessThan(ZALO_DEADLINE_MS);
      expect(first.every((r) => r.status === 503)).toBe(true);
      // Once seen, refused at once.
      const again = await deliver(events[0]!);
      expect(again).toEqual({ status: 503, ms: expect.any(Number) });
      expect(again.ms).toBeLessThan(200);
      const ready = await axios.get(`http://127.0.0.1:${app.port}/readyz`, { validateStatus: () => true, timeout: 5000 });
      expect(ready.status).toBe(503);
    } finally {
      redis.thaw();
    }
    await waitFor(
      async () => (await axios.get(`http://127.0.0.1:${app.port}/readyz`, { validateStatus: () => true })).status === 200,
      10_000,
      'ready again',
    ).catch(() => undefined);
    await redeliverUntilAccepted(events);
    await expectEachAnsweredOnce(users);
  });

  it('stopped and started again (AOF): 503 while down, then every redelivered event answered once', async () => {
    const before = Array.from({ length: 10 }, () => userId());
    const stored = helloFrom(before);
    // Stored just before the stop: kept by the AOF, handled after the restart if not before.
    await redeliverUntilAccepted(stored);
    await redis.stop();
    const users = Array.from({ length: 20 }, () => userId());
    const events = helloFrom(users);
    const down = await Promise.all(events.map(deliver));
    expect(down.every((r) => r.status === 503 && r.ms < ZALO_DEADLINE_MS)).toBe(true);
    await redis.start();
    await redeliverUntilAccepted([...events, ...stored]);
    await expectEachAnsweredOnce([...before, ...users]);
  });
});
