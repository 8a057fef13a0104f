/**
 * /admin/queues: Bull Board over BullMQ 6 on the node-redis adapter, for the admin token only —
 * as a bearer token or as the Basic password a browser asks for.
 */
import axios from 'axios';
import { createHarness, IDS, userId, type Harness } from '../helpers';
import type { RunningApp } from '../../src/roles/app';
import { userTextEvent } from '../../src/dev/zalo-events';

describe('the queue dashboard', () => {
  let h: Harness;
  let app: RunningApp;
  let base: string;
  const get = (path: string, headers: Record<string, string> = {}) => axios.get(`${base}${path}`, { headers, validateStatus: () => true });
  const basic = (password: string) => ({ authorization: `Basic ${Buffer.from(`operator:${password}`).toString('base64')}` });

  beforeAll(async () => {
    h = await createHarness('queue-dashboard');
    app = await h.start({ web: true, worker: false });
    base = `http://127.0.0.1:${app.port}`;
  });
  afterAll(() => h.close());

  it('asks for the admin token; refuses other roles', async () => {
    const none = await get('/admin/queues');
    expect(none.status).toBe(401);
    expect(none.headers['www-authenticate']).toMatch(/^Basic realm="queues"/);
    expect((await get('/admin/queues', basic('not-the-token'))).status).toBe(401);
    const officer = await axios.post(
      `${base}/api/v1/tokens`,
      { role: 'officer', name: 'Chị Hoa' },
      { headers: { authorization: 'Bearer test-admin-token' } },
    );
    expect((await get('/admin/queues', { authorization: `Bearer ${officer.data.token}` })).status).toBe(403);
    expect((await get('/admin/queues/api/queues', basic(officer.data.token))).status).toBe(403);
  });

  it('shows the page and every queue with its jobs to the admin (bearer or Basic)', async () => {
    const page = await get('/admin/queues', { authorization: 'Bearer test-admin-token' });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect((await get('/admin/queues', basic('test-admin-token'))).status).toBe(200);

    // No worker runs here: an accepted event's drain job waits in the inbound queue.
    expect(await h.post(userTextEvent({ appId: IDS.appId, oaId: IDS.oaId, userId: userId(), text: 'xin chào' }))).toBe(200);
    const api = await get('/admin/queues/api/queues?activeQueue=inbound&status=waiting&page=1', basic('test-admin-token'));
    expect(api.status).toBe(200);
    const queues = api.data.queues as Array<{ name: string; counts: Record<string, number>; jobs: unknown[] }>;
    expect(queues.map((q) => q.name).sort()).toEqual([
      'broadcast-delivery',
      'broadcast-plan',
      'dossier-notices',
      'inbound',
      'maintenance',
      'tickets',
    ]);
    const inbound = queues.find((q) => q.name === 'inbound')!;
    expect(inbound.counts.waiting).toBeGreaterThanOrEqual(1);
    expect(inbound.jobs.length).toBeGreaterThanOrEqual(1);
    // Redis' own figures come through the node-redis adapter too.
    const stats = await get('/admin/queues/api/redis/stats', basic('test-admin-token'));
    expect(stats.status).toBe(200);
    expect(stats.data.version).toMatch(/^\d+\./);
  });
});
