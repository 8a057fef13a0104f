import { createHarness, eventually, IDS, userId, waitFor, type Harness } from '../helpers';
import { Queue } from 'bullmq';
import { userTextEvent } from '../../src/dev/zalo-events';
import { QueueName } from '../../src/store/queues';
import { toQueueConnection } from '../../src/store/redis';

const vi = { ask: /Bạn muốn dùng ngôn ngữ nào/ };
const en = { done: /Switched to English/, intro: /How can I help\?/ };

describe('durable intake and per-user order', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('handles a retried delivery once, even after its job is long gone', async () => {
    h = await createHarness('dup');
    const app = await h.start({ web: true, worker: true });
    const user = userId();
    h.fake.recordInteraction(user);
    const event = userTextEvent({ appId: IDS.appId, oaId: IDS.oaId, userId: user, text: 'cho hỏi' });
    expect(await h.post(event)).toBe(200);
    await h.waitForMessages(user, 1);
    // Zalo may retry 12 h later, when the finished job has been removed: the seen-set still knows.
    const queue = new Queue(QueueName.Inbound, { connection: toQueueConnection(app.redis), prefix: app.keys.queuePrefix });
    // The reply reaches Zalo before the drain job finishes: let it finish, then remove it.
    await eventually(async () => (await queue.getActiveCount()) + (await queue.getWaitingCount()) === 0, 'the drain job to finish');
    await queue.clean(0, 1000, 'completed');
    expect(await queue.getCompletedCount()).toBe(0);
    await queue.close();
    expect(await app.redis.ttl(app.keys.seen(user, `m.${event.message.msg_id}`))).toBeGreaterThan(24 * 3600);
    expect(await h.post(event)).toBe(200);
    await new Promise((r) => setTimeout(r, 500));
    expect(h.messages(user)).toHaveLength(1);
  });

  it('keeps events that arrive while no worker runs, and handles them in order once one starts', async () => {
    h = await createHarness('backlog');
    await h.start({ web: true, worker: false });
    const user = userId();
    expect(await h.say(user, '#q:lang')).toBe(200);
    expect(await h.say(user, 'english')).toBe(200);
    expect(await h.say(user, 'menu')).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    expect(h.messages(user)).toHaveLength(0);
    await h.start({ web: false, worker: true });
    const replies = await h.waitForMessages(user, 3);
    expect(replies.map((m) => m.text)).toEqual([
      expect.stringMatching(vi.ask),
      expect.stringMatching(en.done),
      expect.stringMatching(en.intro),
    ]);
  });

  it('keeps each user in order with two workers handling many users at once', async () => {
    h = await createHarness('order');
    await h.start({ web: true, worker: true });
    await h.start({ web: false, worker: true });
    const users = Array.from({ length: 12 }, () => userId());
    // Each user fires three messages without waiting: a different order gives different replies.
    await Promise.all(
      users.map(async (user) => {
        for (const text of ['#q:lang', 'english', 'menu']) expect(await h.say(user, text)).toBe(200);
      }),
    );
    for (const user of users) {
      const replies = await h.waitForMessages(user, 3, 10_000);
      expect(replies.map((m) => m.text)).toEqual([
        expect.stringMatching(vi.ask),
        expect.stringMatching(en.done),
        expect.stringMatching(en.intro),
      ]);
    }
    await new Promise((r) => setTimeout(r, 300));
    for (const user of users) expect(h.messages(user)).toHaveLength(3);
  });

  it('continues a conversation across deliveries after its worker was replaced', async () => {
    h = await createHarness('restart');
    await h.start({ web: true, worker: false });
    const first = await h.start({ web: false, worker: true });
    const user = userId();
    await h.say(user, '#q:lang');
    await h.waitForMessages(user, 1);
    await first.close();
    await h.start({ web: false, worker: true });
    await h.say(user, 'english');
    const replies = await h.waitForMessages(user, 2);
    expect(replies[1]?.text).toMatch(en.done);
    // The conversation finished: free text goes to the front desk again, now answered in English.
    await h.say(user, 'qwerty zxcvb');
    await waitFor(() => h.messages(user)[2], 5000, 'third reply');
    expect(h.messages(user)[2]?.text).toMatch(/I'm not sure I understood/);
  });
});
