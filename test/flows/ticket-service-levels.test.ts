import axios from 'axios';
import { createHarness, userId, type Harness } from '../helpers';
import type { RunningApp } from '../../src/roles/app';
import type { StoredMessage } from '../../src/dev/fake-zalo';

const ID = /T-\d{6}/;

/**
 * Service levels end to end with tiny limits: every hour is office time, a ticket not taken within
 * 0.02 office minutes (1.2 s) goes to the commune team, one not answered within 0.0008 office hours
 * (2.9 s) is reported to the officers and the citizen hears why. The office-time arithmetic itself
 * is unit-tested with a fixed clock (test/domain/tickets/office-time.test.ts).
 */
describe('ticket service levels', () => {
  let h: Harness;
  let app: RunningApp;
  let api: string;
  const admin = { headers: { authorization: 'Bearer test-admin-token' }, validateStatus: () => true };
  const villageMember = userId();
  const communeMember = userId();
  const officer = userId();

  beforeAll(async () => {
    h = await createHarness('ticket-sla', { env: { OFFICE_HOURS: 'Mon-Sun 00:00-24:00', TICKET_TAKE_MINUTES: '0.02', TICKET_ANSWER_HOURS: '0.0008' } });
    app = await h.start({ web: true, worker: true });
    api = `http://127.0.0.1:${app.port}/api/v1`;
    await axios.put(`${api}/teams/${encodeURIComponent('Phương Nghệ')}`, { members: [villageMember] }, admin);
    await axios.put(`${api}/teams/commune`, { members: [communeMember] }, admin);
    expect((await axios.put(`${api}/staff/${officer}`, { role: 'officer', name: 'Cán bộ Minh' }, admin)).status).toBeLessThan(300);
    for (const user of [villageMember, communeMember, officer]) await h.exchange(user, 'xin chào');
  });
  afterAll(() => h.close());

  async function ask(question: string): Promise<{ citizen: string; id: string }> {
    const citizen = userId();
    await axios.put(`${api}/followers/${citizen}`, { village: 'Phương Nghệ' }, admin);
    await h.exchange(citizen, 'gặp cán bộ');
    const confirmed = await h.exchange(citizen, question);
    return { citizen, id: ID.exec(confirmed.text ?? '')?.[0] ?? '' };
  }
  const textsOf = (user: string) => h.messages(user).map((m: StoredMessage) => m.text ?? '');
  const waitForText = (user: string, pattern: RegExp, what: string) =>
    h.waitForMessages(user, 1, 6000).then(async () => {
      for (let i = 0; i < 200 && !textsOf(user).some((t) => pattern.test(t)); i += 1) await new Promise((r) => setTimeout(r, 50));
      const found = textsOf(user).find((t) => pattern.test(t));
      if (!found) throw new Error(`timed out waiting for ${what}`);
      return found;
    });

  it('not taken in time → the commune team; not answered in time → officers told, and the citizen gets an honest update', async () => {
    const { citizen, id } = await ask('Đăng nhập VNeID báo sai mật khẩu');
    expect(id).toMatch(ID);
    await waitForText(villageMember, new RegExp(`Câu hỏi mới ${id}`), 'the offer to the village team');
    await waitForText(communeMember, new RegExp(`Câu hỏi ${id} của thôn Phương Nghệ chưa có ai ở thôn nhận, nay chuyển tổ xã`), 'the escalation');
    const late = await waitForText(officer, new RegExp(`Câu hỏi ${id} \\(thôn Phương Nghệ\\) chưa được trả lời`), 'the officers’ notice');
    expect(late).toMatch(/Đăng nhập VNeID báo sai mật khẩu/);
    const update = await waitForText(citizen, new RegExp(`câu hỏi ${id} chưa được trả lời trong thời gian dự kiến`), 'the citizen’s update');
    expect(update).toMatch(/cán bộ xã đã được báo[\s\S]*0236 300 0000/);
    const ticket = (await axios.get(`${api}/tickets/${id}`, admin)).data;
    expect(ticket).toMatchObject({ status: 'open', team: 'commune', escalatedAt: expect.any(String) });
    expect(ticket.history.filter((e: { from: string }) => e.from === 'system').map((e: { event: string }) => e.event)).toEqual(['offered', 'escalated', 'offered', 'late']);
  });

  it('a ticket taken and answered in time triggers neither check', async () => {
    const { citizen, id } = await ask('Cách nộp lệ phí trực tuyến');
    await waitForText(villageMember, new RegExp(`Câu hỏi mới ${id}`), 'the offer');
    const communeBefore = h.messages(communeMember).length;
    const officerBefore = h.messages(officer).length;
    await h.exchange(villageMember, `#q:tk:t:${id}`);
    await h.say(villageMember, 'Bạn chọn thanh toán qua ngân hàng ở bước cuối.');
    await waitForText(citizen, /Bạn chọn thanh toán qua ngân hàng/, 'the answer');
    // Past both limits: the checks fire, find the ticket taken and answered, and do nothing.
    await new Promise((r) => setTimeout(r, 3500));
    expect(textsOf(communeMember).slice(communeBefore).filter((t) => t.includes(id))).toEqual([]);
    expect(textsOf(officer).slice(officerBefore).filter((t) => t.includes(id))).toEqual([]);
    expect(textsOf(citizen).some((t) => /thời gian dự kiến/.test(t))).toBe(false);
  });
});
