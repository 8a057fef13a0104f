import { createClient } from 'redis';
import { createLogger } from '../../../src/logger';
import { createMetrics, type Metrics } from '../../../src/metrics';
import { createKeys, type Keys } from '../../../src/store/keys';
import type { RedisClient } from '../../../src/store/redis';
import { TokenStore } from '../../../src/edge/zalo/token-store';
import { InteractionLedger } from '../../../src/edge/zalo/interaction-ledger';
import { ZaloOaClient } from '../../../src/edge/zalo/oa-client';
import { ZaloApiError, ZaloHttpError } from '../../../src/edge/zalo/errors';
import { createFakeZalo, listenFakeZalo, type FakeZalo } from '../../../src/dev/fake-zalo';
import { deleteKeys, IDS, uniquePrefix, userId, waitFor } from '../../helpers';

const CS = '/v3.0/oa/message/cs';
const logger = createLogger('silent');

describe('Zalo OA client', () => {
  let redis: RedisClient;
  let fake: FakeZalo;
  let zalo: { url: string; close(): Promise<void> };
  let prefix: string;
  let keys: Keys;
  let metrics: Metrics;
  let sleeps: number[];

  beforeAll(async () => {
    redis = createClient();
    await redis.connect();
    fake = createFakeZalo({ appId: IDS.appId, appSecret: IDS.appSecret, accessToken: 'access-0', refreshToken: 'refresh-0' });
    zalo = await listenFakeZalo(fake);
  });
  beforeEach(() => {
    fake.reset();
    prefix = uniquePrefix('client');
    keys = createKeys(prefix);
    metrics = createMetrics();
    sleeps = [];
  });
  afterEach(() => deleteKeys(prefix));
  afterAll(async () => {
    await zalo.close();
    await redis.close();
  });

  function tokens() {
    return new TokenStore(
      redis,
      keys,
      {
        appId: IDS.appId,
        appSecret: IDS.appSecret,
        oauthBase: zalo.url,
        initial: { accessToken: 'access-0', refreshToken: 'refresh-0' },
        refreshAfterMs: 12 * 3_600_000,
      },
      logger,
      metrics,
    );
  }

  function client(store = tokens(), timeoutMs = 2000) {
    const sleep = async (ms: number) => {
      sleeps.push(ms);
    };
    return new ZaloOaClient(
      { apiBase: zalo.url, timeoutMs, attempts: 4, buttonTemplateType: false, sleep },
      store,
      new InteractionLedger(redis, keys),
      metrics,
      logger,
    );
  }

  const reachable = () => {
    const user = userId();
    fake.recordInteraction(user);
    return user;
  };

  it('sends with the access_token header and returns the message id', async () => {
    const user = reachable();
    const id = await client().sendConsultation(user, {
      text: 'Chào bạn',
      buttons: [{ title: 'Menu', type: 'oa.query.hide', payload: '#q:menu' }],
    });
    expect(id).toMatch(/\w+/);
    expect(fake.messages(user)[0]).toMatchObject({
      text: 'Chào bạn',
      buttons: [{ title: 'Menu', type: 'oa.query.hide', payload: '#q:menu' }],
    });
  });

  it('backs off and retries on -32 (rate limit), from 1 s with jitter', async () => {
    const user = reachable();
    fake.failNext(CS, -32, 2);
    await client().sendConsultation(user, { text: 'x' });
    expect(fake.messages(user)).toHaveLength(1);
    expect(sleeps).toHaveLength(2);
    expect(sleeps[0]).toBeGreaterThanOrEqual(500);
    expect(sleeps[0]).toBeLessThanOrEqual(1000);
    expect(sleeps[1]).toBeGreaterThanOrEqual(1000);
    expect(sleeps[1]).toBeLessThanOrEqual(2000);
  });

  it('gives up after the configured attempts', async () => {
    fake.failNext(CS, -32, 10);
    await expect(client().sendConsultation(reachable(), { text: 'x' })).rejects.toMatchObject({ code: -32, errorClass: 'rate_limited' });
    expect(sleeps).toHaveLength(3);
  });

  it.each([
    [-213, 'unreachable'],
    [-217, 'unreachable'],
    [-201, 'permanent'],
    [-210, 'permanent'],
    [-218, 'user_quota'],
    [-234, 'night_ban'],
    [-224, 'configuration'],
  ])('does not retry %i (%s)', async (code, errorClass) => {
    fake.failNext(CS, code);
    const err = await client()
      .sendConsultation(reachable(), { text: 'x' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ZaloApiError);
    expect(err).toMatchObject({ code, errorClass });
    expect(sleeps).toHaveLength(0);
  });

  it('corrects the interaction ledger on -230', async () => {
    const user = userId(); // never interacted at the fake
    await redis.hSet(keys.profile(user), 'lastInteraction', String(Date.now() - 1000));
    const ledger = new InteractionLedger(redis, keys);
    expect(await ledger.window(user)).toBe('free');
    await expect(client().sendConsultation(user, { text: 'x' })).rejects.toMatchObject({ code: -230, errorClass: 'outside_window' });
    expect(await ledger.window(user)).toBe('closed');
  });

  it('retries a send that never reached Zalo, but not one whose outcome is unknown', async () => {
    const user = reachable();
    fake.delayNext(CS, 600, 1);
    const slow = await client(tokens(), 300)
      .sendConsultation(user, { text: 'chậm' })
      .catch((e: unknown) => e);
    expect(slow).toBeInstanceOf(ZaloHttpError);
    expect((slow as ZaloHttpError).ambiguous).toBe(true);
    expect(sleeps).toHaveLength(0);
    const down = new ZaloOaClient(
      { apiBase: 'http://127.0.0.1:1', timeoutMs: 300, attempts: 3, buttonTemplateType: false, sleep: async (ms) => void sleeps.push(ms) },
      tokens(),
      new InteractionLedger(redis, keys),
      metrics,
      logger,
    );
    const refused = await down.sendConsultation(user, { text: 'x' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ZaloHttpError);
    expect((refused as ZaloHttpError).ambiguous).toBe(false);
    expect(sleeps).toHaveLength(2);
    // The slow call is still held by the fake: let it land, or it takes the next test's scripted failure.
    await waitFor(() => fake.messages(user).length === 1, 5000, 'the slow send to land');
  });

  it('refreshes once on -216 and retries once', async () => {
    const user = reachable();
    fake.failNext(CS, -216);
    await client().sendConsultation(user, { text: 'x' });
    expect(fake.refreshCount).toBe(1);
    expect(fake.messages(user)).toHaveLength(1);
    fake.failNext(CS, -216, 2);
    await expect(client().sendConsultation(user, { text: 'y' })).rejects.toMatchObject({ code: -216 });
    expect(fake.refreshCount).toBe(2);
  });

  it('20 concurrent -216 answers, in two processes, cause exactly one refresh', async () => {
    // Zalo no longer accepts the stored access token; the refresh token is still good.
    const revoked = { accessToken: 'revoked', refreshToken: 'refresh-0', issuedAt: Date.now(), expiresAt: Date.now() + 3_600_000 };
    await redis.set(keys.tokens, JSON.stringify(revoked));
    const a = client(tokens());
    const b = client(tokens());
    const users = Array.from({ length: 20 }, reachable);
    await Promise.all(users.map((u, i) => (i % 2 ? a : b).sendConsultation(u, { text: 'đồng thời' })));
    expect(fake.refreshCount).toBe(1);
    for (const u of users) expect(fake.messages(u)).toHaveLength(1);
  });

  it('persists the rotated pair so a restarted process uses it, not the environment pair', async () => {
    const first = tokens();
    await first.current();
    fake.failNext(CS, -216);
    await client(first).sendConsultation(reachable(), { text: 'x' });
    const rotated = fake.currentTokens();
    expect(rotated.accessToken).not.toBe('access-0');
    const afterRestart = tokens();
    expect(await afterRestart.current()).toMatchObject(rotated);
    await client(afterRestart).sendConsultation(reachable(), { text: 'still works' });
    expect(fake.refreshCount).toBe(1);
  });

  it('refreshes ahead of expiry, and counts a failed refresh', async () => {
    let now = Date.now();
    const store = new TokenStore(
      redis,
      keys,
      {
        appId: IDS.appId,
        appSecret: IDS.appSecret,
        oauthBase: zalo.url,
        initial: { accessToken: 'access-0', refreshToken: 'refresh-0' },
        refreshAfterMs: 12 * 3_600_000,
        now: () => now,
      },
      logger,
      metrics,
    );
    expect(await store.refreshIfDue()).toBe(false);
    now += 13 * 3_600_000;
    expect(await store.refreshIfDue()).toBe(true);
    expect(fake.refreshCount).toBe(1);
    now += 13 * 3_600_000;
    fake.failNext('/v4/oa/access_token', -14020);
    await expect(store.refreshIfDue()).rejects.toThrow(/refused/);
    expect(await metrics.registry.getSingleMetricAsString('zoa_token_refreshes_total')).toMatch(/result="failure"} 1/);
  });
});
