import axios from 'axios';
import { oaSendTextEvent } from '../../src/dev/zalo-events';
import type { RunningApp } from '../../src/roles/app';
import { createClient } from 'redis';
import { EchoGuard } from '../../src/engine/echo-guard';
import { createKeys } from '../../src/store/keys';
import { createHarness, deleteKeys, IDS, uniquePrefix, userId, type Harness } from '../helpers';

describe('oa_send_* echoes', () => {
  let h: Harness;
  let app: RunningApp;
  beforeAll(async () => {
    h = await createHarness('echo', { env: { HUMAN_TAKEOVER_QUIET_MIN: '0.02' } });
    app = await h.start({ web: true, worker: true });
  });
  afterAll(() => h.close());

  const echo = (user: string, text: string, msgId: string) =>
    h.post(oaSendTextEvent({ appId: IDS.appId, oaId: IDS.oaId, userId: user, text, msgId }));
  const settle = () => new Promise((r) => setTimeout(r, 300));
  const matches = async () => (await axios.get(`http://127.0.0.1:${app.port}/metrics`)).data as string;

  it('never answers the echo of its own message, matched by msg_id or by text', async () => {
    const user = userId();
    await h.say(user, 'menu');
    const [reply] = await h.waitForMessages(user, 1);
    expect(await echo(user, reply!.text!, reply!.id)).toBe(200);
    expect(await echo(user, reply!.text!, 'ffffffffffffffffffff')).toBe(200);
    await settle();
    expect(h.messages(user)).toHaveLength(1);
    const metrics = await matches();
    expect(metrics).toMatch(/zoa_echo_matches_total\{match="msg_id"\} 1/);
    expect(metrics).toMatch(/zoa_echo_matches_total\{match="text"\} 1/);
    // Not a human: the bot still answers.
    await h.say(user, 'menu');
    await h.waitForMessages(user, 2);
  });

  it('keeps quiet while a human officer answers in OA Manager, then resumes', async () => {
    const user = userId();
    expect(await echo(user, 'Chào anh, em là cán bộ xã, anh cần gì ạ?', 'a0a0a0a0a0a0a0a0a0a0')).toBe(200);
    await settle();
    await h.say(user, 'dạ em muốn hỏi về khai sinh');
    await settle();
    expect(h.messages(user)).toHaveLength(0);
    expect(await matches()).toMatch(/zoa_echo_matches_total\{match="none"\} 1/);
    await new Promise((r) => setTimeout(r, 1200)); // the quiet time here is 1.2 s
    await h.say(user, 'menu');
    await h.waitForMessages(user, 1);
  });
});

describe('echo matching by the echo’s own time', () => {
  it('matches an echo that waited behind a backlog, by when Zalo sent it', async () => {
    const redis = createClient();
    await redis.connect();
    const prefix = uniquePrefix('echo-time');
    let now = 1_800_000_000_000;
    const guard = new EchoGuard(redis, createKeys(prefix), { humanQuietMs: 60_000 }, () => now);
    const user = userId();
    await guard.beforeSend(user, 'Bạn cần giúp gì?');
    now += 5 * 60_000; // handled five minutes later
    expect(await guard.onEcho(user, 'unknown-id', 'Bạn cần giúp gì?', now - 5 * 60_000 + 800)).toBe('text');
    expect(await guard.isHumanAnswering(user)).toBe(false);
    expect(await guard.onEcho(user, 'unknown-id', 'Bạn cần giúp gì?', now)).toBe('none');
    expect(await guard.isHumanAnswering(user)).toBe(true);
    await redis.close();
    await deleteKeys(prefix);
  });
});
