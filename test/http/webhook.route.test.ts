import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import axios from 'axios';
import { createClient } from 'redis';
import { signatureHeader } from '../../src/edge/zalo/signature';
import { followEvent, signedRequest, userTextEvent } from '../../src/dev/zalo-events';
import { loadConfig } from '../../src/config';
import { startApp, type RunningApp } from '../../src/roles/app';
import { createHarness, IDS, userId, type Harness } from '../helpers';

describe('POST /webhook/zalo', () => {
  let h: Harness;
  let app: RunningApp;
  let url: string;

  beforeAll(async () => {
    h = await createHarness('webhook');
    app = await h.start({ web: true, worker: false });
    url = `http://127.0.0.1:${app.port}/webhook/zalo`;
  });
  afterAll(() => h.close());

  const pending = (user: string) => app.redis.lLen(app.keys.inbox(user));
  const post = (body: Buffer | string, headers: Record<string, string>) =>
    axios.post(url, body, { headers: { 'content-type': 'application/json', ...headers }, validateStatus: () => true });

  it('stores a signed event before answering 200', async () => {
    const user = userId();
    const status = await h.post(userTextEvent({ appId: IDS.appId, oaId: IDS.oaId, userId: user, text: 'Xin chào' }));
    expect(status).toBe(200);
    expect(await pending(user)).toBe(1);
    expect(await app.redis.hGet(app.keys.profile(user), 'lastInteraction')).toMatch(/^\d+$/);
  });

  it('stores a retried delivery once', async () => {
    const user = userId();
    const event = userTextEvent({ appId: IDS.appId, oaId: IDS.oaId, userId: user, text: 'một lần thôi' });
    expect(await h.post(event)).toBe(200);
    expect(await h.post(event)).toBe(200);
    expect(await pending(user)).toBe(1);
  });

  it('answers a signed event nested too deep to store with 400, every time, and stores nothing', async () => {
    const user = userId();
    const event = userTextEvent({ appId: IDS.appId, oaId: IDS.oaId, userId: user, text: 'sâu' });
    // 20,000 levels parse fine but overflow JSON.stringify when stored; ~40 KB, well under the limit.
    const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
    const body = Buffer.from(
      JSON.stringify({ ...event, message: { ...(event.message as object), extra: 'DEEP' } }).replace('"DEEP"', deep),
    );
    const signed = { 'x-zevent-signature': signatureHeader(IDS.appId, body, event.timestamp, IDS.oaSecretKey) };
    expect((await post(body, signed)).status).toBe(400);
    expect((await post(body, signed)).status).toBe(400);
    expect(await pending(user)).toBe(0);
    // A reasonably nested event still passes.
    expect(await h.post({ ...event, message: { ...(event.message as object), extra: [[[{ a: [1] }]]] } })).toBe(200);
  });

  it('refuses a forged, missing or wrong-secret signature with 401 and stores nothing', async () => {
    const user = userId();
    const event = userTextEvent({ appId: IDS.appId, oaId: IDS.oaId, userId: user, text: 'giả mạo' });
    const { body } = signedRequest(event, IDS);
    expect((await post(body, {})).status).toBe(401);
    expect((await post(body, { 'x-zevent-signature': `mac=${'a'.repeat(64)}` })).status).toBe(401);
    expect((await post(body, { 'x-zevent-signature': signatureHeader(IDS.appId, body, event.timestamp, IDS.appSecret) })).status).toBe(401);
    expect(await pending(user)).toBe(0);
  });

  it('accepts the oa_id-first signature variant, with the OA id from the event when none is configured', async () => {
    const bare = await h.start({ web: true, worker: false }, { ZALO_OA_ID: '' });
    const other = userId();
    const text = userTextEvent({ appId: IDS.appId, oaId: IDS.oaId, userId: other, text: 'oa id' });
    const textBody = Buffer.from(JSON.stringify(text));
    const sig = signatureHeader(IDS.oaId, textBody, text.timestamp, IDS.oaSecretKey);
    const res0 = await axios.post(`http://127.0.0.1:${bare.port}/webhook/zalo`, textBody, {
      headers: { 'content-type': 'application/json', 'x-zevent-signature': sig },
      validateStatus: () => true,
    });
    expect(res0.status).toBe(200);
    expect(await pending(other)).toBe(1);

    const user = userId();
    const event = followEvent({ appId: IDS.appId, oaId: IDS.oaId, userId: user });
    const body = Buffer.from(JSON.stringify(event));
    const res = await post(body, { 'x-zevent-signature': signatureHeader(IDS.oaId, body, event.timestamp, IDS.oaSecretKey) });
    expect(res.status).toBe(200);
    expect(await pending(user)).toBe(1);
  });

  it('refuses the same JSON re-serialised with spaces', async () => {
    const user = userId();
    const event = userTextEvent({ appId: IDS.appId, oaId: IDS.oaId, userId: user, text: 'x' });
    const { body, headers } = signedRequest(event, IDS);
    const spaced = JSON.stringify(JSON.parse(body.toString()), null, 2);
    expect((await post(spaced, headers)).status).toBe(401);
    expect(await pending(user)).toBe(0);
  });

  it('refuses a stale timestamp', async () => {
    const user = userId();
    const event = userTextEvent({
      appId: IDS.appId,
      oaId: IDS.oaId,
      userId: user,
      text: 'cũ',
      timestamp: String(Date.now() - 3 * 86_400_000),
    });
    expect(await h.post(event)).toBe(401);
    expect(await pending(user)).toBe(0);
  });

  it('answers 400 for a body that is not JSON and 413 for one too large', async () => {
    expect((await post(Buffer.from('{"event_name":'), {})).status).toBe(400);
    expect((await post(`{"x":"${'a'.repeat(300 * 1024)}"}`, {})).status).toBe(413);
  });

  it('answers 400 with the fields of a malformed known event', async () => {
    const event = { event_name: 'user_send_text', app_id: IDS.appId, sender: { id: 'abc' }, timestamp: String(Date.now()) };
    const { body, headers } = signedRequest(event, IDS);
    const res = await post(body, headers);
    expect(res.status).toBe(400);
    expect(res.data.issues.join('\n')).toMatch(/sender\.id/);
    expect(res.data.issues.join('\n')).toMatch(/message/);
  });

  it('answers 200 to an unknown event kind and stores nothing', async () => {
    const user = userId();
    const event = { ...userTextEvent({ appId: IDS.appId, oaId: IDS.oaId, userId: user, text: 'x' }), event_name: 'user_send_hologram' };
    expect(await h.post(event)).toBe(200);
    expect(await pending(user)).toBe(0);
  });

  it('counts events by kind and result in /metrics', async () => {
    const res = await axios.get(`http://127.0.0.1:${app.port}/metrics`);
    expect(res.data).toMatch(/zoa_webhook_events_total\{kind="user_send_text",result="accepted"\} \d+/);
    expect(res.data).toMatch(/zoa_webhook_events_total\{kind="user_send_text",result="duplicate"\} 1/);
    expect(res.data).toMatch(/zoa_webhook_events_total\{kind="unverified",result="bad_signature"\}/);
  });
});

describe('POST /webhook/zalo while Redis is down', () => {
  it('answers 503 at once, so Zalo retries later', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const redis = spawn('redis-server', ['--port', String(port), '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    const h = await createHarness('webhook-down');
    try {
      const probe = createClient({ url: `redis://127.0.0.1:${port}`, socket: { reconnectStrategy: 50 } });
      probe.on('error', () => undefined);
      await probe.connect();
      await probe.close();
      const app = await startApp(loadConfig({ ...h.env, REDIS_URL: `redis://127.0.0.1:${port}` }), { web: true, worker: false });
      h.apps.push(app);
      redis.kill('SIGKILL');
      await new Promise((r) => setTimeout(r, 200));
      const started = Date.now();
      const status = await h.post(userTextEvent({ appId: IDS.appId, oaId: IDS.oaId, userId: userId(), text: 'alo' }), app);
      expect(status).toBe(503);
      expect(Date.now() - started).toBeLessThan(2000);
      const ready = await axios.get(`http://127.0.0.1:${app.port}/readyz`, { validateStatus: () => true });
      expect(ready.status).toBe(503);
    } finally {
      redis.kill('SIGKILL');
      await h.close();
    }
  });
});
