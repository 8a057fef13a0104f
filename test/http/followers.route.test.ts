import axios from 'axios';
import { createHarness, userId, type Harness } from '../helpers';
import type { RunningApp } from '../../src/roles/app';

describe('PUT/GET /api/v1/followers/<id>', () => {
  let h: Harness;
  let app: RunningApp;
  let base: string;
  let officer: string;
  let onestop: string;
  beforeAll(async () => {
    h = await createHarness('followers-route');
    app = await h.start({ web: true, worker: false });
    base = `http://127.0.0.1:${app.port}/api/v1`;
    const token = async (role: string) =>
      (await axios.post(`${base}/tokens`, { role, name: role }, { headers: { authorization: 'Bearer test-admin-token' } })).data
        .token as string;
    officer = await token('officer');
    onestop = await token('onestop');
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

  it('201 when created, 200 when updated, with the stored record; villages and topics matched without diacritics', async () => {
    const user = userId();
    const created = await call('put', `/followers/${user}`, officer, {
      village: 'phuong nghe',
      topics: ['cat dien', 'Y TẾ, TIÊM CHỦNG'],
      locale: 'vi',
    });
    expect(created.status).toBe(201);
    expect(created.data).toMatchObject({
      id: user,
      village: 'Phương Nghệ',
      topics: ['power', 'health'],
      locale: 'vi',
      stopped: false,
      following: null,
      consentAt: expect.any(String),
    });
    expect(await app.redis.sMembers(app.keys.followersInVillage('Phương Nghệ'))).toContain(user);
    expect(await app.redis.sIsMember(app.keys.followersOfTopic('health'), user)).toBeTruthy();

    const updated = await call('put', `/followers/${user}`, officer, { village: 'THÔN ĐỒNG TRÀM TÂY' });
    expect(updated.status).toBe(200);
    expect(updated.data).toMatchObject({ village: 'Đồng Tràm Tây', topics: ['power', 'health'] });
    expect(await app.redis.sIsMember(app.keys.followersInVillage('Phương Nghệ'), user)).toBeFalsy();
    expect((await call('get', `/followers/${user}`, officer)).data).toEqual(updated.data);
  });

  it('400 naming the field for unknown villages, topics, locales, ids and extra fields', async () => {
    const user = userId();
    const bad = await call('put', `/followers/${user}`, officer, { village: 'Hà Nội', topics: ['power', 'bóng đá'] });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.data.fields).sort()).toEqual(['topics', 'village']);
    expect(bad.data.fields.topics).toMatch(/bóng đá/);
    expect((await call('put', `/followers/${user}`, officer, { locale: 'fr' })).data.fields).toHaveProperty('locale');
    expect((await call('put', `/followers/${user}`, officer, { hamlet: 'x' })).status).toBe(400);
    const badId = await call('put', '/followers/12ab', officer, { village: 'Phương Nghệ' });
    expect(badId.status).toBe(400);
    expect(badId.data.fields).toHaveProperty('id');
    expect((await call('put', `/followers/${'1'.repeat(26)}`, officer, {})).status).toBe(400);
    // Nothing was stored by the refused requests.
    expect((await call('get', `/followers/${user}`, officer)).status).toBe(404);
  });

  it('400 names every bad field at once: shape and unknown names together, with the id', async () => {
    const user = userId();
    const all = await call('put', `/followers/${user}`, officer, { village: 'Nowhere', topics: ['nonsense'], locale: 'fr' });
    expect(all.status).toBe(400);
    expect(Object.keys(all.data.fields).sort()).toEqual(['locale', 'topics', 'village']);
    expect(all.data.fields.village).toMatch(/unknown village "Nowhere"/);
    expect(all.data.fields.topics).toMatch(/unknown topic "nonsense"/);
    const withId = await call('put', '/followers/12ab', officer, { village: 'Nowhere', hamlet: 'x' });
    expect(withId.data.fields).toEqual({
      id: expect.any(String),
      village: expect.stringMatching(/Nowhere/),
      hamlet: 'is not a known field',
    });
    expect((await call('get', `/followers/${user}`, officer)).status).toBe(404);
  });

  const sendRaw = (user: string, data: string, type: string) =>
    axios.put(`${base}/followers/${user}`, data, {
      headers: { authorization: `Bearer ${officer}`, 'content-type': type },
      validateStatus: () => true,
      transformRequest: (d: string) => d,
    });
  const bodyRefused = { error: 'invalid request', fields: { body: expect.stringMatching(/^must be a JSON object/) } };

  it('400 {error, fields: {body}} for a body that is JSON but not an object, or not JSON at all', async () => {
    const user = userId();
    for (const [data, type] of [
      ['[1, 2]', 'application/json'],
      ['village=Phương Nghệ', 'text/plain'],
    ]) {
      const res = await sendRaw(user, data!, type!);
      expect([data, res.status, res.data]).toEqual([data, 400, bodyRefused]);
    }
    expect((await call('get', `/followers/${user}`, officer)).status).toBe(404);
  });

  it('400 {error, fields: {body}} for malformed JSON or a top-level string or number (refused by the JSON parser)', async () => {
    const user = userId();
    for (const data of ['{"village": "Phương', '"Phương Nghệ"', '42']) {
      const res = await sendRaw(user, data, 'application/json');
      expect([data, res.status, res.data]).toEqual([data, 400, bodyRefused]);
    }
  });

  it('villages whatever their spacing', async () => {
    for (const village of ['phuong  nghe', ' phương nghệ ', 'PhuongNghe']) {
      const res = await call('put', `/followers/${userId()}`, officer, { village });
      expect([village, res.status, res.data.village]).toEqual([village, 201, 'Phương Nghệ']);
    }
  });

  it('401 without a token, 403 for a role that may not', async () => {
    const user = userId();
    expect((await call('put', `/followers/${user}`, undefined, { village: 'Phương Nghệ' })).status).toBe(401);
    expect((await call('put', `/followers/${user}`, onestop, { village: 'Phương Nghệ' })).status).toBe(403);
    expect((await call('get', `/followers/${user}`, onestop)).status).toBe(403);
    expect((await call('put', `/followers/${user}`, 'test-admin-token', { village: 'Phương Nghệ' })).status).toBe(201);
  });
});
