import axios from 'axios';
import { createHarness, userId, type Harness, mintToken } from '../helpers';

describe('PUT/GET /api/v1/teams', () => {
  let h: Harness;
  let base: string;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    h = await createHarness('teams-api');
    const app = await h.start({ web: true, worker: false });
    base = `http://127.0.0.1:${app.port}/api/v1`;
    const mint = (role: string, village?: string) => mintToken(app, { role, village });
    tokens.officer = await mint('officer');
    tokens.onestop = await mint('onestop');
    tokens.teamPhuongNghe = await mint('team', 'Phương Nghệ');
  });
  afterAll(() => h.close());

  const call = (method: 'put' | 'get', path: string, token?: string, data?: unknown) =>
    axios.request({
      method,
      url: `${base}${path}`,
      data,
      headers: token ? { authorization: `Bearer ${token}` } : {},
      validateStatus: () => true,
    });

  it('an officer sets a village team (ids or {zaloId, displayName}); the name defaults from the profile', async () => {
    const a = userId();
    const b = userId();
    const put = await call('put', `/teams/${encodeURIComponent('phuong nghe')}`, tokens.officer, {
      members: [a, { zaloId: b, displayName: 'Chị Lan' }],
    });
    expect(put.status).toBe(200);
    expect(put.data).toMatchObject({
      key: 'Phương Nghệ',
      name: 'Tổ công nghệ số thôn Phương Nghệ',
      members: [{ zaloId: a }, { zaloId: b, displayName: 'Chị Lan' }],
    });
    const named = await call('put', '/teams/commune', tokens.officer, { members: [a], name: 'Tổ CNS xã' });
    expect(named.data).toMatchObject({ key: 'commune', name: 'Tổ CNS xã' });
    const unnamed = await call('put', '/teams/COMMUNE', tokens.officer, { members: [] });
    expect(unnamed.data.name).toBe('Tổ công nghệ số cộng đồng xã Xuân Phú');
    const list = await call('get', '/teams', tokens.officer);
    expect(list.data.teams.map((t: { key: string }) => t.key)).toEqual(['Đồng Tràm Tây', 'Phương Nghệ', 'Hương Quế Đông', 'commune']);
    // Team members are followers too: they get the commune's announcements.
    const app = h.apps[0]!;
    expect([await app.redis.sIsMember(app.keys.followersAll, a), await app.redis.sIsMember(app.keys.followersAll, b)]).toEqual([1, 1]);
  });

  it('400 naming the field: unknown village, ids that are not digits, duplicates, empty name', async () => {
    const unknown = await call('put', '/teams/Atlantis', tokens.officer, { members: [] });
    expect(unknown.status).toBe(400);
    expect(unknown.data.fields).toEqual({ village: expect.stringMatching(/not a village/) });
    const bad = await call('put', '/teams/commune', tokens.officer, { members: ['0912345678x'] });
    expect(bad.status).toBe(400);
    expect(bad.data.fields).toEqual({ 'members.0.zaloId': 'must be a Zalo user id (digits only)' });
    const twice = await call('put', '/teams/commune', tokens.officer, { members: ['123', '123'] });
    expect(twice.data.fields).toEqual({ members: 'lists a member twice' });
    expect((await call('put', '/teams/commune', tokens.officer, { members: [], name: ' ' })).data.fields).toHaveProperty('name');
    expect((await call('put', '/teams/commune', tokens.officer, {})).data.fields).toHaveProperty('members');
  });

  it('401 without a token, 403 for the onestop and team roles', async () => {
    expect((await call('put', '/teams/commune', undefined, { members: [] })).status).toBe(401);
    expect((await call('put', '/teams/commune', tokens.onestop, { members: [] })).status).toBe(403);
    expect((await call('put', '/teams/commune', tokens.teamPhuongNghe, { members: [] })).status).toBe(403);
    expect((await call('get', '/teams', tokens.teamPhuongNghe)).status).toBe(403);
  });
});
