/**
 * A worker process killed (SIGKILL) in the middle of a broadcast: another worker takes over the
 * killed one's deliveries once their locks lapse; every recipient gets the announcement, only the
 * sends in flight at the kill (at most BROADCAST_CONCURRENCY) may repeat, and each recipient is
 * counted once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import axios from 'axios';
import { createHarness, userId, waitFor, type Harness } from '../helpers';
import type { Broadcast } from '../../src/domain/broadcasts/broadcast';
import { writeFollower } from './broadcast-fixtures';

const ROOT = join(__dirname, '../..');
const CS = '/v3.0/oa/message/cs';
const CONCURRENCY = 10;
const RECIPIENTS = 80;

describe('a worker killed mid-broadcast', () => {
  let h: Harness;
  let child: ChildProcess | undefined;
  afterAll(async () => {
    child?.kill('SIGKILL');
    await h.close();
  });

  it('loses no recipient; at most the in-flight sends repeat; counts stay exact', async () => {
    h = await createHarness('bc-crash', { env: { BROADCAST_RATE_PER_SEC: '20', BROADCAST_CONCURRENCY: String(CONCURRENCY) } });
    const web = await h.start({ web: true, worker: false });
    child = spawn(process.execPath, ['--require', 'tsx/cjs', join(ROOT, 'src/roles/main.ts'), 'worker'], {
      cwd: ROOT,
      env: { ...process.env, ...h.env, PORT: '0' },
      stdio: 'ignore',
    });
    const audience = Array.from({ length: RECIPIENTS }, () => userId());
    for (const id of audience) await writeFollower(web.redis, web.keys, id, { topics: ['security'] }, h.fake);
    h.fake.delayNext(CS, 150, RECIPIENTS * 2); // each send takes a while: the kill lands with sends in flight
    const api = `http://127.0.0.1:${web.port}/api/v1`;
    const admin = { headers: { authorization: 'Bearer test-admin-token' } };
    const { id } = (await axios.post(`${api}/broadcasts`, { text: 'Cảnh báo an ninh', audience: { topics: ['security'] } }, admin))
      .data as Broadcast;

    const delivered = () => audience.filter((u) => h.messages(u).length > 0).length;
    await waitFor(() => delivered() >= 15, 30_000, 'the child worker to send');
    child.kill('SIGKILL');
    expect(delivered()).toBeLessThan(RECIPIENTS);

    await h.start({ web: false, worker: true });
    // The killed worker's in-flight deliveries resume once their locks lapse (≤ 20 s + a 10 s check).
    let final: Broadcast | undefined;
    const started = Date.now();
    while (final?.status !== 'done' && Date.now() - started < 55_000) {
      await new Promise((r) => setTimeout(r, 200));
      final = (await axios.get(`${api}/broadcasts/${id}`, admin)).data as Broadcast;
    }
    expect(delivered()).toBe(RECIPIENTS);
    expect(final).toMatchObject({ status: 'done', counts: { planned: RECIPIENTS, sent: RECIPIENTS, failed: 0, skipped: 0 } });
    const total = audience.reduce((n, u) => n + h.messages(u).length, 0);
    expect(total - RECIPIENTS).toBeLessThanOrEqual(CONCURRENCY);
  }, 100_000);
});
