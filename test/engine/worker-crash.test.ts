/**
 * A worker process killed (SIGKILL) in the middle of a user's stream of messages: another worker
 * takes over, every event gets its reply, in order; only the send in flight at the kill may repeat.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createHarness, userId, waitFor, type Harness } from '../helpers';

const ROOT = join(__dirname, '../..');
const CS = '/v3.0/oa/message/cs';

function startWorkerProcess(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--require', 'tsx/cjs', join(ROOT, 'src/roles/main.ts'), 'worker'], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: 'ignore',
  });
}

/** Expected sequence, allowing one adjacent repeat (the send in flight when the worker died). */
function matchesWithOneRepeat(actual: string[], expected: string[]): boolean {
  if (actual.length === expected.length) return actual.every((a, i) => a === expected[i]);
  if (actual.length !== expected.length + 1) return false;
  return actual.some(
    (_, i) => i > 0 && actual[i] === actual[i - 1] && [...actual.slice(0, i), ...actual.slice(i + 1)].every((a, j) => a === expected[j]),
  );
}

describe('a worker killed mid-stream', () => {
  let h: Harness;
  let child: ChildProcess | undefined;
  afterAll(async () => {
    child?.kill('SIGKILL');
    await h.close();
  });

  it('loses nothing: another worker resumes within the stall window, in order', async () => {
    h = await createHarness('crash');
    await h.start({ web: true, worker: false });
    child = startWorkerProcess({ ...h.env, PORT: '0' });
    const user = userId();
    const inputs = Array.from({ length: 12 }, (_, i) => (i % 2 ? 'menu' : `câu hỏi số ${i}`));
    const expected = inputs.map((t) => (t === 'menu' ? 'menu' : 'question'));
    const replyKind = (text?: string) => (text?.startsWith('Bạn cần giúp gì') ? 'menu' : 'question');
    h.fake.delayNext(CS, 250, inputs.length + 2); // each reply takes a while: the kill lands mid-stream
    for (const text of inputs) expect(await h.say(user, text)).toBe(200);
    await waitFor(() => h.messages(user).length >= 3, 20_000, 'the child worker to start replying');
    child.kill('SIGKILL');
    const handledBeforeKill = h.messages(user).length;
    expect(handledBeforeKill).toBeLessThan(inputs.length);
    await h.start({ web: false, worker: true });
    await h.waitForMessages(user, inputs.length, 45_000);
    await new Promise((r) => setTimeout(r, 500));
    expect(
      matchesWithOneRepeat(
        h.messages(user).map((m) => replyKind(m.text)),
        expected,
      ),
    ).toBe(true);
  }, 90_000);
});
