/**
 * GET /api/v1/insights/unanswered: the learning loop's report — messages the bot could not place,
 * grouped by folded text with counts, people, what was offered and what people did next; over
 * a period of Vietnam days; officer and admin only.
 */
import axios from 'axios';
import { createHarness, userId, type Harness, mintToken } from '../helpers';
import type { RunningApp } from '../../src/roles/app';
import { UnplacedLog } from '../../src/domain/insights/unplaced-log';

const DAY = 86_400_000;
/** The Vietnam date `days` ago (YYYY-MM-DD). */
const vietnamDay = (days: number) => new Date(Date.now() - days * DAY + 7 * 3_600_000).toISOString().slice(0, 10);

describe('GET /api/v1/insights/unanswered', () => {
  let h: Harness;
  let app: RunningApp;
  let log: UnplacedLog;
  const tokens: Record<string, string> = { admin: 'test-admin-token' };

  beforeAll(async () => {
    h = await createHarness('insights-api');
    app = await h.start({ web: true, worker: true });
    log = new UnplacedLog(app.redis, app.keys);
    const mint = (role: string, village?: string) => mintToken(app, { role, village });
    tokens.officer = await mint('officer');
    tokens.team = await mint('team', 'Phương Nghệ');
    tokens.onestop = await mint('onestop');
  });
  afterAll(() => h.close());

  const get = (query = '', token: string | null = tokens.officer!) =>
    axios.get(`http://127.0.0.1:${app.port}/api/v1/insights/unanswered${query}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
      validateStatus: () => true,
    });
  type Group = { text: string; offered: Record<string, number> };
  const groupOf = (groups: Group[], text: string) => groups.find((g) => g.text === text);

  it('an unclear chat message gets a clarifying question, is recorded, and the button pressed next is what people did next', async () => {
    const citizen = userId();
    expect((await h.exchange(citizen, 'xyz qwerty')).text).toMatch(/chưa chắc đã hiểu/);
    const before = groupOf((await get()).data.groups, 'xyz qwerty');
    expect(before).toMatchObject({ count: 1, users: 1, example: 'xyz qwerty', next: {} });
    expect(Object.keys(before!.offered)).toEqual([expect.stringMatching(/^clarify:/)]);

    await h.exchange(citizen, '#q:fd:ask_person');
    expect(groupOf((await get()).data.groups, 'xyz qwerty')).toMatchObject({ count: 1, next: { 'chose:ask_person': 1 } });
  });

  it('groups by folded text ("Ho so?" and "hồ sơ" are one), counts people, keeps the latest wording, largest first; limit cuts', async () => {
    const [a, b, c] = [userId(), userId(), userId()];
    const now = Date.now();
    await log.record(a, 'Ho so?', 'clarify:dossier_status,procedure', now - 3 * 60_000);
    await log.record(a, 'ho so', 'clarify:dossier_status,procedure', now - 2 * 60_000);
    const latest = await log.record(b, 'hồ sơ', 'nothing-fits', now - 60_000);
    await log.recordNext(latest, 'typed:dossier_status');
    await log.record(c, 'giá vàng hôm nay', 'nothing-fits', now);

    const res = await get();
    expect(res.status).toBe(200);
    expect(res.data.groups[0]).toEqual({
      text: 'ho so',
      count: 3,
      users: 2,
      example: 'hồ sơ',
      lastAt: new Date(now - 60_000).toISOString(),
      offered: { 'clarify:dossier_status,procedure': 2, 'nothing-fits': 1 },
      next: { 'typed:dossier_status': 1 },
    });
    expect(groupOf(res.data.groups, 'gia vang hom nay')).toMatchObject({ count: 1, users: 1, example: 'giá vàng hôm nay' });
    expect(Date.parse(res.data.to) - Date.parse(res.data.from)).toBe(30 * DAY);

    const one = (await get('?limit=1')).data.groups;
    expect(one.map((g: { text: string }) => g.text)).toEqual(['ho so']);
  });

  it('a date alone is a whole day in Vietnam (+07:00), `to` included; without bounds the last 30 days', async () => {
    const day = vietnamDay(40);
    const next = vietnamDay(39);
    const user = userId();
    await log.record(user, 'đêm trước', 'nothing-fits', Date.parse(`${vietnamDay(41)}T23:50:00+07:00`));
    await log.record(user, 'sáng sớm', 'nothing-fits', Date.parse(`${day}T00:10:00+07:00`));
    await log.record(user, 'khuya', 'nothing-fits', Date.parse(`${day}T23:50:00+07:00`));
    await log.record(user, 'hôm sau', 'nothing-fits', Date.parse(`${next}T00:10:00+07:00`));

    const texts = async (query: string) => (await get(query)).data.groups.map((g: { text: string }) => g.text).sort();
    expect(await texts(`?from=${day}&to=${day}`)).toEqual(['khuya', 'sang som']);
    expect(await texts(`?from=${day}&to=${next}`)).toEqual(['hom sau', 'khuya', 'sang som']);
    expect(await texts(`?from=${day}T12:00:00%2B07:00&to=${day}`)).toEqual(['khuya']);
    const period = (await get(`?from=${day}&to=${day}`)).data;
    expect(period).toMatchObject({
      from: new Date(`${day}T00:00:00+07:00`).toISOString(),
      to: new Date(`${next}T00:00:00+07:00`).toISOString(),
    });
    // 40 days ago is outside the default period.
    expect(await texts('')).not.toContain('khuya');
  });

  it('officer and admin only: no or a wrong token 401, a village team or one-stop token 403', async () => {
    expect((await get('', tokens.admin)).status).toBe(200);
    expect((await get('', null)).status).toBe(401);
    expect((await get('', 'not-a-real-token')).status).toBe(401);
    for (const role of ['team', 'onestop']) {
      const res = await get('', tokens[role]);
      expect(res.status).toBe(403);
      expect(res.data.groups).toBeUndefined();
    }
  });

  it('bad input is a 400 naming every field at fault', async () => {
    const bad = await get('?from=2026-13-45&limit=0');
    expect(bad.status).toBe(400);
    expect(bad.data).toEqual({ error: 'invalid request', fields: { from: expect.any(String), limit: expect.any(String) } });
    const reversed = await get(`?from=${vietnamDay(1)}&to=${vietnamDay(3)}`);
    expect(reversed.status).toBe(400);
    expect(reversed.data.fields).toEqual({ from: 'is after to' });
    expect((await get('?limit=many')).data.fields).toEqual({ limit: expect.any(String) });
  });
});
