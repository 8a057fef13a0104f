import { createHarness, IDS, userId, type Harness } from '../helpers';
import { chatNowEvent, followEvent, userImageEvent, userLocationEvent } from '../../src/dev/zalo-events';

describe('greeting, menu and fallback through the bridge', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness('menu');
    await h.start({ web: true, worker: true });
  });
  afterAll(() => h.close());

  it('greets a new follower with the menu of existing capabilities only', async () => {
    const user = userId();
    h.fake.recordInteraction(user);
    expect(await h.post(followEvent({ appId: IDS.appId, oaId: IDS.oaId, userId: user }))).toBe(200);
    const [greeting] = await h.waitForMessages(user, 1);
    expect(greeting?.text).toMatch(/^Xin chào!/);
    expect(greeting?.buttons?.map((b) => b.payload)).toEqual(['#q:dos', '#q:proc', '#q:sub', '#q:tk', '#q:lang']);
    expect(greeting?.buttons?.length).toBeLessThanOrEqual(5);
  });

  it('greets on "chat now" too', async () => {
    const user = userId();
    h.fake.recordInteraction(user);
    await h.post(chatNowEvent({ appId: IDS.appId, oaId: IDS.oaId, userId: user }));
    expect((await h.waitForMessages(user, 1))[0]?.text).toMatch(/^Xin chào!/);
  });

  it.each([
    ['menu', /^Bạn cần giúp gì\?/],
    ['Menu ạ', /^Bạn cần giúp gì\?/],
    ['bắt đầu', /^Bạn cần giúp gì\?/],
    ['bat dau', /^Bạn cần giúp gì\?/],
    ['xin chao', /^Xin chào!/],
    ['Xin chào!', /^Xin chào!/],
    ['hi', /^Xin chào!/],
    ['HI', /^Xin chào!/],
  ])('shows the menu for "%s", greeting back a hello', async (text, intro) => {
    const user = userId();
    await h.say(user, text);
    const [reply] = await h.waitForMessages(user, 1);
    expect(reply?.text).toMatch(intro);
    expect(reply?.buttons?.length).toBeGreaterThan(0);
  });

  it('a message it cannot place gets one short question with the likely choices, not "not found"', async () => {
    const user = userId();
    await h.say(user, 'xyz qwerty');
    const [reply] = await h.waitForMessages(user, 1);
    expect(reply?.text).toMatch(/chưa chắc đã hiểu đúng/);
    expect(reply?.buttons?.map((b) => b.title)).toEqual(expect.arrayContaining(['Tìm thủ tục', 'Hỏi tổ công nghệ số', 'Menu']));
    expect(reply?.buttons?.length).toBeLessThanOrEqual(5);
  });

  it('acknowledges photos and locations', async () => {
    const user = userId();
    h.fake.recordInteraction(user);
    await h.post(userImageEvent({ appId: IDS.appId, oaId: IDS.oaId, userId: user, url: 'https://example.org/a.jpg' }));
    await h.post(userLocationEvent({ appId: IDS.appId, oaId: IDS.oaId, userId: user, latitude: '15.7', longitude: '108.2' }));
    const replies = await h.waitForMessages(user, 2);
    for (const r of replies) expect(r.text).toMatch(/đã nhận được/);
  });

  it('says an old button has expired and shows the menu again', async () => {
    const user = userId();
    await h.say(user, '#q:tk:v:0'); // a choice button from a conversation that is no longer running
    const [reply] = await h.waitForMessages(user, 1);
    expect(reply?.text).toMatch(/hết hạn/);
    expect(reply?.buttons?.length).toBeGreaterThan(0);
  });

  it('does not answer an unfollow', async () => {
    const user = userId();
    h.fake.recordInteraction(user);
    await h.post({ ...followEvent({ appId: IDS.appId, oaId: IDS.oaId, userId: user }), event_name: 'unfollow' });
    await new Promise((r) => setTimeout(r, 300));
    expect(h.messages(user)).toHaveLength(0);
  });
});
