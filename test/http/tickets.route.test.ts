import axios from 'axios';
import { createHarness, eventually, userId, type Harness, mintToken } from '../helpers';
import type { RunningApp } from '../../src/roles/app';
import { TicketStore } from '../../src/domain/tickets/ticket-store';

describe('tickets through the API', () => {
  let h: Harness;
  let app: RunningApp;
  let base: string;
  let store: TicketStore;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    h = await createHarness('tickets-api', {
      env: { OFFICE_HOURS: 'Mon-Sun 00:00-24:00', TICKET_TAKE_MINUTES: '600', TICKET_ANSWER_HOURS: '100' },
    });
    app = await h.start({ web: true, worker: true });
    base = `http://127.0.0.1:${app.port}/api/v1`;
    store = new TicketStore(app.redis, app.keys);
    const mint = (role: string, village?: string) => mintToken(app, { role, name: `${role} ${village ?? ''}`.trim(), village });
    tokens.officer = await mint('officer');
    tokens.onestop = await mint('onestop');
    tokens.teamPhuongNghe = await mint('team', 'Phương Nghệ');
    tokens.teamCommune = await mint('team', 'commune');
  });
  afterAll(() => h.close());

  const call = (method: 'put' | 'get' | 'post', path: string, token?: string, data?: unknown) =>
    axios.request({
      method,
      url: `${base}${path}`,
      data,
      headers: token ? { authorization: `Bearer ${token}` } : {},
      validateStatus: () => true,
    });

  /** A citizen who chatted lately (so Zalo lets the OA answer) with an open ticket. */
  async function openTicket(village: string, question = 'Cài VNeID thế nào?') {
    const citizen = userId();
    h.fake.recordInteraction(citizen);
    return { citizen, ticket: await store.create({ citizenId: citizen, village, question, photos: [] }) };
  }

  describe('tickets', () => {
    it('a reply closes the ticket by default: the citizen gets the signed answer, then the rating question', async () => {
      const { citizen, ticket } = await openTicket('Phương Nghệ');
      const reply = await call('post', `/tickets/${ticket.id}/reply`, tokens.officer, { text: 'Bạn tải ứng dụng VNeID trên CH Play.' });
      expect(reply.status).toBe(200);
      expect(reply.data).toMatchObject({
        id: ticket.id,
        status: 'closed',
        closedBy: 'api',
        firstAnswerAt: expect.any(String),
        delivered: true,
      });
      const [answer, rateAsk] = await h.waitForMessages(citizen, 2);
      expect(answer?.text).toBe(`Bạn tải ứng dụng VNeID trên CH Play.\n\n— Tổ công nghệ số thôn Phương Nghệ (câu hỏi ${ticket.id})`);
      expect(rateAsk?.buttons?.map((b) => b.title)).toEqual(['Rất hài lòng', 'Hài lòng', 'Không hài lòng', 'Mở lại']);
      // Closed: a second reply is a conflict.
      expect((await call('post', `/tickets/${ticket.id}/reply`, tokens.officer, { text: 'Thêm nữa' })).status).toBe(409);
    });

    it('close:false: the token takes it (`taken`, listed so), the answer is sent, no rating is asked, and the citizen reply lands in the ticket', async () => {
      const { citizen, ticket } = await openTicket('Phương Nghệ');
      const reply = await call('post', `/tickets/${ticket.id}/reply`, tokens.teamPhuongNghe, {
        text: 'Bạn gửi ảnh màn hình giúp tổ nhé.',
        close: false,
      });
      expect(reply.status).toBe(200);
      expect(reply.data).toMatchObject({ status: 'taken', takenByName: 'team Phương Nghệ', takenAt: expect.any(String), delivered: true });
      const [answer] = await h.waitForMessages(citizen, 1);
      expect(answer?.text).toMatch(/^Bạn gửi ảnh màn hình giúp tổ nhé\.\n\n— Tổ công nghệ số thôn Phương Nghệ/);
      expect(answer?.buttons?.map((b) => b.title)).toEqual(['Đã xong']);
      const taken = (await call('get', '/tickets?status=taken', tokens.officer)).data.tickets.map((t: { id: string }) => t.id);
      expect(taken).toContain(ticket.id);
      expect((await call('get', '/tickets?status=open', tokens.officer)).data.tickets.map((t: { id: string }) => t.id)).not.toContain(
        ticket.id,
      );
      // The citizen's follow-up goes into the ticket, not to the procedure search.
      await h.say(citizen, 'Ảnh đây ạ, em bị lỗi ở bước này');
      const read = await eventually(async () => {
        const data = (await call('get', `/tickets/${ticket.id}`, tokens.officer)).data;
        return data.history.length >= 4 && data;
      }, 'the follow-up in the history');
      expect(read.status).toBe('taken');
      expect(read.history.map((e: { event?: string; from: string }) => e.event ?? e.from)).toEqual(['citizen', 'taken', 'team', 'citizen']);
      expect(read.history[2]).toMatchObject({ from: 'team', text: 'Bạn gửi ảnh màn hình giúp tổ nhé.', by: 'team Phương Nghệ' });
      expect(read.history[3]).toMatchObject({ from: 'citizen', text: 'Ảnh đây ạ, em bị lỗi ở bước này' });
      // Nothing closed it, so no rating question; nothing answered the follow-up from the bot either.
      expect(h.messages(citizen)).toHaveLength(1);
    });

    it('an answer Zalo cannot deliver (citizen outside the 7-day window): delivered false, noted, and the ticket stays open', async () => {
      const citizen = userId(); // never chatted: Zalo refuses
      const ticket = await store.create({ citizenId: citizen, village: 'Phương Nghệ', question: 'Hỏi từ lâu rồi', photos: [] });
      const reply = await call('post', `/tickets/${ticket.id}/reply`, tokens.officer, { text: 'Trả lời muộn' });
      expect(reply.status).toBe(200);
      expect(reply.data).toMatchObject({ status: 'open', delivered: false });
      expect(reply.data.closedAt).toBeUndefined();
      expect(reply.data.firstAnswerAt).toBeUndefined();
      const read = await call('get', `/tickets/${ticket.id}`, tokens.officer);
      expect(read.data.history.map((e: { event?: string; from: string }) => e.event ?? e.from)).toEqual(['citizen', 'team', 'undelivered']);
      expect(h.messages(citizen)).toEqual([]);
    });

    it('404 for an unknown ticket, 400 naming the field for a bad body, 401/403', async () => {
      const { ticket } = await openTicket('Phương Nghệ');
      expect((await call('post', '/tickets/T-999999/reply', tokens.officer, { text: 'x' })).status).toBe(404);
      expect((await call('post', '/tickets/nonsense/reply', tokens.officer, { text: 'x' })).status).toBe(404);
      const empty = await call('post', `/tickets/${ticket.id}/reply`, tokens.officer, { text: '  ' });
      expect(empty.status).toBe(400);
      expect(empty.data.fields).toEqual({ text: 'is required' });
      expect((await call('post', `/tickets/${ticket.id}/reply`, tokens.officer, { text: 'x', close: 'yes' })).data.fields).toHaveProperty(
        'close',
      );
      expect((await call('post', `/tickets/${ticket.id}/reply`, tokens.officer, { text: 'x', extra: 1 })).status).toBe(400);
      expect((await call('post', `/tickets/${ticket.id}/reply`, tokens.officer, { text: 'x'.repeat(2001) })).data.fields).toHaveProperty(
        'text',
      );
      expect((await call('get', '/tickets?status=pending', tokens.officer)).data.fields).toHaveProperty('status');
      expect((await call('post', `/tickets/${ticket.id}/reply`, undefined, { text: 'x' })).status).toBe(401);
      expect((await call('post', `/tickets/${ticket.id}/reply`, tokens.onestop, { text: 'x' })).status).toBe(403);
      expect((await call('get', '/tickets', tokens.onestop)).status).toBe(403);
      expect((await call('get', `/tickets/${ticket.id}`, tokens.officer)).data.status).toBe('open');
    });

    it('lists by status; a team token sees and answers only its own village', async () => {
      const mine = await openTicket('Phương Nghệ', 'Của Phương Nghệ');
      const theirs = await openTicket('Đồng Tràm Tây', 'Của Đồng Tràm Tây');
      const officerList = (await call('get', '/tickets?status=open', tokens.officer)).data.tickets.map((t: { id: string }) => t.id);
      expect(officerList).toEqual(expect.arrayContaining([mine.ticket.id, theirs.ticket.id]));
      const teamList = await call('get', '/tickets?status=open', tokens.teamPhuongNghe);
      expect(teamList.data.tickets.map((t: { id: string }) => t.id)).toContain(mine.ticket.id);
      expect(teamList.data.tickets.every((t: { village: string }) => t.village === 'Phương Nghệ')).toBe(true);
      expect(teamList.data.tickets[0]).toEqual(
        expect.objectContaining({ id: expect.any(String), village: 'Phương Nghệ', question: expect.any(String), status: 'open' }),
      );
      expect(teamList.data.tickets[0].citizenId).toBeUndefined();
      // Another village's ticket: the token's role may not (403); an unknown one stays 404.
      expect((await call('post', `/tickets/${theirs.ticket.id}/reply`, tokens.teamPhuongNghe, { text: 'x' })).status).toBe(403);
      expect((await call('get', `/tickets/${theirs.ticket.id}`, tokens.teamPhuongNghe)).status).toBe(403);
      expect((await call('get', '/tickets/T-999999', tokens.teamPhuongNghe)).status).toBe(404);
      expect((await call('get', `/tickets/${theirs.ticket.id}`, tokens.officer)).data.status).toBe('open');
      // Newer tickets of other villages do not crowd the team's out of a short list.
      for (let i = 0; i < 3; i += 1) await openTicket('Đồng Tràm Tây', `Mới hơn ${i}`);
      expect(
        (await call('get', '/tickets?status=open&limit=1', tokens.teamPhuongNghe)).data.tickets.map((t: { village: string }) => t.village),
      ).toEqual(['Phương Nghệ']);
      // The commune team's token sees every village's.
      const communeList = (await call('get', '/tickets?status=open', tokens.teamCommune)).data.tickets.map((t: { id: string }) => t.id);
      expect(communeList).toEqual(expect.arrayContaining([mine.ticket.id, theirs.ticket.id]));
      const closed = (await call('get', '/tickets?status=closed', tokens.officer)).data.tickets;
      expect(closed.every((t: { status: string }) => t.status === 'closed')).toBe(true);
    });

    it('per-village figures: medians of time to first answer and to close, and ratings', async () => {
      const other = await openTicket('Hương Quế Đông');
      await call('post', `/tickets/${other.ticket.id}/reply`, tokens.officer, { text: 'Trả lời' });
      await store.update(other.ticket.id, { rating: 'satisfied' });
      const stats = await call('get', '/tickets/stats', tokens.officer);
      expect(stats.status).toBe(200);
      const village = stats.data.villages.find((v: { village: string }) => v.village === 'Hương Quế Đông');
      expect(village).toMatchObject({
        tickets: 1,
        closed: 1,
        firstAnswer: { medianMinutes: expect.any(Number), medianOfficeMinutes: expect.any(Number) },
        close: { medianMinutes: expect.any(Number) },
        ratings: { very_satisfied: 0, satisfied: 1, dissatisfied: 0 },
        satisfiedShare: 1,
      });
      const teamStats = await call('get', '/tickets/stats', tokens.teamPhuongNghe);
      expect(teamStats.data.villages.map((v: { village: string }) => v.village)).toEqual(['Phương Nghệ']);
      expect((await call('get', '/tickets/stats?from=yesterday', tokens.officer)).status).toBe(400);
      expect((await call('get', '/tickets/stats?from=2026-12-01&to=2026-11-01', tokens.officer)).data.fields).toHaveProperty('from');
      const empty = await call('get', '/tickets/stats?from=2020-01-01&to=2020-01-31', tokens.officer);
      expect(empty.data.villages).toEqual([]);
    });

    it('figures by the day in Vietnam: a question at 00:30 on 2 March (+07:00) counts for 2 March, not 1 March', async () => {
      await store.create(
        { citizenId: userId(), village: 'Phương Nghệ', question: 'Sau nửa đêm', photos: [] },
        new Date('2026-03-02T00:30:00+07:00'),
      );
      const day = async (date: string) => (await call('get', `/tickets/stats?from=${date}&to=${date}`, tokens.officer)).data;
      const second = await day('2026-03-02');
      expect(second.from).toBe('2026-03-01T17:00:00.000Z');
      expect(second.villages.map((v: { tickets: number }) => v.tickets)).toEqual([1]);
      expect((await day('2026-03-01')).villages).toEqual([]);
    });
  });
});
