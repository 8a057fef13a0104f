/**
 * A transient Zalo failure while a conversation replies (503, -32 beyond the client's own tries)
 * must leave the event for a retry: the citizen gets the answer once, no apology, the
 * conversation goes on, and the wrong answer that led to the reply is counted once.
 */
import axios from 'axios';
import { createHarness, userId, waitFor, type Harness } from '../helpers';
import type { RunningApp } from '../../src/roles/app';
import { FAKE_ZALO_PATHS } from '../../src/dev/fake-zalo';
import { SAMPLE_DOSSIER } from '../domain/dossiers/sample-dossier';

const CODE = '000.00.20.H47-261120-0311';
const WRONG = /chưa khớp/;
const APOLOGY = /hệ thống đang gặp trục trặc/;

describe('a transient Zalo failure inside a conversation', () => {
  let h: Harness;
  let app: RunningApp;
  beforeAll(async () => {
    // One try per call: the failure reaches the engine at once instead of after the client's back-off.
    h = await createHarness('conversation-retry', { env: { ZALO_SEND_ATTEMPTS: '1' } });
    app = await h.start({ web: true, worker: true });
    await axios.put(`http://127.0.0.1:${app.port}/api/v1/dossiers/${CODE}`, SAMPLE_DOSSIER, {
      headers: { authorization: 'Bearer test-admin-token' },
    });
  });
  afterAll(() => h.close());

  const texts = (user: string) => h.messages(user).map((m) => m.text ?? '');

  it.each([
    ['an HTTP 503', 503],
    ['-32 (the OA rate limit)', -32],
  ])('%s on the reply to a wrong answer: retried, answered once, counted once, conversation kept', async (_name, code) => {
    const user = userId();
    expect((await h.exchange(user, CODE)).text).toMatch(/4 số cuối/);
    h.fake.failNext(FAKE_ZALO_PATHS.cs, code);
    await h.say(user, '0000');
    await waitFor(() => texts(user).some((t) => WRONG.test(t)), 10_000, 'the answer after the retry');
    expect(texts(user).filter((t) => WRONG.test(t))).toHaveLength(1);
    expect(texts(user).some((t) => APOLOGY.test(t))).toBe(false);
    expect(await app.redis.get(app.keys.lookupFailures('user', user))).toBe('1');
    expect(await app.redis.lLen(app.keys.deadLetters)).toBe(0);
    // Still inside the lookup: the right digits show the dossier, not a procedure search.
    expect((await h.exchange(user, '6789')).text).toMatch(/Tình trạng/);
  });
});
