/**
 * POST /api/v1/broadcasts/audience-count: the composer's live count is who the broadcast would
 * reach — segments matched as the create body matches them, unfollowed and "stop all" left out.
 */
import axios from 'axios';
import { createHarness, userId, type Harness, mintToken } from '../helpers';
import type { RunningApp } from '../../src/roles/app';
import { FollowerRegistry } from '../../src/domain/followers/follower-registry';

describe('POST /api/v1/broadcasts/audience-count', () => {
  let h: Harness;
  let app: RunningApp;
  let base: string;
  let officer: string;
  let team: string;

  beforeAll(async () => {
    h = await createHarness('audience-count');
    app = await h.start({ web: true, worker: false });
    base = `http://127.0.0.1:${app.port}/api/v1`;
    const mint = (role: string, village?: string) => mintToken(app, { role, village });
    officer = await mint('officer');
    team = await mint('team', 'Phương Nghệ');
  });
  afterAll(() => h.close());

  const count = (data: unknown, token = officer) =>
    axios.post(`${base}/broadcasts/audience-count`, data, { headers: { authorization: `Bearer ${token}` }, validateStatus: () => true });

  it('counts the followers the audience reaches now, as the broadcast would', async () => {
    const registry = new FollowerRegistry(app.redis, app.keys);
    const [a, b, c, d] = [userId(), userId(), userId(), userId()];
    await registry.update(a, { village: 'Phương Nghệ', topics: ['power'] });
    await registry.update(b, { village: 'Phương Nghệ', topics: ['weather'] });
    await registry.update(c, { village: 'Đồng Tràm Tây', topics: ['power'] });
    await registry.update(d, { village: 'Phương Nghệ', topics: ['power'] });
    expect((await count({ audience: { all: true } })).data).toEqual({ count: 4 });
    expect((await count({ audience: { villages: ['phuong nghe'] } })).data).toEqual({ count: 3 });
    expect((await count({ audience: { villages: ['Phương Nghệ'], topics: ['cat dien'] } })).data).toEqual({ count: 2 });
    expect((await count({ audience: { topics: ['power'] } })).data).toEqual({ count: 3 });
    // "Stop all" and unfollowing take people out of the count at once.
    await registry.update(d, { stopped: true });
    await registry.unfollowed(c);
    expect((await count({ audience: { topics: ['power'] } })).data).toEqual({ count: 1 });
    expect((await count({ audience: { userIds: [userId(), a] } })).data).toEqual({ count: 2 });
  });

  it('bad audiences are 400 naming the field; officer and admin only', async () => {
    const unknown = await count({ audience: { villages: ['Không Có'] } });
    expect(unknown.status).toBe(400);
    expect(Object.keys(unknown.data.fields)).toEqual([expect.stringMatching(/^audience\.villages/)]);
    expect((await count({ audience: {} })).data.fields).toHaveProperty('audience');
    expect((await count({})).data.fields).toHaveProperty('audience');
    expect((await count({ audience: { all: true }, text: 'x' })).data.fields).toEqual({ text: 'is not a known field' });
    expect((await count({ audience: { all: true, hamlet: 'x' } })).data.fields).toEqual({ 'audience.hamlet': 'is not a known field' });
    expect((await count('[1]')).status).toBe(400);
    expect((await count({ audience: { all: true } }, team)).status).toBe(403);
    expect((await count({ audience: { all: true } }, 'test-admin-token')).status).toBe(200);
  });
});
