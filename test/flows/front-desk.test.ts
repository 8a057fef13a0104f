/**
 * The front desk end to end through the fake Zalo (issue 9): the examples the issue lists land
 * where the person meant them; follow-ups apply to the procedure last discussed; typed list
 * numbers and button labels work like the buttons; a waiting question lets go of a different
 * intent; English gets English. Each exchange asserts what the citizen sees.
 */
import { createHarness, userId, waitFor, type Harness } from '../helpers';
import type { StoredMessage } from '../../src/dev/fake-zalo';
import { UnplacedLog } from '../../src/domain/insights/unplaced-log';
import { FollowerRegistry } from '../../src/domain/followers/follower-registry';

describe('the front desk: every message lands where it was meant', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness('front-desk');
    await h.start({ web: true, worker: true });
  });
  afterAll(() => h.close());

  /** Says something; returns every message the bot sent back (settled for a moment). */
  async function say(user: string, text: string): Promise<StoredMessage[]> {
    const before = h.messages(user).length;
    await h.say(user, text);
    await waitFor(() => h.messages(user).length > before, 5000, `a reply to "${text}"`);
    await new Promise((r) => setTimeout(r, 150));
    return h.messages(user).slice(before);
  }
  const first = async (user: string, text: string) => (await say(user, text))[0]!;
  const titles = (m: StoredMessage) => (m.buttons ?? []).map((b) => b.title);

  it.each([
    ['hồ sơ của tôi đến đâu rồi', /gõ mã hồ sơ/],
    ['ho so toi xong chua', /gõ mã hồ sơ/],
    ['kiểm tra hồ sơ', /gõ mã hồ sơ/],
    ['tôi quên mã rồi', /Mã hồ sơ in ở đầu Giấy tiếp nhận/],
    ['muốn nhận thông báo cắt điện', /Lịch cắt điện/],
    ['hủy nhận tin', /dừng|Dừng/],
    ['có ai trả lời không', /thôn nào|gõ câu hỏi/],
    ['muốn nói chuyện với người thật', /thôn nào|gõ câu hỏi/],
    ['thứ 7 có làm việc không', /^Thứ Bảy làm việc: 7:30 – 11:30/],
    ['chiều thứ bảy có làm không', /^Thứ Bảy buổi chiều không làm việc/],
    ['uy ban xa xuan phu o dau vay', /Trung tâm Phục vụ hành chính công/],
    ['chủ tịch xã là ai', /chưa có thông tin về cán bộ/],
    ['cảm ơn', /không có gì/],
    ['👍', /^Dạ\. Xin chào! Đây là kênh/],
    ['ok', /^Dạ\. Xin chào! Đây là kênh/],
    ['0905123456', /không tra cứu bằng số điện thoại/],
    ['giá vàng hôm nay', /chưa giúp được/],
    ['khi nào có bão', /không có dự báo/],
    ['tra cứu hồ sơ', /gõ mã hồ sơ/],
    ['xem hồ sơ đã nộp', /gõ mã hồ sơ/],
    ['mã hồ sơ', /gõ mã hồ sơ/],
    ['đăng ký nhận tin', /Thông báo của xã qua Zalo/],
    ['ko muon nhan tin nua', /Đã dừng/],
    ['tôi cần hỏi cán bộ', /thôn nào|gõ câu hỏi/],
    ['tôi không biết dùng dịch vụ công', /thôn nào|gõ câu hỏi/],
    ['dạ', /^Dạ\. Xin chào!/],
    ['em ơi', /Xin chào|Bạn cần giúp gì/],
    ['xin chào ủy ban xã', /Xin chào/],
    ['049123456789', /không tra cứu bằng số CCCD/],
  ])('"%s"', async (text, expected) => {
    const reply = await first(userId(), text);
    expect(reply.text).toMatch(expected);
    expect([...reply.text!].length).toBeLessThanOrEqual(2000);
    expect((reply.buttons ?? []).length).toBeLessThanOrEqual(5);
  });

  it('"dạ", "ok" and thanks get a short answer and nothing else', async () => {
    const user = userId();
    const replies = await say(user, 'dạ cảm ơn em');
    expect(replies).toHaveLength(1);
    expect(replies[0]!.buttons ?? []).toHaveLength(0);
  });

  it('follow-ups apply to the procedure last discussed', async () => {
    const user = userId();
    expect((await first(user, 'lam giay khai sinh cho con')).text).toMatch(/^Đăng ký khai sinh/);
    expect((await first(user, 'cần mang gì')).text).toMatch(/Đăng ký khai sinh/);
    expect((await first(user, 'mất bao nhiêu tiền')).text).toMatch(/Lệ phí[\s\S]*Miễn phí/);
    expect((await first(user, 'bao lâu thì có')).text).toMatch(/Thời hạn/);
    expect((await first(user, 'nộp online được không')).text).toMatch(/“Đăng ký khai sinh” nộp được trực tuyến/);
  });

  it('a follow-up right after a list of procedures asks which of them, with the list again', async () => {
    const user = userId();
    expect((await first(user, 'dk tam tru cho con trai di lam xa')).text).toMatch(/chọn số đúng/);
    const which = await first(user, 'mat bn tien');
    expect(which.text).toMatch(/thủ tục nào trong danh sách/);
    expect(which.buttons!.length).toBeGreaterThanOrEqual(2);
    expect((await first(user, '2')).text).toMatch(/Mã thủ tục/);
    expect((await first(user, 'mat bn tien')).text).toMatch(/Lệ phí/);
  });

  it('"😡" is not a thank-you: a calm word and a person', async () => {
    const replies = await say(userId(), '😡😡');
    expect(replies[0]!.text).toMatch(/rất tiếc/);
  });

  it('the offer to switch language is made once', async () => {
    const user = userId();
    expect((await say(user, 'marriage registration')).at(-1)!.text).toMatch(/Switch the chat to English/);
    expect((await say(user, 'how long does it take')).map((m) => m.text).join('\n')).not.toMatch(/Switch the chat/);
  });

  it('a follow-up with no procedure discussed but one named loosely offers the candidates', async () => {
    expect((await first(userId(), 'lam so do het bao nhieu tien')).text).toMatch(/chọn số đúng/);
  });

  it('a follow-up with no procedure discussed asks which one', async () => {
    expect((await first(userId(), 'cần mang gì')).text).toMatch(/thủ tục nào/);
  });

  it('a question naming its procedure and a part goes straight to that part', async () => {
    expect((await first(userId(), 'khai tử nộp ở đâu vậy')).text).toMatch(/Nộp hồ sơ “Đăng ký khai tử” ở đâu/);
  });

  it('a typed list number chooses from the list just offered; a typed label works like the button', async () => {
    const user = userId();
    const list = await first(user, 'Tra cứu thủ tục');
    expect(list.text).toMatch(/chọn một lĩnh vực/);
    const field = await first(user, 'số 1');
    expect(field.text).toMatch(/^Lĩnh vực Hộ tịch có \d+ thủ tục/);
    const card = await first(user, '2');
    expect(card.text).toMatch(/Mã thủ tục: \d\.\d{6}/);
    expect((await first(user, 'tra cứu hồ sơ')).text).toMatch(/gõ mã hồ sơ/);
  });

  it('a menu label or a different question leaves the dossier question, and is answered', async () => {
    const user = userId();
    expect((await first(user, 'tra cứu hồ sơ')).text).toMatch(/gõ mã hồ sơ/);
    expect((await first(user, 'Tra cứu thủ tục')).text).toMatch(/chọn một lĩnh vực/);
    expect((await first(user, 'tra cứu hồ sơ')).text).toMatch(/gõ mã hồ sơ/);
    expect((await first(user, 'đăng ký khai sinh')).text).toMatch(/^Đăng ký khai sinh/);
  });

  it('a menu button pressed while the lookup waits for the four digits is answered', async () => {
    const user = userId();
    expect((await first(user, 'hồ sơ 000.00.20.H47-240501-0001')).text).toMatch(/4 số cuối/);
    expect((await first(user, '#q:proc')).text).toMatch(/chọn một lĩnh vực/);
    // The lookup was left: digits now are not taken as its answer.
    expect((await first(user, 'cảm ơn')).text).toMatch(/không có gì/);
  });

  it('a village typed while the announcement settings are open is saved', async () => {
    const user = userId();
    expect((await first(user, 'đăng ký nhận tin')).text).toMatch(/Thông báo của xã qua Zalo/);
    expect((await first(user, 'tôi ở thôn Phương Nghệ')).text).toMatch(/Đã lưu: bạn ở thôn Phương Nghệ/);
  });

  it('English without pressing the button: an English answer and the offer to switch', async () => {
    const user = userId();
    const replies = await say(user, 'birth registration');
    expect(replies[0]!.text).toMatch(/^Birth registration \(Đăng ký khai sinh\)\nThe procedure's details are available in Vietnamese only/);
    expect(replies.at(-1)!.text).toMatch(/Switch the chat to English/);
    expect(titles(replies.at(-1)!)).toEqual(['Use English']);
    const person = await say(user, 'can I talk to a person');
    expect(person.map((m) => m.text).join('\n')).toMatch(/switched the chat to English/);
    expect(person.at(-1)!.text).toMatch(/Which village|village/i);
  });

  it('"ok" or "👍" as a first message is greeted with the menu; after an exchange it is acknowledged', async () => {
    const user = userId();
    const hello = await first(user, 'ok');
    expect(hello.text).toMatch(/^Dạ\. Xin chào! Đây là kênh Zalo hỗ trợ người dân của xã/);
    expect(titles(hello)).toContain('Tra cứu hồ sơ');
    expect((await first(user, 'ok')).text).toMatch(/^Dạ, không có gì ạ/);
    expect((await first(userId(), 'cảm ơn')).text).toMatch(/^Dạ, không có gì ạ/);
  });

  it.each(['xin chào', 'alo ad oi', 'chào bạn'])('"%s" is greeted back, like every hello', async (text) => {
    const reply = await first(userId(), text);
    expect(reply.text).toMatch(/^Xin chào! Đây là kênh Zalo hỗ trợ người dân của xã/);
    expect(titles(reply)).toContain('Nhận thông báo');
  });

  it('saying where one lives saves the village and asks before turning any announcement on', async () => {
    const registry = new FollowerRegistry(h.apps[0]!.redis, h.apps[0]!.keys);
    const user = userId();
    const asked = await first(user, 'tui o thon phuong nghe');
    expect(asked.text).toBe('Đã lưu: bạn ở thôn Phương Nghệ. Bạn có muốn nhận thông báo của xã và của thôn Phương Nghệ qua Zalo không?');
    expect(titles(asked)).toEqual(['Có, nhận thông báo', 'Không, cảm ơn']);
    expect(await registry.get(user)).toMatchObject({ village: 'Phương Nghệ', topics: [] });
    const yes = await first(user, '#q:sub:all');
    expect(yes.text).toMatch(/^Đã bật: bạn sẽ nhận mọi thông báo của xã và của thôn Phương Nghệ/);
    expect(yes.text).toMatch(/Thôn của bạn: Phương Nghệ\nChủ đề bạn nhận: Lịch cắt điện, Thời tiết, thiên tai/);

    const other = userId();
    expect((await first(other, 'tôi ở thôn Hương Quế Đông')).text).toMatch(/Bạn có muốn nhận thông báo/);
    const no = await first(other, 'Không, cảm ơn');
    expect(no.text).toMatch(/^Dạ, mình chỉ lưu thôn của bạn, không bật thông báo nào/);
    expect(await registry.get(other)).toMatchObject({ village: 'Hương Quế Đông', topics: [] });
  });

  it('a village named with a question for the team goes to the team, the village filled in', async () => {
    const registry = new FollowerRegistry(h.apps[0]!.redis, h.apps[0]!.keys);
    const user = userId();
    const replies = await say(user, 'em o thon dong tram tay, muon hoi to cong nghe so ve cai dat VNeID');
    const seen = replies.map((m) => m.text).join('\n');
    expect(seen).toMatch(/Bạn gõ câu hỏi gửi Tổ công nghệ số/);
    expect(seen).not.toMatch(/thôn nào|Đã lưu|mọi thông báo/);
    expect(await registry.get(user)).toMatchObject({ village: 'Đồng Tràm Tây', topics: [] });
  });

  it.each([
    [
      'muốn nhận thông báo của thôn Đồng Tràm Tây',
      /^Đã lưu: bạn ở thôn Đồng Tràm Tây. Bạn sẽ nhận mọi thông báo/,
      /Thôn của bạn: Đồng Tràm Tây\nChủ đề bạn nhận: Lịch cắt điện/,
    ],
    [
      'cho tôi nhận thông báo họp thôn Hương Quế Đông',
      /^Đã bật: bạn sẽ nhận thông báo về "Họp thôn". Đã lưu: bạn ở thôn Hương Quế Đông/,
      /Thôn của bạn: Hương Quế Đông\nChủ đề bạn nhận: Họp thôn\n/,
    ],
  ])('"%s": the village named is saved with the announcements asked for, both confirmed', async (text, confirmed, settings) => {
    const reply = await first(userId(), text);
    expect(reply.text).toMatch(confirmed);
    expect(reply.text).toMatch(settings);
  });

  it('announcement settings with nothing chosen say plainly that nothing by village or topic will come', async () => {
    const user = userId();
    const settings = await first(user, 'nhận thông báo');
    expect(settings.text).toMatch(
      /Chủ đề bạn nhận: chưa chọn chủ đề nào\nBạn chưa chọn thôn và chủ đề nào, nên sẽ chưa nhận thông báo nào theo thôn hay theo chủ đề/,
    );
    expect(titles(settings).slice(0, 2)).toEqual(['Chọn thôn', 'Chọn chủ đề']);
    await first(user, '#q:sub:stop');
    const resumed = await first(user, 'bat lai thong bao');
    expect(resumed.text).toMatch(/^Đã bật lại, nhưng bạn chưa chọn chủ đề nào\./);
    expect(resumed.text).not.toMatch(/theo thôn và chủ đề đã chọn/);
    expect(titles(resumed).slice(0, 2)).toEqual(['Chọn thôn', 'Chọn chủ đề']);
  });

  it.each([
    ['#q:sub:v', 'Bấm tên thôn'],
    ['#q:tk', 'để mình chuyển câu hỏi'],
  ])('a real question typed while the village is asked (%s) leaves the question and is answered', async (button, asked) => {
    const user = userId();
    expect((await first(user, button)).text).toMatch(new RegExp(asked));
    const reply = await first(user, 'em khong biet dang nhap vneid');
    expect(reply.text).not.toMatch(/chưa tìm thấy thôn/);
    expect(reply.text).toMatch(/VNeID/);
  });

  it.each(['xa que phu gio doi ten thanh gi roi', 'xã Quế Phú giờ là xã nào'])('"%s": the former commune, from the data', async (text) => {
    const reply = await first(userId(), text);
    expect(reply.text).toMatch(
      /^Xã Quế Phú \(cũ\) nay thuộc xã Xuân Phú, Thành phố Đà Nẵng; xã Xuân Phú được lập từ xã Quế Phú, thị trấn Hương An, xã Quế Xuân 1, xã Quế Xuân 2 \(trước đây thuộc huyện Quế Sơn, tỉnh Quảng Nam\)\./,
    );
  });

  it('an unclear message: one short question with the likely intents, and it is kept for the insights', async () => {
    const user = userId();
    const reply = await first(user, 'xyz qwerty');
    expect(reply.text).toMatch(/chưa chắc đã hiểu đúng/);
    expect(reply.buttons!.length).toBeGreaterThanOrEqual(3);
    const chose = await first(user, '#q:fd:ask_person');
    expect(chose.text).toMatch(/thôn nào|gõ câu hỏi/);
    const log = new UnplacedLog(h.apps[0]!.redis, h.apps[0]!.keys);
    const [group] = await log.groups(0, Date.now() + 1000);
    expect(group).toMatchObject({ text: 'xyz qwerty', count: 1, next: { 'chose:ask_person': 1 } });
  });
});
