import axios from 'axios';
import { createHarness, eventually, userId, waitFor, type Harness } from '../helpers';
import { SAMPLE_DOSSIER } from '../domain/dossiers/sample-dossier';
import type { RunningApp } from '../../src/roles/app';

describe('following a dossier: notices on change, Zalo window rules, ratings', () => {
  let h: Harness;
  let app: RunningApp;
  let api: string;
  const admin = { headers: { authorization: 'Bearer test-admin-token' } };

  beforeAll(async () => {
    h = await createHarness('dossier-notices');
    app = await h.start({ web: true, worker: true });
    api = `http://127.0.0.1:${app.port}/api/v1`;
  });
  afterAll(() => h.close());

  const put = (code: string, patch: Record<string, unknown>) =>
    axios.put(`${api}/dossiers/${code}`, { ...SAMPLE_DOSSIER, ...patch }, admin);

  const exchange = (user: string, text: string) => h.exchange(user, text);

  async function followAs(user: string, code: string) {
    await exchange(user, code);
    const status = await exchange(user, '6789');
    const follow = status.buttons?.find((b) => b.title === 'Theo dõi hồ sơ');
    expect(follow?.payload).toBe(`#q:dos:f:${code}`);
    expect((await exchange(user, follow?.payload as string)).text).toMatch(/Đã theo dõi/);
  }

  it('a status change through the API notifies followers within seconds', async () => {
    const code = '000.00.20.H47-261121-0001';
    await put(code, { status: 2 });
    const user = userId();
    await followAs(user, code);
    const before = h.messages(user).length;
    const started = Date.now();
    await put(code, { status: 5, missingDocuments: ['Tờ khai (bản chính)'] });
    const [notice] = (await h.waitForMessages(user, before + 1)).slice(before);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(notice?.text).toMatch(/vừa có cập nhật[\s\S]*Cần bổ sung giấy tờ[\s\S]*Tờ khai/);
    expect(notice?.buttons?.map((b) => b.title)).toContain('Bỏ theo dõi');
    // The same state pushed again notifies nobody.
    await put(code, { status: 5, missingDocuments: ['Tờ khai (bản chính)'] });
    await new Promise((r) => setTimeout(r, 500));
    expect(h.messages(user)).toHaveLength(before + 1);
  });

  it('nobody can follow without the second factor', async () => {
    const code = '000.00.20.H47-261121-0002';
    await put(code, { status: 4 });
    const user = userId();
    expect((await exchange(user, `#q:dos:f:${code}`)).text).toMatch(/tra cứu hồ sơ này trước/);
  });

  it('outside the 7-day window with no template, the notice is recorded as not deliverable', async () => {
    const code = '000.00.20.H47-261121-0003';
    await put(code, { status: 4 });
    const user = userId();
    await followAs(user, code);
    const eightDaysAgo = String(Date.now() - 8 * 86_400_000);
    await app.redis.hSet(app.keys.profile(user), 'lastInteraction', eightDaysAgo);
    const before = h.messages(user).length;
    await put(code, { status: 9 });
    // The log line is written once the notice was decided: by then a message would have gone out.
    const logged = await eventually(async () => {
      const log = (await app.redis.lRange(app.keys.dossierNoticeLog, 0, -1)).map((e) => JSON.parse(e) as { code: string; outcome: string });
      return log.find((e) => e.code === code);
    }, 'the notice log line');
    expect(logged.outcome).toBe('not_deliverable');
    expect(h.messages(user)).toHaveLength(before);
  });

  it('result returned → asked to rate with three buttons, then a reason; ratings exported as JSON and CSV', async () => {
    const code = '000.00.20.H47-261121-0004';
    await put(code, { status: 9 });
    const user = userId();
    await followAs(user, code);
    const before = h.messages(user).length;
    await put(code, { status: 10, finishedAt: '2026-11-24T09:00:00+07:00' });
    const [notice] = (await h.waitForMessages(user, before + 1)).slice(before);
    expect(notice?.text).toMatch(/Đã trả kết quả[\s\S]*đánh giá/);
    expect(notice?.buttons?.map((b) => b.title)).toEqual(['Rất hài lòng', 'Hài lòng', 'Không hài lòng', 'Bỏ theo dõi']);
    const reasons = await exchange(user, `#q:rate:${code}:dissatisfied`);
    expect(reasons.text).toMatch(/lý do/);
    expect(reasons.buttons).toHaveLength(5);
    expect((await exchange(user, 'Phải chờ lâu quá')).text).toMatch(/ghi nhận đánh giá/);
    const json = await axios.get(`${api}/ratings`, admin);
    expect(json.data.ratings).toEqual([
      expect.objectContaining({ code, level: 'dissatisfied', reason: 'Phải chờ lâu quá', procedureCode: '1.001193' }),
    ]);
    expect(json.data.satisfiedShare).toBe(0);
    const csv = await axios.get(`${api}/ratings?format=csv`, admin);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.data).toMatch(/code,procedureCode,level,reason,at,rater/);
    expect(csv.data).toMatch(/"Phải chờ lâu quá"/);
    expect((await axios.get(`${api}/ratings?from=yesterday`, { ...admin, validateStatus: () => true })).status).toBe(400);
    expect((await axios.get(`${api}/ratings`, { validateStatus: () => true })).status).toBe(401);
  });

  it('a rating button typed by someone who does not follow is refused', async () => {
    const user = userId();
    expect((await exchange(user, '#q:rate:000.00.20.H47-261121-0004:very_satisfied')).text).toMatch(/Chỉ người theo dõi/);
  });
});

describe('configured channels and factors', () => {
  let h: Harness;
  let api: string;
  const admin = { headers: { authorization: 'Bearer test-admin-token' } };
  beforeAll(async () => {
    // Zalo refuses template sends at night (Vietnam time): this fake Zalo's clock says 10:00.
    const started = Date.now();
    const tenAm = Date.parse('2026-11-27T03:00:00Z');
    h = await createHarness('dossier-template', {
      env: { DOSSIER_TEMPLATE_ID: 'tpl-hoso-001', DOSSIER_SECOND_FACTOR: 'phone' },
      fake: { now: () => tenAm + (Date.now() - started) },
    });
    const app = await h.start({ web: true, worker: true });
    api = `http://127.0.0.1:${app.port}/api/v1`;
  });
  afterAll(() => h.close());

  const exchange = (user: string, text: string) => h.exchange(user, text);

  it('only the phone’s last four unlock when so configured; outside the window the template goes out', async () => {
    const code = '000.00.20.H47-261122-0009';
    await axios.put(`${api}/dossiers/${code}`, { ...SAMPLE_DOSSIER, applicantIdLast4: '4321' }, admin);
    const user = userId();
    expect((await exchange(user, code)).text).toMatch(/4 số cuối của số điện thoại đã khai/);
    expect((await exchange(user, '4321')).text).toMatch(/chưa khớp/);
    expect((await exchange(user, '6789')).text).toMatch(/Tình trạng/);
    expect((await exchange(user, `#q:dos:f:${code}`)).text).toMatch(/Đã theo dõi/);
    const app = h.apps[0]!;
    await app.redis.hSet(app.keys.profile(user), 'lastInteraction', String(Date.now() - 9 * 86_400_000));
    await axios.put(`${api}/dossiers/${code}`, { ...SAMPLE_DOSSIER, applicantIdLast4: '4321', status: 9 }, admin);
    const template = await waitFor(() => h.fake.messages(user).find((m) => m.kind === 'template'), 5000, 'a template message');
    expect(template).toMatchObject({ templateId: 'tpl-hoso-001', templateData: { dossier_code: code, status: 'Đã có kết quả' } });
  });
});
