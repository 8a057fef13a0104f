/**
 * Every API body is strict (docs/http-api.md): a key the endpoint does not know is a 400 naming it,
 * and nothing is written — `"admin": true` cannot ride along on a token request.
 */
import axios from 'axios';
import { createHarness, userId, type Harness } from '../helpers';
import type { RunningApp } from '../../src/roles/app';
import { SAMPLE_DOSSIER } from '../domain/dossiers/sample-dossier';

describe('unknown keys in API bodies', () => {
  let h: Harness;
  let app: RunningApp;
  let api: string;
  const admin = { headers: { authorization: 'Bearer test-admin-token' }, validateStatus: () => true };

  beforeAll(async () => {
    h = await createHarness('strict-bodies');
    app = await h.start({ web: true, worker: false });
    api = `http://127.0.0.1:${app.port}/api/v1`;
  });
  afterAll(() => h.close());

  it.each([
    ['POST', '/tokens', { role: 'officer', name: 'Chị Hoa', admin: true }, 'admin'],
    ['PUT', '/dossiers/000.00.20.H47-261120-0042', { ...SAMPLE_DOSSIER, owner: 'x' }, 'owner'],
    ['PUT', '/teams/phuong%20nghe', { members: [], leader: 'x' }, 'leader'],
    ['PUT', '/teams/phuong%20nghe', { members: [{ zaloId: '123', role: 'boss' }] }, 'members.0.role'],
    ['PUT', `/followers/${userId()}`, { village: 'Phương Nghệ', vip: true }, 'vip'],
    ['PUT', `/staff/${userId()}`, { role: 'officer', name: 'Anh Nam', superuser: true }, 'superuser'],
    ['POST', '/broadcasts', { text: 'Lịch cắt điện', audience: { all: true }, priority: 'high' }, 'priority'],
  ])('%s %s with an unknown key → 400 naming it', async (method, path, body, field) => {
    const res = await axios.request({ method, url: `${api}${path}`, data: body, ...admin });
    expect(res.status).toBe(400);
    expect(Object.keys(res.data.fields)).toContain(field);
  });
});
