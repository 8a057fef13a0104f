import { createHarness, userId, waitFor, type Harness } from '../helpers';

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
    expect(fees[0]?.text).toMatch(/Lệ phí: Miễn phí/);
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
    expect(reply.text).toMatch(/không giải quyết ở xã[\s\S]*Tòa án/);
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
