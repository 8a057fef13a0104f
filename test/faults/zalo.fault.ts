/**
 * Zalo faults inside conversations and multi-part replies, and hostile bodies, against a private
 * redis-server: a 503 or -32 (beyond the client's own tries) leaves the event for a retry that
 * answers once — parts already delivered are not sent again, the conversation goes on, a wrong
 * answer counts once; a timeout (the send may have arrived) is not retried; hostile bodies are
 * refused or answered once without holding anyone else's acknowledgement.
 */
import axios from 'axios';
import { createHarness, IDS, userId, waitFor, type Harness } from '../helpers';
import { FAKE_ZALO_PATHS } from '../../src/dev/fake-zalo';
import { signedRequest, userTextEvent } from '../../src/dev/zalo-events';
import { signatureHeader } from '../../src/edge/zalo/signature';
import type { RunningApp } from '../../src/roles/app';
import { SAMPLE_DOSSIER } from '../domain/dossiers/sample-dossier';
import { startPrivateRedis, type PrivateRedis } from '../private-redis';

const CODE = '000.00.20.H47-261120-0777';
const WRONG = /chưa khớp/;
const APOLOGY = /hệ thống đang gặp trục trặc/;
/** Document lists long enough to be split into several Zalo messages (probed, since data changes). */
const LONG_ANSWERS = ['#q:proc:d:1.001669', '#q:proc:d:1.001022', '#q:proc:d:1.000893', '#q:proc:d:2.000908'];

describe('Zalo faults and hostile bodies', () => {
  let redis: PrivateRedis;
  let h: Harness;
  let app: RunningApp;
  beforeAll(async () => {
    redis = await startPrivateRedis();
    // One try per call and a short timeout: the failures reach the engine at once.
    h = await createHarness('faults-zalo', { env: { REDIS_URL: redis.url, ZALO_SEND_ATTEMPTS: '1', ZALO_HTTP_TIMEOUT_MS: '800' } });
    app = await h.start({ web: true, worker: true });
    await axios.put(`http://127.0.0.1:${app.port}/api/v1/dossiers/${CODE}`, SAMPLE_DOSSIER, {
      headers: { authorization: 'Bearer test-admin-token' },
    });
  });
  afterAll(async () => {
    await h.close();
    await redis.close();
  });

  const texts = (user: string) => h.messages(user).map((m) => m.text ?? '');
  const settle = () => new Promise((r) => setTimeout(r, 1500));

  /** The n-th message sent to `user` from now on meets `code` instead of Zalo. */
  function failNthSendTo(user: string, n: number, code: number): () => void {
    let sent = 0;
    if (n === 1) h.fake.failNext(FAKE_ZALO_PATHS.cs, code);
    return h.fake.onMessage((m) => {
      if (m.userId !== user) return;
      sent += 1;
      if (sent === n - 1) h.fake.failNext(FAKE_ZALO_PATHS.cs, code);
    });
  }

  describe('a multi-part reply', () => {
    let payload: string;
    let expected: string[];
    beforeAll(async () => {
      for (const candidate of LONG_ANSWERS) {
        const probe = userId();
        await h.say(probe, candidate);
        await settle();
        if (h.messages(probe).length >= 2) {
          payload = candidate;
          expected = texts(probe);
          return;
        }
      }
      throw new Error(`none of ${LONG_ANSWERS.join(', ')} answers in several messages any more: add one that does`);
    });

    it.each([
      ['503', 503],
      ['-32', -32],
    ])('part 2 meets %s: retried, each part delivered exactly once, in order', async (_name, code) => {
      const user = userId();
      const stop = failNthSendTo(user, 2, code);
      await h.say(user, payload);
      await h.waitForMessages(user, expected.length, 15_000);
      stop();
      await settle();
      expect(texts(user)).toEqual(expected);
    });
  });

  describe('inside the dossier lookup conversation', () => {
    it.each([
      ['503', 503],
      ['-32', -32],
    ])('%s on the answer to a wrong factor: answered once, counted once, the conversation goes on', async (_name, code) => {
      const user = userId();
      expect((await h.exchange(user, CODE)).text).toMatch(/4 số cuối/);
      const stop = failNthSendTo(user, 1, code);
      await h.say(user, '0000');
      await waitFor(() => texts(user).some((t) => WRONG.test(t)), 15_000, 'the answer after the retry');
      stop();
      await settle();
      expect(texts(user).filter((t) => WRONG.test(t))).toHaveLength(1);
      expect(texts(user).some((t) => APOLOGY.test(t))).toBe(false);
      expect(await app.redis.get(app.keys.lookupFailures('user', user))).toBe('1');
      expect((await h.exchange(user, '6789')).text).toMatch(/Tình trạng/);
    });

    it('a timeout (the message may have arrived) is not retried: one answer, no apology', async () => {
      const user = userId();
      expect((await h.exchange(user, CODE)).text).toMatch(/4 số cuối/);
      h.fake.delayNext(FAKE_ZALO_PATHS.cs, 1500); // answered after the client gave up, but delivered
      await h.say(user, '0000');
      await waitFor(() => texts(user).some((t) => WRONG.test(t)), 15_000, 'the late answer');
      await new Promise((r) => setTimeout(r, 3000)); // a retry would have come by now
      expect(texts(user).filter((t) => WRONG.test(t))).toHaveLength(1);
      expect(texts(user).some((t) => APOLOGY.test(t))).toBe(false);
      expect(await app.redis.get(app.keys.lookupFailures('user', user))).toBe('1');
    });
  });

  describe('hostile bodies', () => {
    const url = () => `http://127.0.0.1:${app.port}/webhook/zalo`;
    const postRaw = (body: Buffer, headers: Record<string, string>) =>
      axios.post(url(), body, { headers: { 'content-type': 'application/json', ...headers }, validateStatus: () => true });

    it('deep, oversized, unsigned and malformed bodies are refused with 4xx every time and store nothing', async () => {
      const user = userId();
      const event = userTextEvent({ appId: IDS.appId, oaId: IDS.oaId, userId: user, text: 'x' });
      const sign = (body: Buffer) => ({ 'x-zevent-signature': signatureHeader(IDS.appId, body, event.timestamp, IDS.oaSecretKey) });
      const deep = Buffer.from(
        JSON.stringify({ ...event, message: { ...(event.message as object), extra: 'DEEP' } }).replace(
          '"DEEP"',
          `${'['.repeat(50_000)}${']'.repeat(50_000)}`,
        ),
      );
      const wide = Buffer.from(
        JSON.stringify({ ...event, message: { ...(event.message as object), extra: Array.from({ length: 20_000 }, () => [[{}]]) } }),
      );
      const huge = Buffer.from(JSON.stringify({ ...event, message: { ...(event.message as object), text: 'a'.repeat(300_000) } }));
      const notJson = Buffer.from('{"event_name": "user_send_text", ');
      for (let round = 0; round < 2; round += 1) {
        expect((await postRaw(deep, sign(deep))).status).toBe(400);
        expect((await postRaw(huge, sign(huge))).status).toBe(413);
        expect((await postRaw(notJson, sign(notJson))).status).toBe(400);
        expect((await postRaw(deep, {})).status).toBe(401);
      }
      expect((await postRaw(wide, sign(wide))).status).toBe(200); // wide but shallow: a (strange) event
      expect(await app.redis.lLen(app.keys.inbox(user))).toBeLessThanOrEqual(1);
    });

    it('10,000 letters without a space: answered once, and another user is acknowledged at once meanwhile', async () => {
      const attacker = userId();
      const other = userId();
      h.fake.recordInteraction(other);
      const hostile = 'a'.repeat(10_000);
      const acks: number[] = [];
      await Promise.all([
        h.say(attacker, hostile),
        (async () => {
          for (let i = 0; i < 10; i += 1) {
            const request = signedRequest(userTextEvent({ appId: IDS.appId, oaId: IDS.oaId, userId: other, text: `xin chào ${i}` }), {
              appId: IDS.appId,
              oaSecretKey: IDS.oaSecretKey,
            });
            const started = Date.now();
            await axios.post(url(), request.body, { headers: request.headers });
            acks.push(Date.now() - started);
          }
        })(),
      ]);
      expect(Math.max(...acks)).toBeLessThan(500);
      await h.waitForMessages(attacker, 1, 15_000);
      await settle();
      expect(h.messages(attacker)).toHaveLength(1);
    });
  });
});
