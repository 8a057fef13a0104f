import { createHarness, userId, type Harness } from '../helpers';

describe('language flow', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness('language', { env: { CONVERSATION_IDLE_MIN: '0.01' } });
    await h.start({ web: true, worker: true });
  });
  afterAll(() => h.close());

  it('switches to English by button and remembers it', async () => {
    const user = userId();
    await h.say(user, '#q:lang');
    const [ask] = await h.waitForMessages(user, 1);
    expect(ask?.buttons?.map((b) => b.payload)).toEqual(['#q:lang:vi', '#q:lang:en']);
    await h.say(user, '#q:lang:en');
    expect((await h.waitForMessages(user, 2))[1]?.text).toMatch(/Switched to English/);
    await h.say(user, 'xin chao');
    const menu = (await h.waitForMessages(user, 3))[2];
    expect(menu?.text).toMatch(/^Hello! This is the commune's Zalo channel/); // a hello is greeted back
    expect(menu?.buttons?.find((b) => b.payload === '#q:lang')?.title).toBe('Language');
    expect(menu?.buttons?.find((b) => b.payload === '#q:proc')?.title).toBe('Procedures');
  });

  it('understands a typed choice without diacritics, and asks again on nonsense', async () => {
    const user = userId();
    await h.say(user, '#q:lang');
    await h.waitForMessages(user, 1);
    await h.say(user, 'banana');
    expect((await h.waitForMessages(user, 2))[1]?.text).toMatch(/bấm một nút/);
    await h.say(user, 'tieng anh');
    expect((await h.waitForMessages(user, 3))[2]?.text).toMatch(/Switched to English/);
    await h.say(user, '#q:lang');
    await h.waitForMessages(user, 4);
    await h.say(user, 'Tiếng Việt');
    expect((await h.waitForMessages(user, 5))[4]?.text).toMatch(/Đã chuyển sang tiếng Việt/);
  });

  it.each([
    ['#q:lang:en', 'tiếng việt', /^Đã chuyển sang tiếng Việt/],
    ['#q:lang:en', 'tieng viet', /^Đã chuyển sang tiếng Việt/],
    ['#q:lang:vi', 'english', /^Switched to English/],
    ['#q:lang:vi', 'tieng anh', /^Switched to English/],
    ['#q:lang:vi', 'cho tôi nói tiếng Anh', /^Switched to English/],
  ])('after %s, "%s" typed switches straight to the language it names', async (start, typed, switched) => {
    const user = userId();
    await h.say(user, start);
    await h.waitForMessages(user, 1);
    await h.say(user, typed);
    const [reply] = (await h.waitForMessages(user, 2)).slice(1);
    expect(reply?.text).toMatch(switched);
    expect(reply?.text).not.toMatch(/Which language/);
  });

  it('"huỷ" leaves the conversation', async () => {
    const user = userId();
    await h.say(user, '#q:lang');
    await h.waitForMessages(user, 1);
    await h.say(user, 'huỷ');
    expect((await h.waitForMessages(user, 2))[1]?.text).toMatch(/Đã huỷ/);
    await h.say(user, '2'); // no longer an answer to the question: not a choice of language
    expect((await h.waitForMessages(user, 3))[2]?.text).toMatch(/chưa chắc đã hiểu/);
  });

  it('forgets a conversation left idle longer than the idle time', async () => {
    const user = userId();
    await h.say(user, '#q:lang');
    await h.waitForMessages(user, 1);
    await new Promise((r) => setTimeout(r, 1000)); // idle time here is 0.6 s
    await h.say(user, '2');
    expect((await h.waitForMessages(user, 2))[1]?.text).toMatch(/chưa chắc đã hiểu/);
  });
});
