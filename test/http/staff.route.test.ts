import axios from 'axios';
import { createHarness, userId, type Harness } from '../helpers';
import { StaffDirectory } from '../../src/domain/access/staff-directory';
import type { RunningApp } from '../../src/roles/app';

describe('staff directory: PUT/DELETE /api/v1/staff/<zalo id>', () => {
  let h: Harness;
  let app: RunningApp;
  let base: string;
  let officerToken: string;
  beforeAll(async () => {
    h = await createHarness('staff-route');
    app = await h.start({ web: true, worker: false });
    base = `http://127.0.0.1:${app.port}/api/v1`;
    officerToken = (
      await axios.post(`${base}/tokens`, { role: 'officer', name: 'officer' }, { headers: { authorization: 'Bearer test-admin-token' } })
    ).data.token;
  });
  afterAll(() => h.close());

  const call = (method: 'put' | 'get' | 'delete', path: string, token?: string, data?: unknown) =>
    axios.request({
      method,
      url: `${base}${path}`,
      data,
      headers: token ? { authorization: `Bearer ${token}` } : {},
      validateStatus: () => true,
    });

  it('an admin grants, changes and removes a role; each change is audited with the actor', async () => {
    const id = userId();
    const directory = new StaffDirectory(app.redis, app.keys);
    const granted = await call('put', `/staff/${id}`, 'test-admin-token', { role: 'officer', name: 'Chị Lan' });
    expect(granted.status).toBe(201);
    expect(granted.data).toMatchObject({ id, role: 'officer', name: 'Chị Lan' });
    expect(await directory.role(id)).toBe('officer');
    expect((await call('put', `/staff/${id}`, 'test-admin-token', { role: 'admin', name: 'Chị Lan' })).status).toBe(200);
    expect(await directory.role(id)).toBe('admin');
    expect((await call('get', '/staff', 'test-admin-token')).data.staff).toContainEqual(expect.objectContaining({ id, role: 'admin' }));
    expect((await call('delete', `/staff/${id}`, 'test-admin-token')).status).toBe(204);
    expect(await directory.role(id)).toBeUndefined();
    expect((await call('delete', `/staff/${id}`, 'test-admin-token')).status).toBe(404);
    const trail = (await call('get', '/staff/audit', 'test-admin-token')).data.entries.filter((e: { staffId: string }) => e.staffId === id);
    expect(trail.map((e: { action: string; role?: string }) => [e.action, e.role])).toEqual([
      ['delete', undefined],
      ['put', 'admin'],
      ['put', 'officer'],
    ]);
    for (const entry of trail) expect(entry.actor).toEqual({ id: 'env', name: 'ADMIN_TOKEN' });
  });

  it('401 without a token, 403 for an officer, 400 naming the fields', async () => {
    const id = userId();
    expect((await call('put', `/staff/${id}`, undefined, { role: 'officer', name: 'x' })).status).toBe(401);
    expect((await call('put', `/staff/${id}`, officerToken, { role: 'officer', name: 'x' })).status).toBe(403);
    expect((await call('delete', `/staff/${id}`, officerToken)).status).toBe(403);
    const bad = await call('put', `/staff/${id}`, 'test-admin-token', { role: 'team', name: '' });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.data.fields).sort()).toEqual(['name', 'role']);
    expect((await call('put', '/staff/abc', 'test-admin-token', { role: 'officer', name: 'x' })).data.fields).toHaveProperty('id');
  });
});
