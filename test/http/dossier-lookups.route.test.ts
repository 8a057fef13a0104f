/**
 * The dossier lookups for officers: the audit over a period (every lookup, the user hashed, counts
 * per outcome) and the guessing alerts — a code that drew the guard's threshold of wrong answers
 * within an hour, locked for everyone, with until when — made by the real lookup guard.
 */
import axios from 'axios';
import { createHarness, userId, type Harness, mintToken } from '../helpers';
import type { RunningApp } from '../../src/roles/app';
import { createLogger } from '../../src/logger';
import { DossierStore } from '../../src/domain/dossiers/dossier-store';
import { DossierFollows } from '../../src/domain/dossiers/dossier-follows';
import { DossierLookupService } from '../../src/domain/dossiers/dossier-lookup';
import { LookupGuard } from '../../src/domain/dossiers/lookup-guard';
import { SAMPLE_DOSSIER } from '../domain/dossiers/sample-dossier';

const GUESSED = '000.00.20.H47-261120-0042';
const MISTYPED = '000.00.20.H47-261120-0043';

describe('dossier lookup audit and guessing alerts', () => {
  let h: Harness;
  let app: RunningApp;
  let base: string;
  let officer: string;
  let team: string;
  let lookups: DossierLookupService;

  beforeAll(async () => {
    h = await createHarness('dossier-lookups');
    app = await h.start({ web: true, worker: false });
    base = `http://127.0.0.1:${app.port}/api/v1`;
    const mint = (role: string, village?: string) => mintToken(app, { role, village });
    officer = await mint('officer');
    team = await mint('team', 'Phương Nghệ');
    const store = new DossierStore(app.redis, app.keys);
    for (const code of [GUESSED, MISTYPED]) await store.put({ ...SAMPLE_DOSSIER, code, updatedAt: new Date().toISOString() });
    lookups = new DossierLookupService(
      store,
      new LookupGuard(app.redis, app.keys, createLogger('silent')),
      new DossierFollows(app.redis, app.keys),
    );
  });
  afterAll(() => h.close());

  const get = (path: string, token = officer) =>
    axios.get(`${base}${path}`, { headers: { authorization: `Bearer ${token}` }, validateStatus: () => true });

  it('the audit lists every lookup in the period, newest first, with counts per outcome; a code narrows it', async () => {
    const owner = userId();
    expect((await lookups.lookup(owner, MISTYPED, '0000')).kind).toBe('wrong');
    expect((await lookups.lookup(owner, MISTYPED, '6789')).kind).toBe('shown');
    const audit = await get(`/dossiers/audit?code=${MISTYPED.toLowerCase()}`);
    expect(audit.status).toBe(200);
    expect(audit.data).toMatchObject({ counts: { shown: 1, wrong_factor: 1, locked: 0, unavailable: 0 }, total: 2 });
    expect(audit.data.entries.map((e: { outcome: string }) => e.outcome)).toEqual(['shown', 'wrong_factor']);
    expect(audit.data.entries[0]).toEqual({
      at: expect.any(String),
      user: expect.not.stringContaining(owner),
      code: MISTYPED,
      outcome: 'shown',
    });
    expect(JSON.stringify(audit.data)).not.toContain(owner);
    // A period long gone holds none of it.
    expect((await get('/dossiers/audit?from=2020-01-01&to=2020-01-31')).data).toMatchObject({ total: 0, entries: [] });
  });

  it('twenty wrong answers from twenty accounts within the hour: an alert, the code locked for everyone until a day later', async () => {
    for (let i = 0; i < 20; i += 1) await lookups.lookup(userId(), GUESSED, String(1000 + i));
    expect((await lookups.lookup(userId(), GUESSED, '6789')).kind).toBe('locked');
    const res = await get('/dossiers/alerts');
    expect(res.status).toBe(200);
    expect(res.data.threshold).toBe(20);
    expect(res.data.alerts).toEqual([
      {
        code: GUESSED,
        wrongAnswers: 20,
        users: 20,
        peakHour: 20,
        refusedWhileLocked: 1,
        firstAt: expect.any(String),
        lastAt: expect.any(String),
        lockedUntil: expect.any(String),
      },
    ]);
    const lockedFor = Date.parse(res.data.alerts[0].lockedUntil) - Date.now();
    expect(lockedFor).toBeGreaterThan(23.9 * 3_600_000);
    expect(lockedFor).toBeLessThanOrEqual(24 * 3_600_000);
    // The one wrong answer for the other code is no alert.
    expect(res.data.alerts.map((a: { code: string }) => a.code)).not.toContain(MISTYPED);
    expect((await get('/dossiers/audit')).data.counts).toMatchObject({ wrong_factor: 21, locked: 1, shown: 1 });
  });

  it('officer and admin only; a bad period is 400; "audit" is never taken for a dossier code', async () => {
    expect((await get('/dossiers/alerts', team)).status).toBe(403);
    expect((await get('/dossiers/audit', team)).status).toBe(403);
    expect((await get('/dossiers/audit', 'test-admin-token')).status).toBe(200);
    expect((await get('/dossiers/audit?from=2026-13-01&limit=0')).data.fields).toEqual({
      from: expect.any(String),
      limit: expect.any(String),
    });
    expect((await get('/dossiers/alerts?from=2026-03-03&to=2026-03-01')).data.fields).toEqual({ from: 'is after to' });
    expect((await get(`/dossiers/${GUESSED}`)).data).toMatchObject({ code: GUESSED });
  });
});
