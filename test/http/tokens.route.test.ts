import axios from 'axios';
import { createHarness, type Harness } from '../helpers';

describe('API tokens and roles', () => {
  let h: Harness;
  let base: string;
  beforeAll(async () => {
    h = await createHarness('tokens');
    const app = await h.start({ web: true, worker: false });
    base = `http://127.0.0.1:${app.port}/api/v1`;
  });
  afterAll(() => h.close());

  const call = (method: 'get' | 'post' | 'delete', path: string, token?: string, data?: unknown) =>
    axios.request({
      method,
      url: `${base}${path}`,
      data,
      headers: token ? { authorization: `Bearer ${token}` } : {},
      validateStatus: () => true,
    });

  it('401 without a valid token', async () => {
    expect((await call('post', '/tokens', undefined, { role: 'officer', name: 'x' })).status).toBe(401);
    expect((await call('post', '/tokens', 'not-a-real-token', { role: 'officer', name: 'x' })).status).toBe(401);
  });

  it('the admin creates a token shown once and stored hashed; it works until revoked', async () => {
    const created = await call('post', '/tokens', 'test-admin-token', { role: 'officer', name: 'Cán bộ văn hoá' });
    expect(created.status).toBe(201);
    expect(created.data).toEqual({ id: expect.any(String), token: expect.stringMatching(/^zoa_/) });
    const app = h.apps[0]!;
    const stored = await app.redis.hGetAll(app.keys.apiTokens);
    expect(JSON.stringify(stored)).not.toContain(created.data.token);
    // An officer may not create tokens: 403, not 401.
    expect((await call('post', '/tokens', created.data.token, { role: 'admin', name: 'me' })).status).toBe(403);
    expect((await call('delete', `/tokens/${created.data.id}`, 'test-admin-token')).status).toBe(204);
    expect((await call('post', '/tokens', created.data.token, { role: 'admin', name: 'me' })).status).toBe(401);
    expect((await call('delete', `/tokens/${created.data.id}`, 'test-admin-token')).status).toBe(404);
  });

  it('the admin lists the tokens without their secrets; a revoked one is gone; nobody else may list', async () => {
    const officer = (await call('post', '/tokens', 'test-admin-token', { role: 'officer', name: 'Chị Lan' })).data as {
      id: string;
      token: string;
    };
    const team = (await call('post', '/tokens', 'test-admin-token', { role: 'team', name: 'Tổ Phương Nghệ', village: 'phuong nghe' }))
      .data as { id: string; token: string };
    const list = await call('get', '/tokens', 'test-admin-token');
    expect(list.status).toBe(200);
    const mine = list.data.tokens.filter((t: { id: string }) => [officer.id, team.id].includes(t.id));
    expect(mine).toEqual(
      expect.arrayContaining([
        { id: officer.id, role: 'officer', name: 'Chị Lan', createdAt: expect.any(String) },
        { id: team.id, role: 'team', name: 'Tổ Phương Nghệ', village: 'Phương Nghệ', createdAt: expect.any(String) },
      ]),
    );
    expect(mine).toHaveLength(2);
    expect(JSON.stringify(list.data)).not.toContain(officer.token);
    expect((await call('get', '/tokens', officer.token)).status).toBe(403);
    await call('delete', `/tokens/${team.id}`, 'test-admin-token');
    expect((await call('get', '/tokens', 'test-admin-token')).data.tokens.map((t: { id: string }) => t.id)).not.toContain(team.id);
  });

  it('400 with the fields for bad input; a team token needs a known village', async () => {
    const bad = await call('post', '/tokens', 'test-admin-token', { role: 'mayor', name: '' });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.data.fields).sort()).toEqual(['name', 'role']);
    const noVillage = await call('post', '/tokens', 'test-admin-token', { role: 'team', name: 'Tổ CNS' });
    expect(noVillage.data.fields).toHaveProperty('village');
    const unknown = await call('post', '/tokens', 'test-admin-token', { role: 'team', name: 'Tổ CNS', village: 'Hà Nội' });
    expect(unknown.status).toBe(400);
    const ok = await call('post', '/tokens', 'test-admin-token', { role: 'team', name: 'Tổ CNS', village: 'dong tram tay' });
    expect(ok.status).toBe(201);
    const malformed = await axios.post(`${base}/tokens`, '{"role":', {
      headers: { authorization: 'Bearer test-admin-token', 'content-type': 'application/json' },
      validateStatus: () => true,
    });
    expect(malformed.status).toBe(400);
  });
});
