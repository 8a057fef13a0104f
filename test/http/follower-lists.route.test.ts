/**
 * The console's people page: counts per village and per topic, a page of the followers in a
 * segment with no more than a display name, village and topics; and the follower CSV import
 * through the API, checked first (dry run, the default) and then written.
 */
import axios from 'axios';
import { createHarness, userId, type Harness, mintToken } from '../helpers';
import type { RunningApp } from '../../src/roles/app';
import { FollowerRegistry } from '../../src/domain/followers/follower-registry';

describe('followers for the console', () => {
  let h: Harness;
  let app: RunningApp;
  let base: string;
  let officer: string;
  let team: string;

  beforeAll(async () => {
    h = await createHarness('follower-lists');
    app = await h.start({ web: true, worker: false });
    base = `http://127.0.0.1:${app.port}/api/v1`;
    const mint = (role: string, village?: string) => mintToken(app, { role, village });
    officer = await mint('officer');
    team = await mint('team', 'Phương Nghệ');
  });
  afterAll(() => h.close());

  const list = (query = '', token = officer) =>
    axios.get(`${base}/followers${query}`, { headers: { authorization: `Bearer ${token}` }, validateStatus: () => true });
  const upload = (csv: string | Buffer, query = '', contentType = 'text/csv', token = officer) =>
    axios.post(`${base}/followers/import${query}`, csv, {
      headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
      validateStatus: () => true,
    });

  it('counts per village and topic; a page of one segment shows the display name, village, topics — no phone', async () => {
    const registry = new FollowerRegistry(app.redis, app.keys);
    const [a, b, c, d] = [userId(), userId(), userId(), userId()];
    await registry.update(a, { village: 'Phương Nghệ', topics: ['power', 'health'] });
    await registry.update(b, { village: 'Phương Nghệ', topics: ['weather'] });
    await registry.update(c, { village: 'Đồng Tràm Tây', topics: ['power'] });
    await registry.update(d, { topics: ['power'] });
    await registry.update(b, { stopped: true });
    await app.redis.hSet(app.keys.profile(a), { displayName: 'Nguyễn Văn A', phone: '0905123456' });

    const all = await list();
    expect(all.status).toBe(200);
    expect(all.data.counts).toMatchObject({ total: 4, stopped: 1, withoutVillage: 1 });
    expect(all.data.counts.villages).toEqual([
      { village: 'Đồng Tràm Tây', count: 1 },
      { village: 'Phương Nghệ', count: 2 },
      { village: 'Hương Quế Đông', count: 0 },
    ]);
    expect(all.data.counts.topics.find((t: { topic: string }) => t.topic === 'power')).toEqual({
      topic: 'power',
      name: 'Lịch cắt điện',
      count: 3,
    });
    expect(all.data).toMatchObject({ matching: 4, offset: 0, limit: 50 });

    const segment = await list('?village=phuong%20nghe&topic=cat%20dien');
    expect(segment.data.matching).toBe(1);
    expect(segment.data.followers).toEqual([
      { id: a, displayName: 'Nguyễn Văn A', village: 'Phương Nghệ', topics: ['power', 'health'], stopped: false },
    ]);
    expect(JSON.stringify(segment.data)).not.toContain('0905123456');
    expect(
      (await list('?village=Phương Nghệ')).data.followers.map((f: { id: string; stopped: boolean }) => [f.id, f.stopped]).sort(),
    ).toEqual(
      [
        [a, false],
        [b, true],
      ].sort(),
    );

    // Pages are stable: two halves make the whole.
    const first = (await list('?limit=2')).data.followers.map((f: { id: string }) => f.id);
    const second = (await list('?limit=2&offset=2')).data.followers.map((f: { id: string }) => f.id);
    expect([...first, ...second].sort()).toEqual([a, b, c, d].sort());
    // Unfollowing takes a follower off the page and out of the counts.
    await registry.unfollowed(c);
    expect((await list('?village=dong tram tay')).data).toMatchObject({ matching: 0, followers: [] });
  });

  it('bad filters are 400 naming them; officer and admin only', async () => {
    const bad = await list('?village=Hà Nội&topic=bóng đá&limit=0');
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.data.fields).sort()).toEqual(['limit', 'topic', 'village']);
    expect((await list('', team)).status).toBe(403);
    expect((await list('', 'test-admin-token')).status).toBe(200);
  });

  it('a CSV import is a dry run unless dryRun=false: the report counts new and updated rows and lists bad ones by line', async () => {
    const known = userId();
    await new FollowerRegistry(app.redis, app.keys).update(known, { village: 'Phương Nghệ' });
    const fresh = userId();
    const csv = [
      '\uFEFFuser_id;thôn;chủ đề',
      `${known};dong tram tay;cat dien|y te`,
      `${fresh};Phương Nghệ;`,
      '12ab;Phương Nghệ;',
      `${userId()};Hà Nội;`,
      '',
    ].join('\r\n');

    const dry = await upload(csv);
    expect(dry.status).toBe(200);
    expect(dry.data).toEqual({
      dryRun: true,
      rows: 4,
      imported: 2,
      created: 1,
      updated: 1,
      bad: [
        { line: 4, problems: [expect.stringMatching(/^user_id: "12ab"/)] },
        { line: 5, problems: [expect.stringMatching(/^village: unknown village "Hà Nội"/)] },
      ],
      badCount: 2,
    });
    expect((await list(`?village=dong tram tay`)).data.followers.map((f: { id: string }) => f.id)).not.toContain(known);

    const written = await upload(csv, '?dryRun=false');
    expect(written.data).toMatchObject({ dryRun: false, rows: 4, imported: 2, created: 1, updated: 1 });
    const moved = (await list(`?village=dong tram tay`)).data.followers.find((f: { id: string }) => f.id === known);
    expect(moved).toEqual({ id: known, village: 'Đồng Tràm Tây', topics: ['power', 'health'], stopped: false });
    expect((await list('?village=phuong nghe')).data.followers.map((f: { id: string }) => f.id)).toContain(fresh);
  });

  it('a file that is not a follower list, no file, or a bad flag is a 400 naming it; UTF-16 from Excel is read', async () => {
    expect((await upload('name,phone\nA,0905123456\n')).data).toEqual({
      error: 'invalid request',
      fields: { body: expect.stringMatching(/user_id/) },
    });
    expect((await upload('')).data.fields).toEqual({ body: expect.stringMatching(/text\/csv/) });
    expect((await upload('{"user_id": 1}', '', 'application/json')).status).toBe(400);
    expect((await upload('user_id\n1\n', '?dryRun=maybe')).data.fields).toHaveProperty('dryRun');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`user_id,thôn\r\n${userId()},Phương Nghệ\r\n`, 'utf16le')]);
    expect((await upload(utf16)).data).toMatchObject({ rows: 1, imported: 1, created: 1, bad: [] });
    expect((await upload('user_id\n1\n', '', 'text/csv', team)).status).toBe(403);
  });
});
