import { createHarness, userId, waitFor, type Harness } from '../helpers';
import { loadCatalogue } from '../../src/domain/catalogue/catalogue';
import { loadCommuneProfile } from '../../src/domain/commune/commune-profile';
import { createI18n } from '../../src/i18n';
import { CARD_TARGET, documentsByCase, documentsText, feesText, procedureCard, shortCondition, shorten } from '../../flows/procedure-text';
import { callTarget, contactText } from '../../flows/contact-phrases';

const catalogue = loadCatalogue();
const commune = loadCommuneProfile();
const i18n = createI18n('vi');

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
    await waitFor(
      () =>
        h
          .messages(user)
          .slice(before)
          .some((m) => m.buttons?.length),
      5000,
      'the last part',
    );
    return h.messages(user).slice(before);
  }

  it('question → card → documents and fees', async () => {
    const user = userId();
    const card = await ask(user, 'lam giay khai sinh cho con can nhung gi a', 1);
    expect(card.text).toMatch(/^Đăng ký khai sinh/);
    expect(card.text).toMatch(/Mã thủ tục: 1\.001193/);
    expect(card.text).toMatch(/^Cách nộp: trực tiếp tại Trung tâm Phục vụ hành chính công/m);
    expect(card.text).toMatch(/^Thời hạn: Trong ngày; nộp sau 15 giờ/m);
    expect(card.text).toMatch(/^Lệ phí: Miễn phí nếu đăng ký trong 60 ngày/m);
    // Sized for a phone: the title is still on screen when the answer arrives.
    expect([...card.text!].length).toBeLessThanOrEqual(CARD_TARGET);
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
    expect(card.text).toMatch(/^• Giấy chứng sinh$/m);
    expect(card.text).toMatch(/Trong ngày; nộp sau 15 giờ/);
    expect(card.text).not.toMatch(/Trụ sở UBND|địa chỉ mẫu|0236 300 0000/);
  });

  it('never says "Miễn phí" when the province sets the fee', async () => {
    const user = userId();
    const card = await ask(user, '#q:proc:c:3.000322', 1);
    // In person the remark hands the fee to the HĐND and names exemptions; online the source says free.
    expect(card.text).toMatch(
      /^Lệ phí: .*Trực tiếp: Theo mức do HĐND Thành phố Đà Nẵng quy định \(có trường hợp được miễn\) – xem “Phí và thời hạn”/m,
    );
    expect(card.text).not.toMatch(/Trực tiếp: Miễn phí/);
    // The record's bare "3" is said in a citizen's words, never as "no unit in the source".
    expect(card.text).toMatch(/^Thời hạn: khoảng 3 ngày; ngày trả cụ thể ghi trên giấy hẹn$/m);
    expect(card.text).not.toMatch(/nguồn không ghi/);
  });

  it('names the agency to file with in person, and no in-person line without that channel', async () => {
    const user = userId();
    const residence = await ask(user, '#q:proc:c:1.004222', 1);
    expect(residence.text).toMatch(/^Cách nộp: trực tiếp tại Công an cấp xã; trực tuyến/m);
    expect(residence.text).not.toMatch(/Trung tâm Phục vụ/);
    const linked = await ask(user, '#q:proc:c:3.000722', 2);
    expect(linked.text).not.toMatch(/trực tiếp tại/);
    expect(linked.text).toMatch(/^Cách nộp: trực tuyến/m);
    const flats = await ask(user, '#q:proc:c:1.012898', 3);
    expect(flats.text).toMatch(/^Cách nộp: trực tiếp tại Bộ Quốc phòng, Sở Xây dựng/m);
  });

  it('contact questions never get the sample address or number, nor a call button dialling it', async () => {
    const user = userId();
    let count = 0;
    for (const q of ['sdt cua xa', 'giờ làm việc', 'địa chỉ ủy ban']) {
      const reply = await ask(user, q, ++count);
      expect(reply.text).not.toMatch(/Trụ sở UBND|địa chỉ mẫu|0236 300 0000/);
      expect(JSON.stringify(reply.buttons ?? [])).not.toMatch(/02363000000/);
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
    expect(list.text).toMatch(/khác nhau theo 8 trường hợp/);
    expect(list.buttons!.map((b) => b.payload)).toEqual([
      '#q:proc:dc:1.004222:0',
      '#q:proc:dc:1.004222:1',
      '#q:proc:dc:1.004222:2',
      '#q:proc:dc:1.004222:3',
      '#q:proc:dl:1.004222:1',
    ]);
    for (const b of list.buttons!) expect([...b.title].length).toBeLessThanOrEqual(20);
    const page2 = await ask(user, '#q:proc:dl:1.004222:1', 2);
    expect(page2.text).toMatch(/\n5\. /);
    expect(page2.buttons!.at(-1)?.payload).toBe('#q:proc:c:1.004222');
    const one = await ask(user, '#q:proc:dc:1.004222:3', 3);
    expect(one.text).toMatch(/Trường hợp: Đăng ký thường trú tại cơ sở tín ngưỡng/);
    expect([...one.text!].length).toBeLessThanOrEqual(2000);
    expect((await ask(user, '#q:proc:dc:9.999999:0', 4)).text).toMatch(/không còn trong danh mục/);
    expect((await ask(user, '#q:proc:dc:1.004222:99', 5)).text).toMatch(/khác nhau theo 8 trường hợp/);
  });

  it('a procedure code typed alone goes straight to the card', async () => {
    const user = userId();
    expect((await ask(user, '1.000656', 1)).text).toMatch(/Mã thủ tục: 1\.000656/);
  });

  it('nothing fits → says so, offers browsing and the centre’s phone', async () => {
    const user = userId();
    const reply = await ask(user, 'thủ tục cấp phép nuôi chim yến', 1);
    expect(reply.text).toMatch(/chưa tìm thấy/);
    expect(JSON.stringify(reply.buttons?.find((b) => b.type === 'oa.open.phone')?.payload)).toMatch(/"02361022"/);
    expect(reply.buttons?.find((b) => b.payload === '#q:proc:f:0')).toBeDefined();
    expect(reply.text).not.toMatch(/0236 300 0000/);
  });

  it('a matter the commune does not handle says who does', async () => {
    const user = userId();
    const reply = await ask(user, 'muon ly hon thi lam the nao', 1);
    expect(reply.text).toMatch(/không làm tại Trung tâm Phục vụ hành chính công của xã[\s\S]*Tòa án/);
    expect(reply.text).not.toMatch(/thử gõ/);
    expect(reply.text).toMatch(/0236 1022/);
    expect(reply.text).not.toMatch(/0236 300 0000/);
  });

  it('an ID-card question points to the commune police, not the VNeID account', async () => {
    const user = userId();
    const reply = await ask(user, 'lam cccd cho con o dau', 1);
    expect(reply.text).not.toMatch(/3\.000228/);
  });

  /** The first reply to a message (an English one is followed by the offer to switch). */
  async function firstReply(user: string, text: string) {
    const before = h.messages(user).length;
    await h.say(user, text);
    return (await h.waitForMessages(user, before + 1))[before]!;
  }

  it('what the catalogue does not hold gets no wrong card: lost land certificate, people with merit', async () => {
    for (const q of [
      'cap lai so do bi mat',
      'xin cấp lại giấy chứng nhận quyền sử dụng đất bị mất',
      'tôi là thương binh, muốn hỏi chế độ',
    ]) {
      const reply = await firstReply(userId(), q);
      expect([q, reply.text]).toEqual([q, expect.stringMatching(/không có trong danh mục thủ tục của xã[\s\S]*1022/)]);
      expect(reply.text).not.toMatch(/Mã thủ tục|1\.012818|1\.001521|Nơi giải quyết/);
    }
  });

  it('a complaint about the commune gets a calm word and a person, not the police procedure', async () => {
    const reply = await firstReply(userId(), 'toi muon khieu nai quyet dinh cua xa');
    expect(reply.text).not.toMatch(/Mã thủ tục|Công an/);
    expect(reply.buttons?.some((b) => b.payload === '#q:tk')).toBe(true);
  });

  it('the procedure named outright, the foreign-element marriage, entitlement and a named copy get their cards', async () => {
    for (const [q, card] of [
      ['đăng kí giám hộ cho cháu mồ côi', 'Mã thủ tục: 1.004837'],
      ['nguoi cao tuoi tren 80 co duoc huong tien ko', 'Mã thủ tục: 1.001776'],
      ['xin trich luc ket hon ban sao', 'Mã thủ tục: 2.000635'],
      // Asked with its documents: the documents of that procedure.
      ['I want to get married to a Vietnamese woman, what documents do I need?', 'Đăng ký kết hôn có yếu tố nước ngoài'],
    ] as const) {
      const reply = await firstReply(userId(), q);
      expect([q, reply.text]).toEqual([q, expect.stringContaining(card)]);
    }
  });

  it('a follow-up applies to the procedure of the chat, or asks which one; never a weak match of its words', async () => {
    const user = userId();
    expect((await firstReply(user, 'đăng ký khai tử')).text).toMatch(/Mã thủ tục: 1\.000656/);
    const form = await firstReply(user, 'mẫu tờ khai lấy ở đâu');
    expect(form.text).toMatch(/Đăng ký khai tử/);
    expect(form.text).not.toMatch(/Tham vấn|môi trường/);
    expect((await firstReply(userId(), 'có cần mang căn cước không')).text).toMatch(/thủ tục nào/);
    expect((await firstReply(userId(), 'can I pay online?')).text).toMatch(/Which procedure/);
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
    await ask(user, 'lam giay khai sinh cho con can nhung gi a', 4);
    const card = procedureCard(i18n.translator('en'), catalogue.get('1.001193')!, commune);
    expect(card).toMatch(/^Đăng ký khai sinh/);
    expect(card).toMatch(/Procedure code: 1\.001193/);
    expect(card).toMatch(/^How to file: in person at /m);
    expect(card).toMatch(/^Time limit: Trong ngày/m);
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
    expect(group?.text).toMatch(/^Lệ phí: chưa rõ – hỏi khi nộp hồ sơ$/m); // unknown details stay unknown
  });
});

describe('procedure texts', () => {
  it('the contact answer states confirmed facts only, then the city hotline and the portal', () => {
    const text = contactText(i18n.translator('vi'), commune);
    expect(text).toMatch(/^Trung tâm Phục vụ hành chính công xã Xuân Phú\n/);
    expect(text).not.toMatch(/Trụ sở UBND|địa chỉ mẫu|0236 300 0000|Địa chỉ:|Điện thoại:|Giờ làm việc:/);
    expect(text).toMatch(/chưa xác nhận/);
    expect(text).toMatch(/Tổng đài thông tin dịch vụ công Đà Nẵng 1022: 0236 1022/);
    expect(text).toMatch(/dichvucong\.gov\.vn/);
    const confirmed = { ...commune, samples: [] };
    expect(contactText(i18n.translator('vi'), confirmed)).toMatch(
      /Địa chỉ: Trụ sở UBND[\s\S]*Giờ làm việc: Thứ Hai[\s\S]*Điện thoại: 0236 300 0000/,
    );
  });

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

  it('leaves refusal and amendment results off, at most two', () => {
    const t = i18n.translator('vi');
    for (const p of catalogue.procedures) {
      const line = procedureCard(t, p, commune)
        .split('\n')
        .find((l) => l.startsWith('Kết quả nhận được: '));
      if (!line) continue;
      expect(line).not.toMatch(/từ chối|sửa đổi, bổ sung/);
      const first = p.results.find((r) => !/từ chối|sửa đổi, bổ sung/u.test(r))!;
      expect([p.code, line.startsWith(`Kết quả nhận được: ${first.slice(0, 8)}`)]).toEqual([p.code, true]);
    }
  });

  it('merges rows of one kind, and channels that say the same, into one statement', () => {
    const card = procedureCard(i18n.translator('vi'), catalogue.get('1.013076')!, commune);
    expect(card).toMatch(/^Thời hạn: 2–7 ngày làm việc; 1 giờ tùy trường hợp$/m);
    // Three channels with the same time and fee: one line each, no channel named.
    const birth = procedureCard(i18n.translator('vi'), catalogue.get('1.001193')!, commune);
    expect(birth.match(/^Thời hạn: /gmu)).toHaveLength(1);
    expect(birth).not.toMatch(/Trực tuyến, Qua bưu chính, Trực tiếp:/);
    // Channels that differ say so, each once.
    expect(procedureCard(i18n.translator('vi'), catalogue.get('1.004222')!, commune)).toMatch(
      /^Lệ phí: Trực tuyến: 10\.000 đồng\/lần đăng ký; Trực tiếp: 20\.000 đồng$/m,
    );
  });

  it('first answers are phone-sized, cut only at word boundaries, with nothing internal or unconfirmed', () => {
    for (const locale of ['vi', 'en'] as const) {
      const t = i18n.translator(locale);
      for (const p of catalogue.procedures) {
        const card = procedureCard(t, p, commune, catalogue.replacedBy(p.code));
        const fees = feesText(t, p);
        expect([p.code, [...card].length <= CARD_TARGET]).toEqual([p.code, true]);
        expect([p.code, /nguồn không ghi|no unit|địa chỉ mẫu|cần xã cập nhật|0236 300 0000|Trụ sở UBND/u.test(card + fees)]).toEqual([
          p.code,
          false,
        ]);
        // Every "…" follows a whole word of the source: the cut is at a space.
        for (const line of card.split('\n').filter((l) => l.startsWith('• ') && l.includes('…'))) {
          const shown = line.slice(2).split('…')[0]!;
          const source = p.documentGroups.flatMap((g) => g.documents.map((d) => d.name)).find((n) => n.startsWith(shown));
          expect([p.code, source !== undefined && /^[\s,;:.(–-]/u.test(source.slice(shown.length))]).toEqual([p.code, true]);
        }
      }
    }
  });

  it('a record with nothing known says so and says whom to ask, from confirmed facts only', () => {
    const t = i18n.translator('vi');
    const empty = { ...catalogue.get('1.001193')!, channels: [], documentGroups: [] };
    const card = procedureCard(t, empty, commune);
    expect(card).toMatch(/chưa có thông tin chi tiết[\s\S]*Tổng đài thông tin dịch vụ công Đà Nẵng 1022: 0236 1022/);
    expect(card).not.toMatch(/0236 300 0000/);
    // Once the commune confirms its number, that is the number given.
    const confirmed = { ...commune, samples: commune.samples.filter((s) => !s.startsWith('serviceCentre.phone')) };
    expect(procedureCard(t, empty, confirmed)).toMatch(/0236 300 0000/);
    expect(callTarget(commune)).toEqual({ labelKey: 'procedures.buttons.callHotline', phone: '02361022' });
    expect(callTarget({ ...commune, cityHotline: undefined })).toBeNull();
  });

  it('the fees page shows each way once when they read the same, and a missing time in citizen words', () => {
    const t = i18n.translator('vi');
    const birth = feesText(t, catalogue.get('1.001193')!);
    expect(birth.match(/Thời hạn:/g)).toHaveLength(2); // post differs: it carries the certified-copies rule
    expect(feesText(t, catalogue.get('2.000815')!)).toMatch(/Thời hạn: trung tâm sẽ hẹn ngày trả kết quả khi nhận hồ sơ/);
    // What everyone brings comes before what one case needs: the birth certificate first, the abandoned child after.
    const birthDocuments = documentsText(t, catalogue.get('1.001193')!).split('\n');
    expect(birthDocuments[3]).toMatch(/^1\. Giấy chứng sinh/);
    expect(birthDocuments.findIndex((l) => /bị bỏ rơi/.test(l))).toBeGreaterThan(birthDocuments.findIndex((l) => /Tờ khai/.test(l)));
    // The fee act's paragraph every way carries is said once, not once per block.
    const death = feesText(t, catalogue.get('1.000656')!);
    expect(death.match(/Mức lệ phí cụ thể do Hội đồng nhân dân/g)).toHaveLength(1);
    expect(death).toMatch(/Qua bưu chính:[^]*Trường hợp gửi hồ sơ qua hệ thống bưu chính/);
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
    expect(shortCondition('nếu người có yêu cầu lựa chọn nộp hồ sơ theo hình thức trực tiếp hoặc gửi hồ sơ qua hệ thống bưu chính')).toBe(
      'nếu nộp trực tiếp hoặc qua bưu chính',
    );
    expect(shorten('Tờ khai đăng ký khai tử theo mẫu (nếu người có yêu cầu lựa chọn nộp hồ sơ theo hình thức trực tiếp)')).toBe(
      'Tờ khai đăng ký khai tử theo mẫu (nếu nộp trực tiếp)',
    );
    expect(shorten('Giấy chứng nhận đăng ký xe (bản chính, còn hiệu lực)')).toBe('Giấy chứng nhận đăng ký xe');
    // Cut at a word, never inside one ("…tại cơ qu").
    expect(shorten('Giấy xác nhận của cơ quan có thẩm quyền tại cơ quan nơi người đó làm việc', 40)).toBe(
      'Giấy xác nhận của cơ quan có thẩm quyền…',
    );
  });
});
