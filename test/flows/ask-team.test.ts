import axios from 'axios';
import { createHarness, eventually, IDS, userId, type Harness } from '../helpers';
import { userFileEvent, userImageEvent } from '../../src/dev/zalo-events';
import type { RunningApp } from '../../src/roles/app';
import type { StoredMessage } from '../../src/dev/fake-zalo';
import { TicketStore } from '../../src/domain/tickets/ticket-store';

const ID = /T-\d{6}/;
const idOf = (message: StoredMessage | undefined) => ID.exec(message?.text ?? '')?.[0] ?? '';
const titles = (message: StoredMessage | undefined) => message?.buttons?.map((b) => b.title);

describe('asking the village team: routing, the take race, relays both ways, rating and reopening', () => {
  let h: Harness;
  let app: RunningApp;
  let api: string;
  const admin = { headers: { authorization: 'Bearer test-admin-token' }, validateStatus: () => true };
  // Phương Nghệ's team has two reachable members; the commune team one.
  const tuan = userId();
  const lan = userId();
  const communeMember = userId();

  beforeAll(async () => {
    // Every hour is office time and the service levels are far away: this file is about routing.
    h = await createHarness('ask-team', {
      env: { OFFICE_HOURS: 'Mon-Sun 00:00-24:00', TICKET_TAKE_MINUTES: '600', TICKET_ANSWER_HOURS: '100' },
    });
    app = await h.start({ web: true, worker: true });
    api = `http://127.0.0.1:${app.port}/api/v1`;
    const put = async (village: string, members: unknown[], name?: string) =>
      expect((await axios.put(`${api}/teams/${encodeURIComponent(village)}`, { members, ...(name ? { name } : {}) }, admin)).status).toBe(
        200,
      );
    await put('phuong nghe', [
      { zaloId: tuan, displayName: 'Anh Tuấn' },
      { zaloId: lan, displayName: 'Chị Lan' },
    ]);
    await put('commune', [communeMember]);
    // Members chatted with the OA lately: Zalo lets the OA write to them.
    for (const member of [tuan, lan, communeMember]) await h.exchange(member, 'xin chào');
  });
  afterAll(() => h.close());

  /** Sends and returns the messages that arrive for `user` after it (at least `count`). */
  async function send(user: string, text: string, count = 1): Promise<StoredMessage[]> {
    const before = h.messages(user).length;
    await h.say(user, text);
    return (await h.waitForMessages(user, before + count)).slice(before);
  }
  const newFor = async (user: string, before: number, count = 1) => (await h.waitForMessages(user, before + count)).slice(before);
  /** The ticket as the API shows it to an admin (with its history). */
  const ticketOf = async (id: string) => (await axios.get(`${api}/tickets/${id}`, admin)).data;

  /** A citizen of Phương Nghệ asks through the menu; returns the ticket id once members were offered it. */
  async function askPhuongNghe(citizen: string, question: string): Promise<string> {
    const offers = [h.messages(tuan).length, h.messages(lan).length];
    const [askVillage] = await send(citizen, '#q:tk');
    expect(askVillage?.text).toMatch(/Bạn ở thôn nào/);
    await send(citizen, '#q:tk:v:1');
    const [confirmed] = await send(citizen, question);
    const id = idOf(confirmed);
    expect(id).toMatch(ID);
    await newFor(tuan, offers[0]!);
    await newFor(lan, offers[1]!);
    return id;
  }

  /** `member` takes ticket `id`; returns once the "taken" notice (a job) has reached `citizen`. */
  async function take(member: string, id: string, citizen: string): Promise<void> {
    const before = h.messages(citizen).length;
    await send(member, `#q:tk:t:${id}`);
    await newFor(citizen, before);
  }

  it('without a known village: asks for it (buttons), then the question; the next message is the ticket at once', async () => {
    const citizen = userId();
    h.fake.setDisplayName(citizen, 'Nguyễn Văn An'); // members learn the name from Zalo's user detail
    const before = { tuan: h.messages(tuan).length, commune: h.messages(communeMember).length };
    const [askVillage] = await send(citizen, 'Cho em gặp cán bộ ạ');
    expect(askVillage?.text).toMatch(/Bạn ở thôn nào/);
    expect(titles(askVillage)).toEqual(['Đồng Tràm Tây', 'Phương Nghệ', 'Hương Quế Đông']);
    const [askQuestion] = await send(citizen, '#q:tk:v:1');
    expect(askQuestion?.text).toMatch(/Tổ công nghệ số thôn Phương Nghệ/);
    const [confirmed] = await send(citizen, 'Cài VNeID bị lỗi không nhận được mã OTP');
    expect(confirmed?.text).toMatch(/Đã gửi câu hỏi T-\d{6} đến Tổ công nghệ số thôn Phương Nghệ/);
    expect(confirmed?.text).toMatch(/trong vòng 100 giờ làm việc \(giờ hành chính\), dự kiến trước \d\d:\d\d \d\d\/\d\d\/\d{4}/);
    expect(confirmed?.text).toMatch(/chuyển thẳng đến người đó/);
    expect(confirmed?.buttons?.map((b) => [b.title, b.payload])).toEqual([['Rút câu hỏi', `#q:tk:w:${idOf(confirmed)}`]]);

    const [offer] = await newFor(tuan, before.tuan);
    expect(offer?.text).toMatch(new RegExp(`Câu hỏi mới ${idOf(confirmed)} – thôn Phương Nghệ`));
    expect(offer?.text).toMatch(/Người hỏi: Nguyễn Văn An[\s\S]*Cài VNeID bị lỗi/);
    expect(offer?.text).not.toContain(citizen);
    expect(titles(offer)).toEqual(['Nhận trả lời', 'Chuyển tổ xã']);
    // The commune team is not bothered while the village team is reachable.
    expect(h.messages(communeMember)).toHaveLength(before.commune);
    // The village is remembered in the follower record, for the next question and for announcements.
    const follower = await axios.get(`${api}/followers/${citizen}`, admin);
    expect(follower.data.village).toBe('Phương Nghệ');
  });

  it('with a known village: straight to the question; a screenshot with a caption becomes the ticket', async () => {
    const citizen = userId();
    const dongTram = userId();
    await axios.put(`${api}/teams/${encodeURIComponent('Đồng Tràm Tây')}`, { members: [dongTram], name: 'Tổ CNS Đồng Tràm Tây' }, admin);
    await h.exchange(dongTram, 'xin chào');
    await axios.put(`${api}/followers/${citizen}`, { village: 'dong tram tay' }, admin);
    const [askQuestion] = await send(citizen, 'tổ công nghệ số');
    expect(askQuestion?.text).toMatch(/Bạn gõ câu hỏi gửi Tổ CNS Đồng Tràm Tây/);
    const before = h.messages(dongTram).length;
    h.fake.recordInteraction(citizen);
    const url = 'https://photo.example/screen.jpg';
    await h.post(userImageEvent({ appId: IDS.appId, oaId: IDS.oaId, userId: citizen, url, caption: 'Màn hình báo lỗi này' }));
    const [confirmed] = await h.waitForMessages(citizen, h.messages(citizen).length + 1).then((m) => m.slice(-1));
    expect(confirmed?.text).toMatch(/Đã gửi câu hỏi T-\d{6} đến Tổ CNS Đồng Tràm Tây/);
    const [offer] = await newFor(dongTram, before);
    expect(offer?.text).toMatch(/Người hỏi: Người dân thôn Đồng Tràm Tây[\s\S]*Màn hình báo lỗi này[\s\S]*screen\.jpg/);
    const ticket = await ticketOf(idOf(confirmed));
    expect(ticket).toMatchObject({ village: 'Đồng Tràm Tây', status: 'open', question: 'Màn hình báo lỗi này', photos: [url] });
    expect(ticket.citizenId).toBeUndefined();
  });

  it('two members press "Nhận trả lời" at once: one holds it, the other is told who does', async () => {
    const citizen = userId();
    const id = await askPhuongNghe(citizen, 'Làm sao đăng nhập Cổng dịch vụ công?');
    const [a, b] = await Promise.all([send(tuan, `#q:tk:t:${id}`), send(lan, `#q:tk:t:${id}`)]);
    const replies = [a[0]?.text ?? '', b[0]?.text ?? ''];
    const winners = replies.filter((t) => /Bạn đã nhận câu hỏi/.test(t));
    expect(winners).toHaveLength(1);
    const loser = replies.find((t) => !/Bạn đã nhận câu hỏi/.test(t));
    const winnerName = /Bạn đã nhận/.test(replies[0]!) ? 'Anh Tuấn' : 'Chị Lan';
    expect(loser).toBe(`Câu hỏi ${id} đã có ${winnerName} nhận trả lời rồi. Cảm ơn bạn!`);
    const ticket = await ticketOf(id);
    expect(ticket).toMatchObject({ status: 'taken', takenByName: winnerName });
    // One ticket at a time: the winner closes it before the next test offers them another.
    expect((await send(winnerName === 'Anh Tuấn' ? tuan : lan, 'xong'))[0]?.text).toMatch(/Đã đóng câu hỏi/);
  });

  it('the store lets exactly one of many simultaneous takes win', async () => {
    const store = new TicketStore(app.redis, app.keys);
    const ticket = await store.create({ citizenId: userId(), village: 'Phương Nghệ', question: 'race', photos: [] });
    const members = Array.from({ length: 12 }, () => userId());
    const results = await Promise.all(
      members.map((m) =>
        store.transition(ticket.id, { from: ['open'], to: 'taken', set: { takenBy: m }, hold: { memberId: m, action: 'take' } }),
      ),
    );
    const won = results.filter((r) => r.ok);
    expect(won).toHaveLength(1);
    const winner = members[results.findIndex((r) => r.ok)]!;
    for (const r of results.filter((x) => !x.ok)) expect(r).toEqual({ ok: false, why: 'taken', takenBy: winner });
    expect((await store.heldBy(winner))?.id).toBe(ticket.id);
  });

  it('relays both ways, signed with the team name; the member closes with "xong"; the citizen rates and may reopen', async () => {
    const citizen = userId();
    const id = await askPhuongNghe(citizen, 'Nộp hồ sơ khai sinh trực tuyến thế nào?');
    const citizenBefore = h.messages(citizen).length;
    const [held] = await send(tuan, `#q:tk:t:${id}`);
    expect(held?.text).toMatch(/Bạn đã nhận câu hỏi .* ký tên “Tổ công nghệ số thôn Phương Nghệ”/);
    expect(titles(held)).toEqual(['Đóng câu hỏi', 'Chuyển tổ xã']);
    const [takenNotice] = await newFor(citizen, citizenBefore);
    expect(takenNotice?.text).toMatch(/Anh Tuấn của Tổ công nghệ số thôn Phương Nghệ đã nhận câu hỏi/);

    // Member → citizen.
    let before = h.messages(citizen).length;
    await h.say(tuan, 'Anh/chị vào VNeID, chọn Thủ tục hành chính, rồi Đăng ký khai sinh.');
    const [answer] = await newFor(citizen, before);
    expect(answer?.text).toBe(
      `Anh/chị vào VNeID, chọn Thủ tục hành chính, rồi Đăng ký khai sinh.\n\n— Tổ công nghệ số thôn Phương Nghệ (câu hỏi ${id})`,
    );
    expect(titles(answer)).toEqual(['Đã xong']);
    // Citizen → member (not to the procedure search, not to the other member).
    const lanBefore = h.messages(lan).length;
    before = h.messages(tuan).length;
    await h.say(citizen, 'Em làm tới bước ký số thì bị treo ạ');
    const [relayed] = await newFor(tuan, before);
    expect(relayed?.text).toMatch(new RegExp(`Người dân thôn Phương Nghệ \\(câu hỏi ${id}\\):\\nEm làm tới bước ký số thì bị treo ạ`));
    expect(titles(relayed)).toEqual(['Đóng câu hỏi', 'Chuyển tổ xã']);
    expect(h.messages(lan)).toHaveLength(lanBefore);

    // "xong" closes; the citizen is asked to rate, with a way to reopen.
    before = h.messages(citizen).length;
    const [closedForMember] = await send(tuan, 'xong');
    expect(closedForMember?.text).toMatch(new RegExp(`Đã đóng câu hỏi ${id}`));
    const [rateAsk] = await newFor(citizen, before);
    expect(rateAsk?.text).toMatch(/đã được đóng[\s\S]*24 giờ/);
    expect(titles(rateAsk)).toEqual(['Rất hài lòng', 'Hài lòng', 'Không hài lòng', 'Mở lại']);
    // After closing, the member's chat is theirs again and the citizen's text goes to the bot.
    expect((await send(citizen, 'cách nấu phở bò ngon'))[0]?.text).toMatch(/Việc này mình chưa giúp được/);

    // Someone else cannot rate it; the citizen can.
    expect((await send(userId(), `#q:tk:r:${id}:dissatisfied`))[0]?.text).toMatch(/đã đóng hoặc không còn/);
    expect((await send(citizen, `#q:tk:r:${id}:very_satisfied`))[0]?.text).toMatch(/Cảm ơn bạn đã đánh giá/);
    const ticket = await ticketOf(id);
    expect(ticket).toMatchObject({
      status: 'closed',
      closedBy: 'team',
      rating: 'very_satisfied',
      firstAnswerAt: expect.any(String),
      takenAt: expect.any(String),
    });
    expect(ticket.history.map((e: { from: string; event?: string }) => e.event ?? e.from)).toEqual([
      'citizen',
      'offered',
      'taken',
      'team',
      'citizen',
      'closed',
    ]);

    // Reopened within 24 h: the village team is offered it again.
    const offersBefore = h.messages(lan).length;
    expect((await send(citizen, `#q:tk:o:${id}`))[0]?.text).toMatch(new RegExp(`Đã mở lại câu hỏi ${id}`));
    expect((await newFor(lan, offersBefore))[0]?.text).toMatch(new RegExp(`Câu hỏi mới ${id}`));
    expect(await ticketOf(id)).toMatchObject({ status: 'open', round: 1 });
  });

  it('the citizen presses "Đã xong": asked to rate, the member is told and their chat is free again', async () => {
    const citizen = userId();
    const id = await askPhuongNghe(citizen, 'Quét giấy tờ bằng điện thoại thế nào?');
    await take(lan, id, citizen);
    const before = h.messages(lan).length;
    const [rateAsk] = await send(citizen, `#q:tk:d:${id}`);
    expect(titles(rateAsk)).toEqual(['Rất hài lòng', 'Hài lòng', 'Không hài lòng', 'Mở lại']);
    expect((await newFor(lan, before))[0]?.text).toMatch(new RegExp(`câu hỏi ${id} đã xong`));
    expect(await ticketOf(id)).toMatchObject({ status: 'closed', closedBy: 'citizen' });
    expect((await send(lan, 'cách nấu phở bò ngon'))[0]?.text).toMatch(/Việc này mình chưa giúp được/);
  });

  it('the citizen may withdraw; the member holding it is told', async () => {
    const citizen = userId();
    const id = await askPhuongNghe(citizen, 'Em hỏi thử thôi');
    await take(lan, id, citizen);
    const before = h.messages(lan).length;
    expect((await send(citizen, `#q:tk:w:${id}`, 1)).find((m) => /Đã rút/.test(m.text ?? ''))?.text).toMatch(
      new RegExp(`Đã rút câu hỏi ${id}`),
    );
    expect((await newFor(lan, before))[0]?.text).toMatch(/đã rút câu hỏi/);
    expect(await ticketOf(id)).toMatchObject({ status: 'closed', closedBy: 'withdrawn' });
    // Someone else's withdraw button does nothing.
    expect((await send(userId(), `#q:tk:w:${id}`))[0]?.text).toMatch(/đã đóng hoặc không còn/);
  });

  it('one role at a time: a member answering a citizen can neither take a second question nor ask one of their own', async () => {
    const first = userId();
    const second = userId();
    const firstId = await askPhuongNghe(first, 'Câu hỏi thứ nhất');
    const secondId = await askPhuongNghe(second, 'Câu hỏi thứ hai');
    await take(tuan, firstId, first);
    expect((await send(tuan, `#q:tk:t:${secondId}`))[0]?.text).toBe(
      `Bạn đang trả lời câu hỏi ${firstId}: đóng hoặc chuyển câu hỏi đó trước, rồi bấm nhận câu hỏi này.`,
    );
    // Asking the team themselves: told to close first, and nothing reaches the citizen.
    const firstBefore = h.messages(first).length;
    expect((await send(tuan, 'gặp cán bộ'))[0]?.text).toMatch(new RegExp(`Bạn đang trả lời câu hỏi ${firstId} của người dân`));
    // "dòng" is a word of an answer, not "đóng": it is relayed, and the ticket stays theirs.
    await h.say(tuan, 'dòng');
    const relayed = await newFor(first, firstBefore);
    expect(relayed.map((m) => m.text?.split('\n')[0])).toEqual(['dòng']);
    expect((await ticketOf(firstId)).status).toBe('taken');
    expect((await send(tuan, 'đóng'))[0]?.text).toMatch(new RegExp(`Đã đóng câu hỏi ${firstId}`));
    expect((await send(tuan, `#q:tk:t:${secondId}`))[0]?.text).toMatch(/Bạn đã nhận câu hỏi/);
    expect((await send(tuan, 'xong'))[0]?.text).toMatch(new RegExp(`Đã đóng câu hỏi ${secondId}`));
  });

  it('a screenshot sent right after the question joins it; a file within a ticket is relayed as a link', async () => {
    const citizen = userId();
    const id = await askPhuongNghe(citizen, 'Màn hình báo lỗi, em gửi ảnh sau');
    const before = h.messages(citizen).length;
    await h.post(userImageEvent({ appId: IDS.appId, oaId: IDS.oaId, userId: citizen, url: 'https://photo.example/later.jpg' }));
    expect((await newFor(citizen, before))[0]?.text).toBe(`Đã thêm ảnh vào câu hỏi ${id}.`);
    expect((await ticketOf(id)).photos).toEqual(['https://photo.example/later.jpg']);
    await send(lan, `#q:tk:t:${id}`);
    const lanBefore = h.messages(lan).length;
    await h.post(
      userFileEvent({
        appId: IDS.appId,
        oaId: IDS.oaId,
        userId: citizen,
        url: 'https://files.example/to-khai.pdf',
        name: 'to-khai.pdf',
        size: 1200,
        fileType: 'pdf',
      }),
    );
    expect((await newFor(lan, lanBefore))[0]?.text).toMatch(/\[tệp\/âm thanh: https:\/\/files\.example\/to-khai\.pdf\]/);
    expect((await send(lan, 'xong'))[0]?.text).toMatch(new RegExp(`Đã đóng câu hỏi ${id}`));
  });

  it('a member outside the 7-day window is skipped (ledger or Zalo -230); then the commune team; nobody → the API queue', async () => {
    const stale = userId(); // our ledger: last seen 8 days ago
    const refused = userId(); // our ledger says recent, Zalo answers -230
    await axios.put(`${api}/teams/${encodeURIComponent('Hương Quế Đông')}`, { members: [stale, refused] }, admin);
    await app.redis.hSet(app.keys.profile(stale), 'lastInteraction', String(Date.now() - 8 * 86_400_000));
    await app.redis.hSet(app.keys.profile(refused), 'lastInteraction', String(Date.now()));
    const citizen = userId();
    await axios.put(`${api}/followers/${citizen}`, { village: 'Hương Quế Đông' }, admin);
    const communeBefore = h.messages(communeMember).length;
    await send(citizen, 'hoi to cong nghe so');
    // Our ledger thought `refused` reachable: confirmed for the village team, then told it moved on.
    const replies = await send(citizen, 'Cách thanh toán lệ phí qua ngân hàng?', 2);
    const confirmed = replies.find((m) => /^Đã gửi câu hỏi/.test(m.text ?? ''));
    const id = idOf(confirmed);
    expect(confirmed?.text).toMatch(new RegExp(`^Đã gửi câu hỏi ${id} đến Tổ công nghệ số thôn Hương Quế Đông\\.`));
    expect(replies.find((m) => m !== confirmed)?.text).toBe(
      `Câu hỏi ${id} đã được chuyển lên Tổ công nghệ số cộng đồng xã Xuân Phú; một thành viên của tổ sẽ nhận và trả lời bạn ngay trong khung chat này.`,
    );
    const [offer] = await newFor(communeMember, communeBefore);
    expect(offer?.text).toMatch(
      new RegExp(
        `^Câu hỏi ${id} của thôn Hương Quế Đông được chuyển thẳng lên tổ xã vì tổ công nghệ số thôn hiện chưa có ai nhận được tin nhắn qua Zalo\\.`,
      ),
    );
    expect(titles(offer)).toEqual(['Nhận trả lời']);
    expect(h.messages(stale)).toHaveLength(0);
    expect(h.messages(refused)).toHaveLength(0);
    // The offer is recorded once its sends are done, a moment after the member got it.
    const ticket = await eventually(async () => {
      const read = await ticketOf(id);
      return read.history.some((e: { event?: string }) => e.event === 'offered') && read;
    }, 'the offer to be recorded');
    expect(ticket.team).toBe('commune');
    expect(ticket.history.filter((e: { from: string }) => e.from === 'system')).toEqual([
      expect.objectContaining({ event: 'unreachable', team: 'Hương Quế Đông' }),
      expect.objectContaining({ event: 'offered', team: 'commune', detail: '1' }),
    ]);
    // Zalo's -230 closed the member's window in our ledger too.
    expect(await app.redis.hGet(app.keys.profile(refused), 'windowClosedAt')).toBeTruthy();
    // The commune member answers from their own chat.
    await take(communeMember, id, citizen);
    const before = h.messages(citizen).length;
    await h.say(communeMember, 'Bạn dùng ứng dụng ngân hàng quét mã QR trên Cổng dịch vụ công.');
    expect((await newFor(citizen, before))[0]?.text).toMatch(/— Tổ công nghệ số cộng đồng xã Xuân Phú/);

    // With the commune team unreachable too, the ticket waits in the API queue and says so.
    await axios.put(`${api}/teams/commune`, { members: [stale] }, admin);
    try {
      const other = userId();
      await axios.put(`${api}/followers/${other}`, { village: 'Hương Quế Đông' }, admin);
      // Nobody in the village team reachable now: the citizen is told the commune team gets it, and why.
      expect((await send(other, 'gap can bo'))[0]?.text).toMatch(/^Bạn gõ câu hỏi gửi Tổ công nghệ số cộng đồng xã Xuân Phú/);
      const [queuedConfirmation] = await send(other, 'Không ai trả lời sao?');
      const queuedId = idOf(queuedConfirmation);
      expect(queuedConfirmation?.text).toMatch(
        /^Đã gửi câu hỏi T-\d{6} đến Tổ công nghệ số cộng đồng xã Xuân Phú, vì tổ công nghệ số thôn Hương Quế Đông hiện chưa có ai nhận được tin nhắn qua Zalo\./,
      );
      const history = await eventually(async () => {
        const entries = (await ticketOf(queuedId)).history as Array<{ event?: string }>;
        return entries.some((e) => e.event === 'queued') && entries;
      }, 'the queued note');
      expect(history.map((e) => e.event).filter(Boolean)).toEqual(['unreachable', 'unreachable', 'queued']);
      const open = (await axios.get(`${api}/tickets?status=open`, admin)).data.tickets.map((t: { id: string }) => t.id);
      expect(open).toContain(queuedId);
    } finally {
      await axios.put(`${api}/teams/commune`, { members: [communeMember] }, admin);
    }
  });

  it('"Chuyển tổ xã" hands an open ticket to the commune team', async () => {
    const citizen = userId();
    const id = await askPhuongNghe(citizen, 'Câu hỏi khó cho tổ xã');
    const before = h.messages(communeMember).length;
    expect((await send(tuan, `#q:tk:x:${id}`))[0]?.text).toMatch(
      new RegExp(`Đã chuyển câu hỏi ${id} lên Tổ công nghệ số cộng đồng xã Xuân Phú`),
    );
    // The commune member learns who passed it.
    expect((await newFor(communeMember, before))[0]?.text).toMatch(
      new RegExp(`^Câu hỏi ${id} của thôn Phương Nghệ được Anh Tuấn \\(tổ công nghệ số thôn\\) chuyển lên tổ xã\\.\nNgười hỏi:`),
    );
    // A member of another village's team may not take it.
    const outsider = userId();
    expect((await send(outsider, `#q:tk:t:${id}`))[0]?.text).toMatch(/không có trong tổ công nghệ số của thôn này/);
  });

  it('a button pressed while the bot waits for the village or the question leaves it and does what it says', async () => {
    // Waiting for the village: a menu entry opens it.
    const stranger = userId();
    expect((await send(stranger, 'gặp cán bộ'))[0]?.text).toMatch(/Bạn ở thôn nào/);
    expect((await send(stranger, '#q:sub'))[0]?.text).toMatch(/^Thông báo của xã qua Zalo/);

    // Waiting for the question: "Mở lại" under the citizen's closed ticket reopens it.
    const citizen = userId();
    h.fake.recordInteraction(citizen);
    await axios.put(`${api}/followers/${citizen}`, { village: 'Phương Nghệ' }, admin);
    const store = new TicketStore(app.redis, app.keys);
    const ticket = await store.create({ citizenId: citizen, village: 'Phương Nghệ', question: 'Câu hỏi cũ', photos: [] });
    await store.transition(ticket.id, { from: ['open'], to: 'closed', set: { closedAt: new Date().toISOString(), closedBy: 'team' } });
    expect((await send(citizen, 'tổ công nghệ số'))[0]?.text).toMatch(/^Bạn gõ câu hỏi gửi/);
    expect((await send(citizen, `#q:tk:o:${ticket.id}`))[0]?.text).toMatch(new RegExp(`^Đã mở lại câu hỏi ${ticket.id}`));
    // The question was left: a menu entry now goes where it says, and no new ticket was opened.
    expect((await send(citizen, '#q:sub'))[0]?.text).toMatch(/^Thông báo của xã qua Zalo/);
    expect(await ticketOf(ticket.id)).toMatchObject({ status: 'open', round: 1 });
    await axios.post(`${api}/tickets/${ticket.id}/reply`, { text: 'Đóng để các bài sau không vướng' }, admin);

    // And a menu entry pressed while the question is awaited.
    const other = userId();
    await axios.put(`${api}/followers/${other}`, { village: 'Phương Nghệ' }, admin);
    expect((await send(other, 'tổ công nghệ số'))[0]?.text).toMatch(/^Bạn gõ câu hỏi gửi/);
    expect((await send(other, '#q:sub'))[0]?.text).toMatch(/^Thông báo của xã qua Zalo/);
    expect((await send(other, 'cách nấu phở bò ngon'))[0]?.text).toMatch(/Việc này mình chưa giúp được/);
  });

  it('the procedure search offers the team when nothing fits', async () => {
    const [reply] = await send(userId(), 'thủ tục cấp phép nuôi chim yến');
    expect(reply?.buttons?.find((b) => b.title === 'Hỏi tổ công nghệ số')?.payload).toBe('#q:tk');
    expect(reply?.buttons?.length).toBeLessThanOrEqual(5);
  });

  it('the main menu lists "Hỏi tổ công nghệ số" before the language', async () => {
    const [menu] = await send(userId(), 'menu');
    const names = titles(menu) ?? [];
    expect(names.indexOf('Hỏi tổ công nghệ số')).toBe(names.length - 2);
  });
});
