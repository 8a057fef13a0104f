/** GET /api/v1/me: the console's sign-in check says who a token is, for every role; a bad token is 401. */
import axios from 'axios';
import { createHarness, type Harness } from '../helpers';
import type { RunningApp } from '../../src/roles/app';

describe('GET /api/v1/me', () => {
  let h: Harness;
  let app: RunningApp;
  let api: string;
  const admin = { authorization: 'Bearer test-admin-token' };

  beforeAll(async () => {
    h = await createHarness('me-api');
    app = await h.start({ web: true, worker: false });
    api = `http://127.0.0.1:${app.port}/api/v1`;
  });
  afterAll(() => h.close());

  const me = (token: string) => axios.get(`${api}/me`, { headers: { authorization: `Bearer ${token}` }, validateStatus: () => true });
  const mint = async (body: Record<string, string>) =>
    (await axios.post(`${api}/tokens`, body, { headers: admin })).data as { id: string; token: string };

  it('names the role, the name and a team token’s village; never the token id', async () => {
    const team = await mint({ role: 'team', name: 'Tổ Phương Nghệ', village: 'phuong nghe' });
    expect((await me(team.token)).data).toEqual({ role: 'team', name: 'Tổ Phương Nghệ', village: 'Phương Nghệ' });
    for (const role of ['officer', 'onestop']) {
      const minted = await mint({ role, name: `Chị ${role}` });
      const res = await me(minted.token);
      expect(res.status).toBe(200);
      expect(res.data).toEqual({ role, name: `Chị ${role}` });
    }
    expect((await me('test-admin-token')).data).toEqual({ role: 'admin', name: 'ADMIN_TOKEN' });
  });

  it('a wrong or revoked token is 401', async () => {
    expect((await me('not-a-real-token')).status).toBe(401);
    expect((await axios.get(`${api}/me`, { validateStatus: () => true })).status).toBe(401);
    const officer = await mint({ role: 'officer', name: 'Anh Nam' });
    expect((await me(officer.token)).status).toBe(200);
    await axios.delete(`${api}/tokens/${officer.id}`, { headers: admin });
    expect((await me(officer.token)).status).toBe(401);
  });
});
