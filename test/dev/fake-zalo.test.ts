/** The fake Zalo, exercised over real HTTP the way the bot's client will call it. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import axios, { type AxiosInstance } from 'axios';
import { verifySignature } from '../../src/edge/zalo/signature';
import { createFakeZalo, listenFakeZalo, type FakeZalo, type FakeZaloOptions, type ListeningFakeZalo } from '../../src/dev/fake-zalo';

const APP_ID = '2553928453557884079';
const OA_ID = '3662729599332560487';
const USER = '6142494823123456789';
const DAY_MS = 86_400_000;
/** 2026-01-15 10:00 in Asia/Ho_Chi_Minh (UTC+7). */
const MORNING_VN = Date.UTC(2026, 0, 15, 3, 0);

interface Running {
  fake: FakeZalo;
  server: ListeningFakeZalo;
  http: AxiosInstance;
  clock: { now: number };
}

const running: Running[] = [];

async function start(overrides: Partial<FakeZaloOptions> = {}): Promise<Running> {
  const clock = { now: MORNING_VN };
  const fake = createFakeZalo({
    appId: APP_ID,
    appSecret: 'app-secret',
    accessToken: 'access-1',
    refreshToken: 'refresh-1',
    now: () => clock.now,
    ...overrides,
  });
  const server = await listenFakeZalo(fake);
  const http = axios.create({ baseURL: server.url, validateStatus: () => true });
  const run = { fake, server, http, clock };
  running.push(run);
  return run;
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.server.close()));
});

function sendText(http: AxiosInstance, text: string, token = 'access-1') {
  const body = { recipient: { user_id: USER }, message: { text } };
  return http.post('/v3.0/oa/message/cs', body, { headers: { access_token: token } });
}

function refresh(http: AxiosInstance, refreshToken: string, secret = 'app-secret') {
  const form = new URLSearchParams({ refresh_token: refreshToken, app_id: APP_ID, grant_type: 'refresh_token' });
  return http.post('/v4/oa/access_token', form.toString(), {
    headers: { secret_key: secret, 'content-type': 'application/x-www-form-urlencoded' },
  });
}

function buttons(count: number) {
  return Array.from({ length: count }, (_, i) => ({ title: `Mục ${i + 1}`, type: 'oa.query.hide', payload: `#q:${i}` }));
}

describe('POST /v3.0/oa/message/cs', () => {
  it('answers the success envelope and stores the message', async () => {
    const { fake, http } = await start();
    fake.recordInteraction(USER);
    const res = await sendText(http, 'Chào bạn');
    expect(res.status).toBe(200);
    expect(res.data).toEqual({
      error: 0,
      message: 'Success',
      data: { message_id: expect.stringMatching(/^[0-9a-f]{32}$/), user_id: USER },
    });
    expect(fake.messages(USER)).toEqual([
      expect.objectContaining({ id: res.data.data.message_id, userId: USER, kind: 'cs', text: 'Chào bạn', at: MORNING_VN }),
    ]);
    expect(fake.sendCount).toBe(1);
  });

  it('measures the 2000-character limit after NFC normalisation', async () => {
    const { fake, http } = await start();
    fake.recordInteraction(USER);
    const decomposed = 'ệ'.normalize('NFD').repeat(2000);
    expect(decomposed.length).toBeGreaterThan(2000);
    expect((await sendText(http, decomposed)).data.error).toBe(0);
    const tooLong = await sendText(http, 'ệ'.repeat(2001));
    expect(tooLong.status).toBe(200);
    expect(tooLong.data.error).toBe(-210);
  });

  it('refuses six buttons, an unknown button type and an empty message with -201', async () => {
    const { fake, http } = await start();
    fake.recordInteraction(USER);
    const post = (message: object) =>
      http.post('/v3.0/oa/message/cs', { recipient: { user_id: USER }, message }, { headers: { access_token: 'access-1' } });
    const withButtons = (list: object[]) => ({ text: 'Chọn', attachment: { type: 'template', payload: { buttons: list } } });

    expect((await post(withButtons(buttons(6)))).data.error).toBe(-201);
    expect((await post(withButtons([{ title: 'X', type: 'oa.click', payload: 'x' }]))).data.error).toBe(-201);
    expect((await post(withButtons([{ type: 'oa.query.show', payload: 'x' }]))).data.error).toBe(-201);
    expect((await post({})).data.error).toBe(-201);
    const ok = await post(withButtons(buttons(5)));
    expect(ok.data.error).toBe(0);
    expect(fake.messages(USER)[0]?.buttons).toHaveLength(5);
  });

  it('applies the 7-day rule by the fake clock (-230)', async () => {
    const { fake, http, clock } = await start();
    expect((await sendText(http, 'chưa từng nhắn')).data.error).toBe(-230);
    fake.recordInteraction(USER);
    clock.now += 7 * DAY_MS;
    expect((await sendText(http, 'đúng 7 ngày')).data.error).toBe(0);
    clock.now += 1;
    expect((await sendText(http, 'quá 7 ngày')).data.error).toBe(-230);
  });

  it('refuses unfollowed and blocked users', async () => {
    const { fake, http } = await start();
    fake.recordInteraction(USER);
    fake.setUserState(USER, 'unfollowed');
    expect((await sendText(http, 'a')).data.error).toBe(-213);
    fake.setUserState(USER, 'blocked');
    expect((await sendText(http, 'a')).data.error).toBe(-217);
  });

  it('answers -216 for a missing or unknown token', async () => {
    const { fake, http } = await start();
    fake.recordInteraction(USER);
    expect((await sendText(http, 'a', 'not-a-token')).data).toEqual({ error: -216, message: 'Access token is invalid' });
    const noToken = await http.post('/v3.0/oa/message/cs', { recipient: { user_id: USER }, message: { text: 'a' } });
    expect(noToken.data.error).toBe(-216);
  });

  it('answers -32 over the per-minute rate, and recovers the next minute', async () => {
    const { fake, http, clock } = await start({ rateLimitPerMin: 2 });
    fake.recordInteraction(USER);
    expect((await sendText(http, '1')).data.error).toBe(0);
    expect((await sendText(http, '2')).data.error).toBe(0);
    expect((await sendText(http, '3')).data.error).toBe(-32);
    clock.now += 60_000;
    expect((await sendText(http, '4')).data.error).toBe(0);
  });
});

describe('POST /v4/oa/access_token', () => {
  it('rotates single-use refresh tokens and kills the old access token', async () => {
    const { fake, http } = await start();
    fake.recordInteraction(USER);
    const first = await refresh(http, 'refresh-1');
    expect(first.data).toEqual({ access_token: expect.any(String), refresh_token: expect.any(String), expires_in: '90000' });
    expect(fake.currentTokens()).toEqual({ accessToken: first.data.access_token, refreshToken: first.data.refresh_token });
    expect(fake.refreshCount).toBe(1);

    const reused = await refresh(http, 'refresh-1');
    expect(reused.status).toBe(200);
    expect(reused.data).toMatchObject({ error: -14020, error_name: 'invalid_refresh_token' });
    expect((await sendText(http, 'a', 'access-1')).data.error).toBe(-216);
    expect((await sendText(http, 'a', first.data.access_token)).data.error).toBe(0);

    const second = await refresh(http, first.data.refresh_token);
    expect(second.data.refresh_token).not.toBe(first.data.refresh_token);
    expect(fake.refreshCount).toBe(2);
  });

  it('refuses a wrong secret_key with HTTP 200 and -14014', async () => {
    const { fake, http } = await start();
    const res = await refresh(http, 'refresh-1', 'wrong');
    expect(res.status).toBe(200);
    expect(res.data).toMatchObject({ error: -14014, error_name: 'invalid_secret' });
    expect(fake.refreshCount).toBe(0);
  });
});

describe('POST /v3.0/oa/message/template', () => {
  const template = { user_id: USER, template_id: '352178', template_data: { ho_ten: 'Nguyễn Thị Lan' } };

  it('refuses at 23:00 Asia/Ho_Chi_Minh (-234) and sends by day without the 7-day rule', async () => {
    const { fake, http, clock } = await start();
    const headers = { access_token: 'access-1' };
    clock.now = Date.UTC(2026, 0, 15, 16, 0);
    expect((await http.post('/v3.0/oa/message/template', template, { headers })).data.error).toBe(-234);
    clock.now = Date.UTC(2026, 0, 15, 23, 0);
    const day = await http.post('/v3.0/oa/message/template', template, { headers });
    expect(day.data.error).toBe(0);
    expect(fake.messages(USER)).toEqual([
      expect.objectContaining({ kind: 'template', templateId: '352178', templateData: template.template_data }),
    ]);
  });
});

describe('POST /v3.0/oa/quota/message', () => {
  it('reports the last interaction', async () => {
    const { fake, http } = await start();
    const headers = { access_token: 'access-1' };
    expect((await http.post('/v3.0/oa/quota/message', { user_id: USER }, { headers })).data.data.last_interaction).toBeNull();
    fake.recordInteraction(USER, MORNING_VN - 1000);
    const res = await http.post('/v3.0/oa/quota/message', { user_id: USER }, { headers });
    expect(res.data).toMatchObject({ error: 0, data: { last_interaction: MORNING_VN - 1000, quota_type: 'free' } });
  });
});

describe('control API', () => {
  it('failNext answers the scripted error code N times, then behaves again', async () => {
    const { fake, http } = await start();
    fake.recordInteraction(USER);
    fake.failNext('/v3.0/oa/message/cs', -32, 2);
    expect((await sendText(http, 'a')).data).toEqual({ error: -32, message: 'Your application reached limit call api' });
    expect((await sendText(http, 'b')).data.error).toBe(-32);
    expect((await sendText(http, 'c')).data.error).toBe(0);
    expect(fake.sendCount).toBe(1);
  });

  it('delayNext holds the answer long enough for a client timeout', async () => {
    const { fake, http } = await start();
    fake.recordInteraction(USER);
    fake.delayNext('/v3.0/oa/message/cs', 300);
    await expect(
      http.post(
        '/v3.0/oa/message/cs',
        { recipient: { user_id: USER }, message: { text: 'a' } },
        {
          headers: { access_token: 'access-1' },
          timeout: 100,
        },
      ),
    ).rejects.toThrow(/timeout/);
    expect((await sendText(http, 'b')).data.error).toBe(0);
  });

  it('onMessage notifies until unsubscribed; reset restores the initial state', async () => {
    const { fake, http } = await start();
    fake.recordInteraction(USER);
    const seen: string[] = [];
    const stop = fake.onMessage((m) => seen.push(m.text ?? ''));
    await sendText(http, 'một');
    stop();
    await sendText(http, 'hai');
    expect(seen).toEqual(['một']);
    await refresh(http, 'refresh-1');
    fake.reset();
    expect(fake.messages()).toEqual([]);
    expect(fake.currentTokens()).toEqual({ accessToken: 'access-1', refreshToken: 'refresh-1' });
    expect(fake.refreshCount).toBe(0);
    expect((await sendText(http, 'ba')).data.error).toBe(-230);
  });

  it('answers unknown paths with a JSON 404', async () => {
    const { http } = await start();
    const res = await http.get('/v2.0/oa/nope');
    expect(res.status).toBe(404);
    expect(res.data).toEqual({ error: 404, message: 'Not found' });
  });
});

describe('echo', () => {
  let webhook: Server;
  const received: Array<{ body: Buffer; signature: string | undefined }> = [];

  beforeAll(async () => {
    webhook = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ body: Buffer.concat(chunks), signature: req.headers['x-zevent-signature'] as string | undefined });
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => webhook.listen(0, '127.0.0.1', resolve));
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => webhook.close(() => resolve()));
  });

  it('posts a signed oa_send_text with the same msg_id to the webhook', async () => {
    const { port } = webhook.address() as AddressInfo;
    const echo = { webhookUrl: `http://127.0.0.1:${port}/webhook`, appId: APP_ID, oaId: OA_ID, oaSecretKey: 'oa-secret' };
    const { fake, http } = await start({ echo });
    fake.recordInteraction(USER);
    const res = await sendText(http, 'Chào bạn');
    for (let i = 0; i < 50 && received.length === 0; i += 1) await new Promise((r) => setTimeout(r, 20));

    const [first] = received;
    if (!first) throw new Error('no echo received');
    const event = JSON.parse(first.body.toString('utf8'));
    expect(event).toMatchObject({
      event_name: 'oa_send_text',
      sender: { id: OA_ID },
      recipient: { id: USER },
      message: { text: 'Chào bạn', msg_id: res.data.data.message_id },
    });
    const keys = { appId: APP_ID, oaSecretKey: 'oa-secret' };
    expect(verifySignature(first.signature, first.body, event.timestamp, keys)).toBe('app_id');
  });
});
