/**
 * One module builds what the integration tests need: a real Redis under a unique KEY_PREFIX
 * (cleaned by key pattern afterwards — never FLUSHALL), a real fake-Zalo HTTP server, and the
 * service itself started through the same composition root as production.
 */
import { randomBytes } from 'node:crypto';
import axios from 'axios';
import { createClient } from 'redis';
import { loadConfig } from '../src/config';
import { startApp, type Roles, type RunningApp } from '../src/roles/app';
import { createFakeZalo, listenFakeZalo, type FakeZalo, type FakeZaloOptions, type StoredMessage } from '../src/dev/fake-zalo';
import { signedRequest, userTextEvent, type ZaloEvent } from '../src/dev/zalo-events';

export const IDS = {
  appId: '2553928453557884079',
  oaId: '3662729599332560487',
  oaSecretKey: 'test-oa-secret-key',
  appSecret: 'test-app-secret',
};

export function uniquePrefix(name: string): string {
  return `t-${name}-${process.pid}-${randomBytes(4).toString('hex')}`;
}

/** A 19-digit user id, beyond 2^53 like real ones. */
export function userId(): string {
  return `9${Array.from(randomBytes(18), (b) => b % 10).join('')}`;
}

export async function deleteKeys(prefix: string, url = 'redis://127.0.0.1:6379'): Promise<void> {
  const redis = createClient({ url });
  await redis.connect();
  for await (const batch of redis.scanIterator({ MATCH: `${prefix}:*`, COUNT: 500 })) {
    const keys = Array.isArray(batch) ? batch : [batch];
    if (keys.length) await redis.del(keys);
  }
  await redis.close();
}

/** Polls an asynchronous probe (an API read) until it gives something. */
export async function eventually<T>(probe: () => Promise<T | undefined | false>, what: string): Promise<T> {
  for (let tries = 0; tries < 100; tries += 1) {
    const value = await probe();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export function waitFor<T>(probe: () => T | undefined | false, timeoutMs = 5000, what = 'condition'): Promise<T> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const tick = () => {
      const value = probe();
      if (value) return resolve(value);
      if (Date.now() - started > timeoutMs) return reject(new Error(`timed out waiting for ${what}`));
      setTimeout(tick, 20);
    };
    tick();
  });
}

/** The harness's ADMIN_TOKEN. */
export const TEST_ADMIN_TOKEN = 'test-admin-token';

/** A new API token of `role` (its name the role unless given), minted through the API with the admin token. */
export async function mintToken(app: RunningApp, token: { role: string; name?: string; village?: string }): Promise<string> {
  const res = await axios.post(
    `http://127.0.0.1:${app.port}/api/v1/tokens`,
    { name: token.role, ...token },
    { headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } },
  );
  return (res.data as { token: string }).token;
}

export interface Harness {
  prefix: string;
  fake: FakeZalo;
  zaloUrl: string;
  env: Record<string, string>;
  apps: RunningApp[];
  /** Starts (another) process-equivalent of the service against the same Redis prefix. */
  start(roles: Roles, env?: Record<string, string>): Promise<RunningApp>;
  /** POSTs a signed event to the latest web app (or the one given); returns the HTTP status. */
  post(event: ZaloEvent | Record<string, unknown>, app?: RunningApp): Promise<number>;
  say(user: string, text: string): Promise<number>;
  messages(user: string): StoredMessage[];
  /** Says something and waits for the next message the bot sends back. */
  exchange(user: string, text: string): Promise<StoredMessage>;
  waitForMessages(user: string, count: number, timeoutMs?: number): Promise<StoredMessage[]>;
  close(): Promise<void>;
}

export async function createHarness(
  name: string,
  options: { env?: Record<string, string>; fake?: Partial<FakeZaloOptions> } = {},
): Promise<Harness> {
  const prefix = uniquePrefix(name);
  const fake = createFakeZalo({
    appId: IDS.appId,
    appSecret: IDS.appSecret,
    accessToken: 'access-0',
    refreshToken: 'refresh-0',
    ...options.fake,
  });
  const zalo = await listenFakeZalo(fake);
  const env: Record<string, string> = {
    PORT: '0',
    KEY_PREFIX: prefix,
    LOG_LEVEL: 'silent',
    ZALO_APP_ID: IDS.appId,
    ZALO_OA_ID: IDS.oaId,
    ZALO_OA_SECRET_KEY: IDS.oaSecretKey,
    ZALO_APP_SECRET: IDS.appSecret,
    ZALO_ACCESS_TOKEN: 'access-0',
    ZALO_REFRESH_TOKEN: 'refresh-0',
    ZALO_API_BASE: zalo.url,
    ZALO_OAUTH_BASE: zalo.url,
    ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    ...options.env,
  };
  const apps: RunningApp[] = [];
  let web: RunningApp | undefined;
  const harness: Harness = {
    prefix,
    fake,
    zaloUrl: zalo.url,
    env,
    apps,
    async start(roles, extra = {}) {
      const app = await startApp(loadConfig({ ...env, ...extra }), roles);
      apps.push(app);
      if (roles.web) web = app;
      return app;
    },
    async post(event, app) {
      const target = app ?? web;
      if (!target) throw new Error('no web app started');
      const request = signedRequest(event as ZaloEvent, { appId: IDS.appId, oaSecretKey: IDS.oaSecretKey });
      const res = await axios.post(`http://127.0.0.1:${target.port}/webhook/zalo`, request.body, {
        headers: request.headers,
        validateStatus: () => true,
      });
      return res.status;
    },
    say(user, text) {
      fake.recordInteraction(user);
      return harness.post(userTextEvent({ appId: IDS.appId, oaId: IDS.oaId, userId: user, text }));
    },
    messages: (user) => fake.messages(user),
    async exchange(user, text) {
      const before = fake.messages(user).length;
      await harness.say(user, text);
      return (await harness.waitForMessages(user, before + 1))[before]!;
    },
    waitForMessages: (user, count, timeoutMs = 5000) =>
      waitFor(() => fake.messages(user).length >= count && fake.messages(user), timeoutMs, `${count} messages to ${user}`),
    async close() {
      for (const app of apps.splice(0)) await app.close();
      await zalo.close();
      await deleteKeys(prefix);
    },
  };
  return harness;
}
