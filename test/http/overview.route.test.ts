/**
 * GET /api/v1/overview: the console's first page, counted where things happen — a citizen's
 * messages handled by the worker, a question it could not place, a dossier looked up in the chat
 * — beside tickets waiting and late, announcements sent and the satisfied share.
 */
import axios from 'axios';
import { createHarness, eventually, userId, type Harness, mintToken } from '../helpers';
import type { RunningApp } from '../../src/roles/app';
import { TicketStore } from '../../src/domain/tickets/ticket-store';
import { BroadcastStore } from '../../src/domain/broadcasts/broadcast-store';
import { DossierFollows } from '../../src/domain/dossiers/dossier-follows';
import { DossierStore } from '../../src/domain/dossiers/dossier-store';
import { SAMPLE_DOSSIER } from '../domain/dossiers/sample-dossier';

const HOUR = 3_600_000;
const CODE = '000.00.20.H47-261120-0077';

describe('GET /api/v1/overview', () => {
  let h: Harness;
  let app: RunningApp;
  let base: string;
  let officer: string;
  let team: string;

  beforeAll(async () => {
    h = await createHarness('overview', {
      env: { OFFICE_HOURS: 'Mon-Sun 00:00-24:00', TICKET_TAKE_MINUTES: '600', TICKET_ANSWER_HOURS: '100' },
    });
    app = await h.start({ web: true, worker: true });
    base = `http://127.0.0.1:${app.port}/api/v1`;
    const mint = (role: string, village?: string) => mintToken(app, { role, village });
    officer = await mint('officer');
    team = await mint('team', 'Phương Nghệ');
  });
  afterAll(() => h.close());

  const get = (query = '', token = officer) =>
    axios.get(`${base}/overview${query}`, { headers: { authorization: `Bearer ${token}` }, validateStatus: () => true });

  it('today’s figures: messages handled, the unplaced question, the lookup, tickets waiting and late, the announcement, the satisfied share', async () => {
    await new DossierStore(app.redis, app.keys).put({ ...SAMPLE_DOSSIER, code: CODE, updatedAt: new Date().toISOString() });
    const citizen = userId();
    expect((await h.exchange(citizen, 'xyz qwerty')).text).toMatch(/chưa chắc đã hiểu/);
    expect((await h.exchange(citizen, `tra cứu hồ sơ ${CODE}`)).text).toMatch(/4 số cuối/);
    await h.exchange(citizen, '6789');

    const tickets = new TicketStore(app.redis, app.keys);
    await tickets.create({ citizenId: userId(), village: 'Phương Nghệ', question: 'Cũ', photos: [] }, new Date(Date.now() - 101 * HOUR));
    await tickets.create({ citizenId: userId(), village: 'Phương Nghệ', question: 'Mới', photos: [] });
    const taken = await tickets.create({ citizenId: userId(), village: 'Phương Nghệ', question: 'Đang trả lời', photos: [] });
    await axios.post(`${base}/tickets/${taken.id}/take`, {}, { headers: { authorization: `Bearer ${team}` } });
    await tickets.rate(taken.id, 'satisfied', new Date());
    const rater = userId();
    const follows = new DossierFollows(app.redis, app.keys);
    await follows.grant(rater, CODE);
    await follows.follow(rater, CODE);
    await follows.rate(rater, { code: CODE, procedureCode: '1.001193', level: 'dissatisfied' });

    const broadcasts = new BroadcastStore(app.redis, app.keys, 30, (id) => id);
    await broadcasts.create(
      {
        id: 'ov1',
        text: 'Họp thôn',
        audience: { all: true },
        createdAt: new Date().toISOString(),
        createdBy: { kind: 'token', id: 't', name: 'x' },
      },
      'sending',
    );
    await broadcasts.markPlanned('ov1', 0, new Date());

    // The counters move once the worker has handled each message (after its reply went).
    const today = await eventually(async () => {
      const data = (await get('?period=today')).data;
      return data.messages === 3 && data.lookups === 1 && data;
    }, 'the three messages and the lookup counted');
    expect(today).toMatchObject({
      period: 'today',
      unplaced: 1,
      tickets: { open: 2, taken: 1, late: 1 },
      broadcasts: { sent: 1, recipients: 0 },
      satisfaction: { ratings: 2, satisfiedShare: 0.5 },
    });
    expect(today.tickets.asked).toBeGreaterThanOrEqual(2);
    const last = today.days[today.days.length - 1];
    expect(last).toMatchObject({ messages: 3, lookups: 1, unplaced: 1 });
    expect(last.date).toBe(new Date(Date.now() + 7 * HOUR).toISOString().slice(0, 10));
    expect(today.days[0].date.slice(8)).toBe('01');

    const month = (await get('?period=month')).data;
    expect(month).toMatchObject({ period: 'month', messages: 3, lookups: 1 });
    expect(Date.parse(month.from)).toBeLessThanOrEqual(Date.parse(today.from));
    expect((await get()).data.period).toBe('today');
  });

  it('officer and admin only; a bad period is 400', async () => {
    expect((await get('?period=year')).data).toEqual({ error: 'invalid request', fields: { period: expect.any(String) } });
    expect((await get('', team)).status).toBe(403);
    expect((await get('', 'test-admin-token')).status).toBe(200);
  });
});
