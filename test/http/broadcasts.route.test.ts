import axios from 'axios';
import { createHarness, type Harness, mintToken } from '../helpers';

describe('/api/v1/broadcasts', () => {
  let h: Harness;
  let base: string;
  let officer: string;
  let team: string;
  const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString().replace('Z', '+00:00');

  beforeAll(async () => {
    h = await createHarness('broadcast-api');
    const app = await h.start({ web: true, worker: false });
    base = `http://127.0.0.1:${app.port}/api/v1`;
    const mint = (role: string, village?: string) => mintToken(app, { role, name: `${role} Lan`, village });
    officer = await mint('officer');
    team = await mint('team', 'Phương Nghệ');
  });
  afterAll(() => h.close());

  const call = (method: 'get' | 'post', path: string, token?: string, data?: unknown) =>
    axios.request({
      method,
      url: `${base}${path}`,
      data,
      headers: token ? { authorization: `Bearer ${token}` } : {},
      validateStatus: () => true,
    });

  it('creates a scheduled broadcast (villages and topics matched without diacritics), reads, lists and cancels it', async () => {
    const created = await call('post', '/broadcasts', officer, {
      text: 'Ngày mai cắt điện thôn Phương Nghệ từ 7:00 đến 11:00.',
      audience: { villages: ['phuong nghe'], topics: ['cat dien'] },
      sendAt: inAnHour(),
      link: { title: 'Lịch cắt điện', url: 'https://cskh.cpc.vn/lich-cat-dien' },
    });
    expect(created.status).toBe(201);
    expect(created.data).toMatchObject({
      status: 'scheduled',
      audience: { villages: ['Phương Nghệ'], topics: ['power'] },
      counts: { planned: 0, sent: 0, failed: 0, skipped: 0 },
      skipReasons: {},
    });
    const id = created.data.id as string;
    expect(id).not.toContain(':');
    const read = await call('get', `/broadcasts/${id}`, officer);
    expect(read.status).toBe(200);
    expect(read.data).toMatchObject({ id, status: 'scheduled', counts: { planned: 0, sent: 0, failed: 0, skipped: 0 } });

    const second = await call('post', '/broadcasts', 'test-admin-token', {
      text: 'Tiêm chủng',
      audience: { all: true },
      sendAt: inAnHour(),
    });
    expect(second.status).toBe(201);
    const list = await call('get', '/broadcasts', officer);
    expect(list.data.broadcasts.map((b: { id: string }) => b.id).slice(0, 2)).toEqual([second.data.id, id]);

    const cancelled = await call('post', `/broadcasts/${id}/cancel`, officer);
    expect(cancelled.status).toBe(200);
    expect(cancelled.data).toMatchObject({ id, status: 'cancelled' });
    expect((await call('get', '/broadcasts?status=cancelled', officer)).data.broadcasts.map((b: { id: string }) => b.id)).toEqual([id]);
    expect((await call('get', '/broadcasts?status=scheduled', officer)).data.broadcasts.map((b: { id: string }) => b.id)).toEqual([
      second.data.id,
    ]);

    expect((await call('get', '/audit/broadcasts', officer)).status).toBe(403);
    const audit = (await call('get', '/audit/broadcasts?limit=10', 'test-admin-token')).data.entries as Array<{
      action: string;
      broadcast: string;
      by: { name: string };
    }>;
    expect(audit.filter((e) => e.broadcast === id).map((e) => [e.action, e.by.name])).toEqual([
      ['cancel', 'officer Lan'],
      ['create', 'officer Lan'],
    ]);
  });

  it('a broadcast that goes now is sending from its creation; scheduled is for a later send', async () => {
    const now = await call('post', '/broadcasts', officer, { text: 'Mất điện đột xuất', audience: { all: true } });
    expect(now.status).toBe(201);
    expect(now.data).toMatchObject({ status: 'sending', counts: { planned: 0 } });
    // Up to a minute in the past still means now.
    const justNow = await call('post', '/broadcasts', officer, {
      text: 'Vừa xong',
      audience: { all: true },
      sendAt: new Date(Date.now() - 30_000).toISOString(),
    });
    expect(justNow.data).toMatchObject({ status: 'sending' });
    const later = await call('post', '/broadcasts', officer, { text: 'Sau', audience: { all: true }, sendAt: inAnHour() });
    expect(later.data).toMatchObject({ status: 'scheduled' });

    const listed = async (status: string) =>
      (await call('get', `/broadcasts?status=${status}`, officer)).data.broadcasts.map((b: { id: string }) => b.id) as string[];
    expect(await listed('sending')).toEqual(expect.arrayContaining([now.data.id, justNow.data.id]));
    expect(await listed('scheduled')).toContain(later.data.id);
    expect(await listed('scheduled')).not.toContain(now.data.id);
    // No worker runs here: cancelled before its plan ran, it ends at once with nothing counted.
    const cancelled = await call('post', `/broadcasts/${now.data.id}/cancel`, officer);
    expect(cancelled.data).toMatchObject({ status: 'cancelled', counts: { planned: 0, sent: 0 }, finishedAt: expect.any(String) });
  });

  it('sendAt without an offset is Vietnam time; sendAt comes back in UTC like createdAt', async () => {
    const at = Math.floor((Date.now() + 3_600_000) / 1000) * 1000;
    const vietnamWallClock = new Date(at + 7 * 3_600_000).toISOString().slice(0, 19);
    const local = await call('post', '/broadcasts', officer, {
      text: 'Họp thôn',
      audience: { villages: ['phuong  nghe'] },
      sendAt: vietnamWallClock,
    });
    expect(local.status).toBe(201);
    expect(local.data).toMatchObject({ status: 'scheduled', sendAt: new Date(at).toISOString(), audience: { villages: ['Phương Nghệ'] } });
    expect(local.data.createdAt).toMatch(/Z$/);
    const offset = await call('post', '/broadcasts', officer, {
      text: 'Họp thôn',
      audience: { all: true },
      sendAt: new Date(at).toISOString().replace('Z', '+00:00'),
    });
    expect(offset.data.sendAt).toBe(new Date(at).toISOString());
    for (const garbage of ['ngày mai', '2026-11-27', '27/11/2026 18:14']) {
      const refused = await call('post', '/broadcasts', officer, { text: 'x', audience: { all: true }, sendAt: garbage });
      expect([garbage, refused.status, Object.keys(refused.data.fields)]).toEqual([garbage, 400, ['sendAt']]);
    }
  });

  it('400 names every bad field at once, unknown villages and topics with the rest; a body that is not an object is `body`', async () => {
    const bad = await call('post', '/broadcasts', officer, {
      text: '',
      audience: { villages: ['Nowhere'], topics: ['nonsense'] },
      sendAt: 'ngày mai',
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.data.fields).sort()).toEqual(['audience.topics', 'audience.villages', 'sendAt', 'text']);
    const notObject = await call('post', '/broadcasts', officer, [{ text: 'x' }]);
    expect([notObject.status, notObject.data]).toEqual([400, { error: 'invalid request', fields: { body: 'must be a JSON object' } }]);
  });

  it('400 with the fields at fault, including unknown villages and topics', async () => {
    const bad = await call('post', '/broadcasts', officer, { text: '', audience: {}, sendAt: 'ngày mai' });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.data.fields).sort()).toEqual(['audience', 'sendAt', 'text']);
    const unknown = await call('post', '/broadcasts', officer, {
      text: 'x',
      audience: { villages: ['Phương Nghệ', 'Thôn Mới'], topics: ['xổ số'] },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.data.fields['audience.villages']).toMatch(/Thôn Mới/);
    expect(unknown.data.fields['audience.topics']).toMatch(/xổ số/);
    expect((await call('get', '/broadcasts?status=sent', officer)).status).toBe(400);
  });

  it('400 on repeat.cron for a pattern BullMQ cannot schedule or that runs more than hourly, and nothing is written', async () => {
    const listed = async () => (await call('get', '/broadcasts?limit=200', officer)).data.broadcasts.length as number;
    const before = await listed();
    for (const cron of ['0 7 * * 99', '0 */0 * * *', '0 * * * * *', '*/5 * * * *']) {
      const refused = await call('post', '/broadcasts', officer, { text: 'Họp thôn', audience: { all: true }, repeat: { cron } });
      expect([cron, refused.status, Object.keys(refused.data.fields ?? {})]).toEqual([cron, 400, ['repeat.cron']]);
    }
    expect(await listed()).toBe(before);
  });

  it('401 without a token, 403 for other roles, 404 for an unknown id', async () => {
    const body = { text: 'x', audience: { all: true } };
    expect((await call('post', '/broadcasts', undefined, body)).status).toBe(401);
    expect((await call('post', '/broadcasts', team, body)).status).toBe(403);
    expect((await call('get', '/broadcasts', team)).status).toBe(403);
    expect((await call('get', '/broadcasts/nope', officer)).status).toBe(404);
    expect((await call('post', '/broadcasts/nope/cancel', officer)).status).toBe(404);
    expect((await call('get', '/broadcasts/nope/log', officer)).status).toBe(404);
  });
});
