/**
 * The console's ticket inbox: take and close through the API with the chat's rules (who holds a
 * ticket closes it; someone else's is refused with their name; a village team's token only its
 * village), the service-level times on every view, and the answer and the citizen's photos
 * travelling through the fake Zalo both ways.
 */
import axios from 'axios';
import { createHarness, eventually, IDS, userId, type Harness, mintToken } from '../helpers';
import type { RunningApp } from '../../src/roles/app';
import { TicketStore } from '../../src/domain/tickets/ticket-store';
import { userImageEvent } from '../../src/dev/zalo-events';

const HOUR = 3_600_000;

describe('taking and closing tickets through the API', () => {
  let h: Harness;
  let app: RunningApp;
  let base: string;
  let store: TicketStore;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    h = await createHarness('ticket-actions', {
      env: { OFFICE_HOURS: 'Mon-Sun 00:00-24:00', TICKET_TAKE_MINUTES: '600', TICKET_ANSWER_HOURS: '100' },
    });
    app = await h.start({ web: true, worker: true });
    base = `http://127.0.0.1:${app.port}/api/v1`;
    store = new TicketStore(app.redis, app.keys);
    const mint = (role: string, name: string, village?: string) => mintToken(app, { role, name, village });
    tokens.officer = await mint('officer', 'Chị Hoa');
    tokens.phuongNghe = await mint('team', 'Anh Tuấn', 'Phương Nghệ');
    tokens.commune = await mint('team', 'Tổ xã', 'commune');
    tokens.onestop = await mint('onestop', 'Một cửa');
  });
  afterAll(() => h.close());

  const call = (path: string, token: string, data?: unknown, method: 'get' | 'post' = 'post') =>
    axios.request({ method, url: `${base}${path}`, data, headers: { authorization: `Bearer ${token}` }, validateStatus: () => true });

  async function openTicket(village = 'Phương Nghệ', createdAt = new Date()) {
    const citizen = userId();
    h.fake.recordInteraction(citizen);
    return {
      citizen,
      ticket: await store.create(
        { citizenId: citizen, village, question: 'Cài VNeID thế nào?', photos: ['https://photo.zalo.me/q.jpg'] },
        createdAt,
      ),
    };
  }

  it('a team member takes a ticket: held by their name, the citizen hears who answers; taking it again is harmless, someone else gets 409 with the holder', async () => {
    const { citizen, ticket } = await openTicket();
    const taken = await call(`/tickets/${ticket.id}/take`, tokens.phuongNghe!);
    expect(taken.status).toBe(200);
    expect(taken.data).toMatchObject({ id: ticket.id, status: 'taken', takenByName: 'Anh Tuấn', takenAt: expect.any(String) });
    expect(taken.data.citizenId).toBeUndefined();
    const [notice] = await h.waitForMessages(citizen, 1);
    expect(notice?.text).toMatch(new RegExp(`^Anh Tuấn của .+ đã nhận câu hỏi ${ticket.id}`));

    expect((await call(`/tickets/${ticket.id}/take`, tokens.phuongNghe!)).data).toMatchObject({ status: 'taken', takenByName: 'Anh Tuấn' });
    const lost = await call(`/tickets/${ticket.id}/take`, tokens.commune!);
    expect(lost.status).toBe(409);
    expect(lost.data).toEqual({ error: 'someone else holds the ticket', takenByName: 'Anh Tuấn' });
    // Someone else cannot close it either; the holder can.
    expect((await call(`/tickets/${ticket.id}/close`, tokens.commune!)).status).toBe(409);
    const closed = await call(`/tickets/${ticket.id}/close`, tokens.phuongNghe!);
    expect(closed.status).toBe(200);
    expect(closed.data).toMatchObject({ status: 'closed', closedBy: 'api', due: { late: false } });
    const [, rateAsk] = await h.waitForMessages(citizen, 2);
    expect(rateAsk?.text).toMatch(new RegExp(`^Câu hỏi ${ticket.id} đã được đóng`));
    expect(rateAsk?.buttons?.map((b) => b.title)).toEqual(['Rất hài lòng', 'Hài lòng', 'Không hài lòng', 'Mở lại']);
    // Closed: neither take nor close again.
    expect((await call(`/tickets/${ticket.id}/close`, tokens.phuongNghe!)).data).toEqual({ error: 'the ticket is closed' });
    expect((await call(`/tickets/${ticket.id}/take`, tokens.phuongNghe!)).status).toBe(409);
    const history = (await call(`/tickets/${ticket.id}`, tokens.officer!, undefined, 'get')).data.history as Array<{
      event?: string;
      from: string;
      by?: string;
    }>;
    expect(history.map((e) => e.event ?? e.from)).toEqual(['citizen', 'taken', 'closed']);
    expect(history[2]).toMatchObject({ by: 'Anh Tuấn', detail: 'api' });
  });

  it('a team token answers only what is open or what it holds; the environment admin token’s name never reaches the citizen', async () => {
    const { citizen, ticket } = await openTicket();
    expect((await call(`/tickets/${ticket.id}/take`, tokens.phuongNghe!)).status).toBe(200);
    const refused = await call(`/tickets/${ticket.id}/reply`, tokens.commune!, { text: 'Tổ xã trả lời chen ngang', close: true });
    expect(refused.status).toBe(409);
    expect(refused.data).toEqual({ error: 'someone else holds the ticket', takenByName: 'Anh Tuấn' });
    expect((await call(`/tickets/${ticket.id}/reply`, tokens.officer!, { text: 'Cán bộ xã trả lời', close: false })).status).toBe(200);

    const other = await openTicket();
    expect((await call(`/tickets/${other.ticket.id}/take`, 'test-admin-token')).status).toBe(200);
    const [taken] = await h.waitForMessages(other.citizen, 1);
    expect(taken?.text).toMatch(new RegExp(`^Một thành viên của .+ đã nhận câu hỏi ${other.ticket.id}`));
    expect(taken?.text).not.toMatch(/ADMIN_TOKEN/);
    expect(
      h
        .messages(citizen)
        .map((m) => m.text)
        .join('\n'),
    ).not.toMatch(/chen ngang/);
  });

  it('a team token closes only what it holds; an officer closes any open ticket', async () => {
    const { citizen, ticket } = await openTicket();
    const refused = await call(`/tickets/${ticket.id}/close`, tokens.phuongNghe!);
    expect(refused.status).toBe(409);
    expect(refused.data.error).toMatch(/take the ticket first/);
    const closed = await call(`/tickets/${ticket.id}/close`, tokens.officer!);
    expect(closed.data).toMatchObject({ status: 'closed', closedBy: 'api' });
    expect((await h.waitForMessages(citizen, 1))[0]?.text).toMatch(/đã được đóng/);
  });

  it('the conversation with photos both ways: the answer reaches the citizen’s chat, their photo lands in the ticket', async () => {
    const { citizen, ticket } = await openTicket();
    await call(`/tickets/${ticket.id}/take`, tokens.phuongNghe!);
    await h.waitForMessages(citizen, 1);
    const reply = await call(`/tickets/${ticket.id}/reply`, tokens.phuongNghe!, {
      text: 'Bạn gửi ảnh màn hình lỗi giúp tổ nhé.',
      close: false,
    });
    expect(reply.data).toMatchObject({ status: 'taken', delivered: true });
    const [, answer] = await h.waitForMessages(citizen, 2);
    expect(answer?.text).toMatch(/^Bạn gửi ảnh màn hình lỗi giúp tổ nhé\.\n\n— Tổ công nghệ số thôn Phương Nghệ/);
    h.fake.recordInteraction(citizen);
    await h.post(userImageEvent({ appId: IDS.appId, oaId: IDS.oaId, userId: citizen, url: 'https://photo.zalo.me/loi.jpg' }));
    const read = await eventually(async () => {
      const data = (await call(`/tickets/${ticket.id}`, tokens.phuongNghe!, undefined, 'get')).data;
      return data.history.length >= 4 && data;
    }, 'the photo in the history');
    expect(read.photos).toEqual(['https://photo.zalo.me/q.jpg']);
    expect(read.history[0]).toMatchObject({ from: 'citizen', text: 'Cài VNeID thế nào?', photos: ['https://photo.zalo.me/q.jpg'] });
    expect(read.history[2]).toMatchObject({ from: 'team', by: 'Anh Tuấn', text: 'Bạn gửi ảnh màn hình lỗi giúp tổ nhé.' });
    expect(read.history[3]).toMatchObject({ from: 'citizen', photos: ['https://photo.zalo.me/loi.jpg'] });
  });

  it('every view carries the service-level times: take and answer due in office time from the round’s start, late once the answer is overdue', async () => {
    const createdAt = new Date(Date.now() - 101 * HOUR);
    const { ticket: late } = await openTicket('Phương Nghệ', createdAt);
    const { ticket: fresh } = await openTicket();
    const read = (await call(`/tickets/${late.id}`, tokens.officer!, undefined, 'get')).data;
    expect(read.due).toEqual({
      takeBy: new Date(createdAt.getTime() + 10 * HOUR).toISOString(),
      answerBy: new Date(createdAt.getTime() + 100 * HOUR).toISOString(),
      late: true,
    });
    const listed = (await call('/tickets?status=open', tokens.phuongNghe!, undefined, 'get')).data.tickets as Array<{
      id: string;
      due: { late: boolean };
    }>;
    expect(listed.find((t) => t.id === late.id)?.due.late).toBe(true);
    expect(listed.find((t) => t.id === fresh.id)?.due.late).toBe(false);
  });

  it('another village’s ticket is 403 for a village team; 404 for none; a body is refused; one-stop may not', async () => {
    const { ticket } = await openTicket('Đồng Tràm Tây');
    expect((await call(`/tickets/${ticket.id}/take`, tokens.phuongNghe!)).status).toBe(403);
    expect((await call(`/tickets/${ticket.id}/close`, tokens.phuongNghe!)).status).toBe(403);
    expect((await call('/tickets/T-999999/take', tokens.officer!)).status).toBe(404);
    expect((await call('/tickets/nonsense/close', tokens.officer!)).status).toBe(404);
    const extra = await call(`/tickets/${ticket.id}/take`, tokens.commune!, { member: 'x' });
    expect(extra.status).toBe(400);
    expect(extra.data.fields).toEqual({ member: 'is not a known field' });
    expect((await call(`/tickets/${ticket.id}/take`, tokens.onestop!)).status).toBe(403);
    expect((await call(`/tickets/${ticket.id}`, tokens.officer!, undefined, 'get')).data.status).toBe('open');
    // The commune team's token takes any village's ticket.
    expect((await call(`/tickets/${ticket.id}/take`, tokens.commune!, {})).data).toMatchObject({ status: 'taken', takenByName: 'Tổ xã' });
  });
});
