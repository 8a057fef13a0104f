/**
 * The front desk end to end through the fake Zalo (issue 9): the examples the issue lists land
 * where the person meant them; follow-ups apply to the procedure last discussed; typed list
 * numbers and button labels work like the buttons; a waiting question lets go of a different
 * intent; English gets English. Each exchange asserts what the citizen sees.
 */
import { createHarness, userId, waitFor, type Harness } from '../helpers';
import type { StoredMessage } from '../../src/dev/fake-zalo';
import { UnplacedLog } from '../../src/domain/insights/unplaced-log';

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
    ['👍', /không có gì/],
    ['ok', /không có gì/],
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
    ['dạ', /không có gì/],
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
