/**
 * The learning loop in the console: unplaced questions grouped loosely (marks, shorthand,
 * particles and word order do not split a group), and what an officer teaches from them — an
 * intent example, a search synonym — checked against the data it joins, kept, listed, and picked
 * up by the worker: a message the bot could not place lands where it was taught; removed, it is
 * dropped again. Two officers teaching the same text at once cannot both place it.
 */
import axios from 'axios';
import { createHarness, userId, type Harness, mintToken } from '../helpers';
import type { RunningApp } from '../../src/roles/app';
import { UnplacedLog } from '../../src/domain/insights/unplaced-log';
import { loadCommuneProfile } from '../../src/domain/commune/commune-profile';

const UNCLEAR = 'qwerty zxcvb trang mạng';

describe('the learning loop through the API', () => {
  let h: Harness;
  let app: RunningApp;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    h = await createHarness('insights-learning');
    app = await h.start({ web: true, worker: true });
    const mint = (role: string, village?: string) => mintToken(app, { role, name: `${role} Hoa`, village });
    tokens.officer = await mint('officer');
    tokens.team = await mint('team', 'Phương Nghệ');
  });
  afterAll(() => h.close());

  const call = (method: 'get' | 'post' | 'delete', path: string, data?: unknown, token = tokens.officer!) =>
    axios.request({
      method,
      url: `http://127.0.0.1:${app.port}/api/v1${path}`,
      data,
      headers: { authorization: `Bearer ${token}` },
      validateStatus: () => true,
    });

  it('groups similar unplaced questions: marks, shorthand, particles and word order aside; counts, people and the ways they were typed', async () => {
    const log = new UnplacedLog(app.redis, app.keys);
    const [a, b, c] = [userId(), userId(), userId()];
    const now = Date.now();
    await log.record(a, 'đăng ký kết hôn ạ', 'clarify:procedure,followup_documents', now - 4000);
    await log.record(b, 'dk ket hon', 'nothing-fits', now - 3000);
    await log.record(c, 'kết hôn đăng ký ở đâu em', 'nothing-fits', now - 2000);
    await log.record(c, 'giá vàng hôm nay', 'nothing-fits', now - 1000);
    const res = await call('get', '/insights/unanswered/groups');
    expect(res.status).toBe(200);
    expect(res.data.groups[0]).toEqual({
      text: 'dang ky ket hon',
      count: 3,
      users: 3,
      examples: ['kết hôn đăng ký ở đâu em', 'dk ket hon', 'đăng ký kết hôn ạ'],
      lastAt: new Date(now - 2000).toISOString(),
      offered: { 'clarify:procedure,followup_documents': 1, 'nothing-fits': 2 },
      next: {},
    });
    expect(res.data.groups[1]).toMatchObject({ text: 'gia vang hom nay', count: 1, examples: ['giá vàng hôm nay'] });
    expect((await call('get', '/insights/unanswered/groups?limit=1')).data.groups).toHaveLength(1);
    expect((await call('get', '/insights/unanswered/groups?from=2026-13-01')).data.fields).toHaveProperty('from');
  });

  it('an example taught is checked, kept and listed; the worker then places the question it could not', async () => {
    const asker = userId();
    expect((await h.exchange(asker, UNCLEAR)).text).toMatch(/chưa chắc đã hiểu/);

    const bad = await call('post', '/insights/examples', { intent: 'weather', texts: ['', UNCLEAR], extra: 1 });
    expect(bad.status).toBe(400);
    expect(bad.data.fields).toMatchObject({ intent: expect.any(String), 'texts.0': 'is empty', extra: 'is not a known field' });
    const contradicts = await call('post', '/insights/examples', { intent: 'thanks', texts: [UNCLEAR, 'Làm giấy khai sinh cho con'] });
    expect(contradicts.data.fields).toEqual({ 'texts.1': expect.stringMatching(/^is already an example of /) });
    expect((await call('get', '/insights/examples')).data.examples).toEqual([]);

    const taught = await call('post', '/insights/examples', { intent: 'commune_portal', texts: [UNCLEAR] });
    expect(taught.status).toBe(201);
    expect(taught.data).toEqual({ intent: 'commune_portal', added: [UNCLEAR], known: [] });
    const again = await call('post', '/insights/examples', { intent: 'commune_portal', texts: [UNCLEAR.toUpperCase()] });
    expect(again.status).toBe(200);
    expect(again.data).toEqual({ intent: 'commune_portal', added: [], known: [UNCLEAR.toUpperCase()] });
    expect((await call('get', '/insights/examples')).data.examples).toEqual([
      { intent: 'commune_portal', text: UNCLEAR, at: expect.any(String), by: 'officer Hoa' },
    ]);

    // A worker starting now reads what was taught (a running one looks every half minute).
    await app.close();
    h.apps.splice(h.apps.indexOf(app), 1);
    app = await h.start({ web: true, worker: true });
    const reply = await h.exchange(userId(), UNCLEAR);
    expect(reply.text).not.toMatch(/chưa chắc đã hiểu/);
    expect(reply.text).toContain(loadCommuneProfile().onlineFiling.fallbackUrl);
    // Training a model with a new example takes seconds (more under jest) the first time; the cache has it after.
  }, 60_000);

  it('an example removed is no longer listed, and a worker started afterwards no longer places the question by it', async () => {
    const bad = await call('delete', '/insights/examples', { intent: 'commune_portal', text: ' ', extra: 1 });
    expect(bad.status).toBe(400);
    expect(bad.data.fields).toEqual({ text: 'is empty', extra: 'is not a known field' });
    expect((await call('delete', '/insights/examples', { intent: 'thanks', text: UNCLEAR })).status).toBe(404);

    const removed = await call('delete', '/insights/examples', { intent: 'commune_portal', text: UNCLEAR.toUpperCase() });
    expect(removed.status).toBe(200);
    expect(removed.data).toEqual({ intent: 'commune_portal', text: UNCLEAR, at: expect.any(String), by: 'officer Hoa' });
    expect((await call('get', '/insights/examples')).data.examples).toEqual([]);
    expect((await call('delete', '/insights/examples', { intent: 'commune_portal', text: UNCLEAR })).status).toBe(404);

    await app.close();
    h.apps.splice(h.apps.indexOf(app), 1);
    app = await h.start({ web: true, worker: true });
    expect((await h.exchange(userId(), UNCLEAR)).text).toMatch(/chưa chắc đã hiểu/);
  }, 60_000);

  it('two officers teaching the same new text to different intents at once: one of them succeeds', async () => {
    const text = 'abcxyz hỏi cùng lúc';
    const outcomes = await Promise.all([
      call('post', '/insights/examples', { intent: 'commune_portal', texts: [text] }),
      call('post', '/insights/examples', { intent: 'thanks', texts: [text] }),
    ]);
    expect(outcomes.map((r) => r.status).sort()).toEqual([201, 400]);
    const winner = outcomes.find((r) => r.status === 201)?.data.intent;
    expect(outcomes.find((r) => r.status === 400)?.data.fields).toEqual({ 'texts.0': `is already an example of ${winner}` });
    expect((await call('get', '/insights/examples')).data.examples).toEqual([expect.objectContaining({ intent: winner, text })]);

    const phrases = await Promise.all([
      call('post', '/insights/synonyms', { procedureCode: '1.001193', phrase: 'giấy cùng lúc' }),
      call('post', '/insights/synonyms', { procedureCode: '1.004222', phrase: 'giay cung luc' }),
    ]);
    expect(phrases.map((r) => r.status).sort()).toEqual([201, 400]);
    const kept = (await call('get', '/insights/synonyms')).data.synonyms.filter((s: { phrase: string }) => /c[uù]ng l[uú]c/.test(s.phrase));
    expect(kept).toHaveLength(1);
    expect((await call('delete', '/insights/examples', { intent: winner, text })).status).toBe(200);
    expect((await call('delete', '/insights/synonyms', { phrase: 'GIAY CUNG LUC' })).status).toBe(200);
  });

  it('a synonym is checked against the catalogue and the vocabulary, kept once, and listed with its procedure', async () => {
    const bad = await call('post', '/insights/synonyms', { procedureCode: '9.999999', phrase: '  ' });
    expect(bad.data.fields).toEqual({ procedureCode: 'is not a procedure code of the catalogue', phrase: 'is empty' });
    expect((await call('post', '/insights/synonyms', { procedureCode: '1.001193', phrase: 'sổ đỏ' })).data.fields).toEqual({
      phrase: expect.stringMatching(/search vocabulary/),
    });
    const created = await call('post', '/insights/synonyms', { procedureCode: '1.001193', phrase: 'sổ xanh' });
    expect(created.status).toBe(201);
    expect(created.data).toEqual({
      procedureCode: '1.001193',
      procedureName: 'Đăng ký khai sinh',
      phrase: 'sổ xanh',
      at: expect.any(String),
      by: 'officer Hoa',
      created: true,
    });
    expect((await call('post', '/insights/synonyms', { procedureCode: '1.001193', phrase: 'SO XANH' })).data).toMatchObject({
      phrase: 'sổ xanh',
      created: false,
    });
    expect((await call('post', '/insights/synonyms', { procedureCode: '1.004222', phrase: 'so xanh' })).data.fields).toEqual({
      phrase: 'is already a synonym of 1.001193',
    });
    expect((await call('get', '/insights/synonyms')).data.synonyms).toEqual([
      { procedureCode: '1.001193', procedureName: 'Đăng ký khai sinh', phrase: 'sổ xanh', at: expect.any(String), by: 'officer Hoa' },
    ]);
  });

  it('the public search finds a taught synonym too (a web role reads what was taught when it starts)', async () => {
    const search = async (port: number) =>
      (await axios.get(`http://127.0.0.1:${port}/api/v1/procedures`, { params: { q: 'lam giay xanh la' } })).data.results[0]?.code as
        string | undefined;
    const before = await search(app.port);
    expect((await call('post', '/insights/synonyms', { procedureCode: '1.001193', phrase: 'giấy xanh lá' })).status).toBe(201);
    const web = await h.start({ web: true, worker: false });
    expect([before === '1.001193', await search(web.port)]).toEqual([false, '1.001193']);
  });

  it('a synonym removed is no longer listed, and a web role started afterwards no longer finds the procedure by it', async () => {
    expect((await call('delete', '/insights/synonyms', { phrase: 'giấy xanh lá', procedureCode: '1.001193' })).data.fields).toEqual({
      procedureCode: 'is not a known field',
    });
    expect((await call('delete', '/insights/synonyms', { phrase: 'giấy đỏ lá' })).status).toBe(404);
    const removed = await call('delete', '/insights/synonyms', { phrase: 'GIAY XANH LA' });
    expect(removed.status).toBe(200);
    expect(removed.data).toEqual({
      procedureCode: '1.001193',
      procedureName: 'Đăng ký khai sinh',
      phrase: 'giấy xanh lá',
      at: expect.any(String),
      by: 'officer Hoa',
    });
    expect((await call('get', '/insights/synonyms')).data.synonyms.map((s: { phrase: string }) => s.phrase)).toEqual(['sổ xanh']);
    const web = await h.start({ web: true, worker: false });
    const found = await axios.get(`http://127.0.0.1:${web.port}/api/v1/procedures`, { params: { q: 'lam giay xanh la' } });
    expect(found.data.results[0]?.code).not.toBe('1.001193');
  });

  it('officer and admin only', async () => {
    for (const [method, path] of [
      ['get', '/insights/unanswered/groups'],
      ['get', '/insights/examples'],
      ['post', '/insights/examples'],
      ['get', '/insights/synonyms'],
      ['post', '/insights/synonyms'],
      ['delete', '/insights/examples'],
      ['delete', '/insights/synonyms'],
    ] as const) {
      expect((await call(method, path, {}, tokens.team)).status).toBe(403);
    }
    expect((await call('get', '/insights/examples', undefined, 'test-admin-token')).status).toBe(200);
  });
});
