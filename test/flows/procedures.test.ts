import { createHarness, userId, waitFor, type Harness } from '../helpers';
import { loadCatalogue } from '../../src/domain/catalogue/catalogue';
import { loadCommuneProfile } from '../../src/domain/commune/commune-profile';
import { createI18n } from '../../src/i18n';
import { documentsByCase, phoneText, procedureCard, shortCondition, shorten } from '../../flows/procedure-text';
import { isContactQuestion } from '../../flows/procedures';

describe('procedure lookup through the bridge', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness('procedures');
    await h.start({ web: true, worker: true });
  });
  afterAll(() => h.close());

  async function ask(user: string, text: string, expectedCount: number) {
    await h.say(user, text);
    const messages = await h.waitForMessages(user, expectedCount);
    return messages[expectedCount - 1]!;
  }

  /** Sends and waits for the whole answer: long ones arrive in parts, the buttons on the last. */
  async function askLong(user: string, text: string) {
    const before = h.messages(user).length;
    await h.say(user, text);
    await waitFor(() => h.messages(user).slice(before).some((m) => m.buttons?.length), 5000, 'the last part');
    return h.messages(user).slice(before);
  }

  it('question → card → documents and fees', async () => {
    const user = userId();
    const card = await ask(user, 'lam giay khai sinh cho con can nhung gi a', 1);
    expect(card.text).toMatch(/^Đăng ký khai sinh/);
    expect(card.text).toMatch(/Mã thủ tục: 1\.001193/);
    expect(card.text).toMatch(/Nộp ở đâu/);
    expect(card.text).toMatch(/Trung tâm Phục vụ hành chính công/);
    expect(card.text).toMatch(/Thời hạn giải quyết và lệ phí/);
    expect([...card.text!].length).toBeLessThanOrEqual(2000);
    const payloads = card.buttons!.map((b) => b.payload);
    expect(payloads).toEqual(expect.arrayContaining(['#q:proc:d:1.001193', '#q:proc:fee:1.001193', '#q:menu']));
    expect(card.buttons!.length).toBeLessThanOrEqual(5);
    expect(card.buttons!.find((b) => b.type === 'oa.open.url')).toBeDefined();
    const documents = await askLong(user, '#q:proc:d:1.001193');
    expect(documents[0]?.text).toMatch(/^Giấy tờ cho thủ tục: Đăng ký khai sinh/);
    expect(documents.at(-1)?.buttons?.map((b) => b.payload)).toEqual(['#q:proc:c:1.001193', '#q:menu']);
    for (const part of documents) expect([...part.text!].length).toBeLessThanOrEqual(2000);
    const fees = await askLong(user, '#q:proc:fee:1.001193');
    expect(fees[0]?.text).toMatch(/Lệ phí: Miễn phí nếu đăng ký trong 60 ngày kể từ ngày sinh/);
  });

  it('the card lists only documents everyone submits, keeps short conditions, names what to show', async () => {
    const user = userId();
    const card = await ask(user, '#q:proc:c:1.001193', 1);
    expect(card.text).not.toMatch(/bị bỏ rơi|mang thai hộ|Văn bản ủy quyền/); // one case's documents
    expect(card.text).toMatch(/• Mẫu hộ tịch điện tử tương tác đăng ký khai sinh \(nếu nộp trực tuyến\)/);
    expect(card.text).toMatch(/• Tờ khai đăng ký khai sinh theo mẫu \(nếu nộp trực tiếp hoặc qua bưu chính\)/);
    expect(card.text).toMatch(/Mang theo để xuất trình: giấy tờ tùy thân/);
    expect(card.text).toMatch(/Còn giấy tờ khác/);
    expect(card.text).toMatch(/Trong ngày; nộp sau 15 giờ/);
    expect(card.text).toMatch(/^Cách làm: /m);
  });

  it('never says "Miễn phí" when the province sets the fee', async () => {
    const user = userId();
    const card = await ask(user, '#q:proc:c:3.000322', 1);
    // In person the remark hands the fee to the HĐND and names exemptions; online the source says free.
    expect(card.text).toMatch(/• Trực tiếp: 3 \(nguồn không ghi đơn vị\) · Theo mức do HĐND Thành phố Đà Nẵng quy định \(có trường hợp được miễn\) – xem “Phí và thời hạn”/);
    expect(card.text).not.toMatch(/• Trực tiếp: .*· Miễn phí/);
  });

  it('names the agency to file with in person, and no in-person line without that channel', async () => {
    const user = userId();
    const residence = await ask(user, '#q:proc:c:1.004222', 1);
    expect(residence.text).toMatch(/• Trực tiếp: Công an cấp xã\n/);
    expect(residence.text).not.toMatch(/Trực tiếp: Trung tâm Phục vụ/);
    const linked = await ask(user, '#q:proc:c:3.000722', 2);
    expect(linked.text).not.toMatch(/• Trực tiếp:/);
    expect(linked.text).toMatch(/• Trực tuyến: Cổng Dịch vụ công quốc gia/);
  });

  it('a card with almost nothing known says so and offers the centre’s phone', async () => {
    const user = userId();
    const card = await ask(user, '#q:proc:c:1.001731', 1);
    expect(card.text).toMatch(/chưa có thông tin chi tiết[\s\S]*0236 300 0000/);
    const call = card.buttons!.find((b) => b.type === 'oa.open.phone');
    expect(JSON.stringify(call?.payload)).toMatch(/"02363000000"/);
    expect(card.buttons!.map((b) => b.payload)).not.toContain('#q:proc:d:1.001731');
  });

  it('contact questions get the centre’s name, address, hours and phone with a call button', async () => {
    const user = userId();
    let count = 0;
    for (const q of ['sdt cua xa', 'giờ làm việc', 'địa chỉ ủy ban']) {
      const reply = await ask(user, q, ++count);
      expect(reply.text).toMatch(/^Trung tâm Phục vụ hành chính công xã Xuân Phú\nĐịa chỉ: Trụ sở UBND xã Xuân Phú/);
      expect(reply.text).toMatch(/Giờ làm việc: Thứ Hai – Thứ Sáu: 7:30/);
      expect(reply.text).toMatch(/Điện thoại: 0236 300 0000/);
      expect(JSON.stringify(reply.buttons!.find((b) => b.type === 'oa.open.phone')?.payload)).toMatch(/"02363000000"/);
    }
  });

  it('related procedures both ways, at most 4 and a back button', async () => {
    const user = userId();
    const card = await ask(user, '#q:proc:c:1.001193', 1);
    expect(card.buttons!.map((b) => b.payload)).toContain('#q:proc:r:1.001193');
    const related = await ask(user, '#q:proc:r:1.001193', 2);
    const payloads = related.buttons!.map((b) => b.payload);
    expect(payloads).toContain('#q:proc:c:3.000722');
    expect(payloads.at(-1)).toBe('#q:proc:c:1.001193');
    expect(payloads.length).toBeLessThanOrEqual(5);
  });

  it('long document lists are offered case by case, paged, with validated buttons', async () => {
    const user = userId();
    const list = await ask(user, '#q:proc:d:1.004222', 1);
    expect(list.text).toMatch(/khác nhau theo 7 trường hợp/);
    expect(list.buttons!.map((b) => b.payload)).toEqual([
      '#q:proc:dc:1.004222:0', '#q:proc:dc:1.004222:1', '#q:proc:dc:1.004222:2', '#q:proc:dc:1.004222:3', '#q:proc:dl:1.004222:1',
    ]);
    for (const b of list.buttons!) expect([...b.title].length).toBeLessThanOrEqual(20);
    const page2 = await ask(user, '#q:proc:dl:1.004222:1', 2);
    expect(page2.text).toMatch(/\n5\. /);
    expect(page2.buttons!.at(-1)?.payload).toBe('#q:proc:c:1.004222');
    const one = await ask(user, '#q:proc:dc:1.004222:3', 3);
    expect(one.text).toMatch(/Trường hợp: Đăng ký thường trú tại cơ sở tín ngưỡng/);
    expect([...one.text!].length).toBeLessThanOrEqual(2000);
    expect((await ask(user, '#q:proc:dc:9.999999:0', 4)).text).toMatch(/không còn trong danh mục/);
    expect((await ask(user, '#q:proc:dc:1.004222:99', 5)).text).toMatch(/khác nhau theo 7 trường hợp/);
  });

  it('a procedure code typed alone goes straight to the card', async () => {
    const user = userId();
    expect((await ask(user, '1.000656', 1)).text).toMatch(/Mã thủ tục: 1\.000656/);
  });

  it('nothing fits → says so, offers browsing and the centre’s phone', async () => {
    const user = userId();
    const reply = await ask(user, 'cách nấu phở bò ngon', 1);
    expect(reply.text).toMatch(/chưa tìm thấy/);
    expect(reply.buttons?.find((b) => b.type === 'oa.open.phone')).toBeDefined();
    expect(reply.buttons?.find((b) => b.payload === '#q:proc:f:0')).toBeDefined();
  });

  it('a matter the commune does not handle says who does', async () => {
    const user = userId();
    const reply = await ask(user, 'muon ly hon thi lam the nao', 1);
    expect(reply.text).toMatch(/không làm tại Trung tâm Phục vụ hành chính công của xã[\s\S]*Tòa án/);
    expect(reply.text).not.toMatch(/thử gõ/);
    expect(reply.text).toMatch(/0236 300 0000/);
  });

  it('an ID-card question points to the commune police, not the VNeID account', async () => {
    const user = userId();
    const reply = await ask(user, 'lam cccd cho con o dau', 1);
    expect(reply.text).toMatch(/thẻ căn cước[\s\S]*Công an cấp xã/);
    expect(reply.text).not.toMatch(/3\.000228/);
  });

  it('browsing by field is paged with at most 5 buttons a message', async () => {
    const user = userId();
    const fields = await ask(user, '#q:proc', 1);
    expect(fields.text).toMatch(/1\. Hộ tịch/);
    expect(fields.buttons!.length).toBe(5);
    const inField = await ask(user, '#q:proc:fl:0:0', 2);
    expect(inField.text).toMatch(/Lĩnh vực Hộ tịch có \d+ thủ tục/);
    expect(inField.buttons!.length).toBe(5);
    for (const b of inField.buttons!) expect([...b.title].length).toBeLessThanOrEqual(20);
    const next = await ask(user, '#q:proc:fl:0:1', 3);
    expect(next.text).toMatch(/^Lĩnh vực Hộ tịch[\s\S]*\n5\. /);
  });

  it('an old or forged button naming no procedure falls back to browsing', async () => {
    const user = userId();
    expect((await ask(user, '#q:proc:c:9.999999', 1)).text).toMatch(/không còn trong danh mục/);
  });

  it('English speakers get English labels around the Vietnamese content', async () => {
    const user = userId();
    await h.say(user, '#q:lang:en');
    await h.waitForMessages(user, 1);
    await h.say(user, '#q:lang');
    await h.waitForMessages(user, 2);
    await h.say(user, 'english');
    await h.waitForMessages(user, 3);
    const card = await ask(user, 'lam giay khai sinh cho con can nhung gi a', 4);
    expect(card.text).toMatch(/^Đăng ký khai sinh/);
    expect(card.text).toMatch(/Procedure code: 1\.001193/);
    expect(card.text).toMatch(/Where to file/);
    expect(card.buttons!.map((b) => b.title)).toEqual(expect.arrayContaining(['Documents', 'Fees and time']));
  });
});

describe('linked procedures', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness('procedures-linked');
    await h.start({ web: true, worker: true });
  });
  afterAll(() => h.close());

  it('a replaced procedure points to its linked group, and the group lists its parts', async () => {
    const user = userId();
    await h.say(user, '#q:proc:c:2.000986');
    const [card] = await h.waitForMessages(user, 1);
    expect(card?.text).toMatch(/3\.000722/);
    expect(card?.buttons?.map((b) => b.payload)).toContain('#q:proc:r:2.000986');
    await h.say(user, '#q:proc:r:2.000986');
    const related = (await h.waitForMessages(user, 2))[1];
    expect(related?.buttons?.map((b) => b.payload)).toContain('#q:proc:c:3.000722');
    await h.say(user, '#q:proc:c:3.000722');
    const group = (await h.waitForMessages(user, 3))[2];
    expect(group?.text).toMatch(/chưa có thông tin/); // unknown details stay unknown
  });
});

describe('procedure texts', () => {
  const catalogue = loadCatalogue();
  const commune = loadCommuneProfile();
  const i18n = createI18n('vi');

  it('every card fits one message, in Vietnamese and in English', () => {
    for (const locale of ['vi', 'en'] as const) {
      const t = i18n.translator(locale);
      for (const p of catalogue.procedures) {
        expect([p.code, [...procedureCard(t, p, commune, catalogue.replacedBy(p.code))].length <= 2000]).toEqual([p.code, true]);
      }
    }
  });

  it('shows "Miễn phí" only for a fee read as 0', () => {
    const t = i18n.translator('vi');
    for (const p of catalogue.procedures) {
      const card = procedureCard(t, p, commune);
      if (/· Miễn phí(?!\s*nếu)/u.test(card)) expect([p.code, p.channels.some((c) => c.feeVnd === 0)]).toEqual([p.code, true]);
    }
  });

  it('leaves refusal and amendment results off, at most two, shortened', () => {
    const t = i18n.translator('vi');
    for (const p of catalogue.procedures) {
      const line = procedureCard(t, p, commune).split('\n').find((l) => l.startsWith('Kết quả nhận được: '));
      if (!line) continue;
      expect(line).not.toMatch(/từ chối|sửa đổi, bổ sung/);
      const expected = p.results.filter((r) => !/từ chối|sửa đổi, bổ sung/u.test(r)).slice(0, 2).map((r) => shorten(r));
      expect(line).toBe(`Kết quả nhận được: ${expected.join('; ')}`);
    }
  });

  it('merges rows of one kind into one line', () => {
    const card = procedureCard(i18n.translator('vi'), catalogue.get('1.013076')!, commune);
    expect(card).toMatch(/• Trực tuyến, Trực tiếp: 2–7 ngày làm việc; 1 giờ tùy trường hợp · /);
    expect(card.match(/^• Trực tiếp/gmu) ?? []).toHaveLength(1);
  });

  it('one case reads as a condition, not "differ by 1 case"', () => {
    const t = i18n.translator('vi');
    const one = catalogue.procedures.find((p) => p.documentGroups.filter((g) => g.case !== null).length === 1)!;
    const card = procedureCard(t, one, commune);
    expect(card).toMatch(/^Nếu .+: bấm “Giấy tờ cần nộp”\.$/m);
    expect(card).not.toMatch(/theo 1 trường hợp/);
  });

  it('offers long document lists case by case', () => {
    const t = i18n.translator('vi');
    expect(documentsByCase(t, catalogue.get('1.004222')!)).toBe(true);
    expect(documentsByCase(t, catalogue.get('1.001193')!)).toBe(false);
  });

  it('shortens names but keeps a stated condition', () => {
    expect(shortCondition('nếu người có yêu cầu lựa chọn nộp hồ sơ theo hình thức trực tiếp hoặc gửi hồ sơ qua hệ thống bưu chính')).toBe('nếu nộp trực tiếp hoặc qua bưu chính');
    expect(shorten('Tờ khai đăng ký khai tử theo mẫu (nếu người có yêu cầu lựa chọn nộp hồ sơ theo hình thức trực tiếp)')).toBe('Tờ khai đăng ký khai tử theo mẫu (nếu nộp trực tiếp)');
    expect(shorten('Giấy chứng nhận đăng ký xe (bản chính, còn hiệu lực)')).toBe('Giấy chứng nhận đăng ký xe');
  });

  it('groups a phone number for reading', () => {
    expect(phoneText('02363000000')).toBe('0236 300 0000');
    expect(phoneText('0912345678')).toBe('0912 345 678');
  });

  it('tells contact questions from procedure questions', () => {
    for (const q of ['sdt cua xa', 'số điện thoại ủy ban', 'giờ làm việc', 'địa chỉ ủy ban', 'ubnd xa o dau', 'xa mo cua may gio']) expect([q, isContactQuestion(q)]).toEqual([q, true]);
    for (const q of ['thay doi dia chi thuong tru', 'dang ky khai sinh', 'xac nhan dia chi cu tru']) expect([q, isContactQuestion(q)]).toEqual([q, false]);
  });
});
