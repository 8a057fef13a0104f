import axios from 'axios';
import { createHarness, type Harness, mintToken } from '../helpers';
import { SAMPLE_DOSSIER } from '../domain/dossiers/sample-dossier';

describe('PUT/GET /api/v1/dossiers', () => {
  let h: Harness;
  let base: string;
  let onestop: string;
  let officer: string;
  beforeAll(async () => {
    h = await createHarness('dossier-api');
    const app = await h.start({ web: true, worker: false });
    base = `http://127.0.0.1:${app.port}/api/v1`;
    const mint = (role: string) => mintToken(app, { role });
    onestop = await mint('onestop');
    officer = await mint('officer');
  });
  afterAll(() => h.close());

  const call = (method: 'put' | 'get', code: string, token?: string, data?: unknown) =>
    axios.request({
      method,
      url: `${base}/dossiers/${encodeURIComponent(code)}`,
      data,
      headers: token ? { authorization: `Bearer ${token}` } : {},
      validateStatus: () => true,
    });

  it('the one-stop system creates and updates a dossier; a status change is reported', async () => {
    const first = await call('put', '000.00.20.H47-261120-0001', onestop, SAMPLE_DOSSIER);
    expect(first.status).toBe(200);
    expect(first.data).toEqual({ code: '000.00.20.H47-261120-0001', status: 4, created: true, statusChanged: false });
    const again = await call('put', '000.00.20.h47-261120-0001', onestop, {
      ...SAMPLE_DOSSIER,
      status: 9,
      finishedAt: '2026-11-24T10:00:00+07:00',
    });
    expect(again.data).toMatchObject({ created: false, statusChanged: true });
    const read = await call('get', '000.00.20.H47-261120-0001', officer);
    expect(read.status).toBe(200);
    expect(read.data).toMatchObject({ status: 9, applicantPhoneLast4: '6789' });
  });

  it('refuses a dossier nobody could unlock, and names the bad fields', async () => {
    const { applicantPhoneLast4: _omit, ...noFactor } = SAMPLE_DOSSIER;
    const res = await call('put', '000.00.20.H47-261120-0002', onestop, noFactor);
    expect(res.status).toBe(400);
    expect(res.data.fields).toHaveProperty('applicantPhoneLast4');
    const bad = await call('put', '000.00.20.H47-261120-0002', onestop, {
      ...SAMPLE_DOSSIER,
      status: 11,
      dueAt: 'mai',
      applicantPhoneLast4: '12',
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.data.fields).sort()).toEqual(['applicantPhoneLast4', 'dueAt', 'status']);
  });

  it('401 without a token, 403 for the wrong role', async () => {
    expect((await call('put', '000.00.20.H47-261120-0003', undefined, SAMPLE_DOSSIER)).status).toBe(401);
    expect((await call('put', '000.00.20.H47-261120-0003', officer, SAMPLE_DOSSIER)).status).toBe(403);
    expect((await call('get', '000.00.20.H47-261120-0001', onestop)).status).toBe(403);
    expect((await call('get', '000.00.20.H47-999999-0009', officer)).status).toBe(404);
  });
});
