import { createHarness, IDS, userId, type Harness } from '../helpers';
import type { RunningApp } from '../../src/roles/app';
import { followEvent, unfollowEvent } from '../../src/dev/zalo-events';
import { AudienceResolver } from '../../src/domain/broadcasts/audience';
import { FollowerRegistry } from '../../src/domain/followers/follower-registry';

describe('subscription conversation through the bridge', () => {
  let h: Harness;
  let app: RunningApp;
  let registry: FollowerRegistry;
  let audience: AudienceResolver;
  beforeAll(async () => {
    h = await createHarness('subscriptions');
    app = await h.start({ web: true, worker: true });
    registry = new FollowerRegistry(app.redis, app.keys);
    audience = new AudienceResolver(app.redis, app.keys);
  });
  afterAll(() => h.close());

  const click = (user: string, data: string) => h.exchange(user, `#q:${data}`);
  const payloads = (m: { buttons?: Array<{ payload: unknown }> }) => (m.buttons ?? []).map((b) => String(b.payload).replace(/^#q:/, ''));
  const titles = (m: { buttons?: Array<{ title: string }> }) => (m.buttons ?? []).map((b) => b.title);

  it('the main menu offers "Nhận thông báo" after the lookups, the language switch last', async () => {
    const menu = await h.exchange(userId(), 'menu');
    expect(titles(menu).slice(0, 3)).toEqual(['Tra cứu hồ sơ', 'Tra cứu thủ tục', 'Nhận thông báo']);
    expect(titles(menu).at(-1)).toBe('Đổi ngôn ngữ');
  });

  it('typed phrase → settings; village by button; topics toggled with ✓; every change confirmed', async () => {
    const user = userId();
    const settings = await h.exchange(user, 'dang ky nhan thong bao');
    expect(settings.text).toMatch(/Thôn của bạn: chưa chọn/);
    expect(payloads(settings)).toEqual(['sub:v', 'sub:t:0', 'sub:stop', 'menu']);

    const ask = await click(user, 'sub:v');
    expect(ask.text).toMatch(/1\. Đồng Tràm Tây\n2\. Phương Nghệ\n3\. Hương Quế Đông/);
    expect(titles(ask)).toEqual(['Đồng Tràm Tây', 'Phương Nghệ', 'Hương Quế Đông']);
    const saved = await click(user, 'sub:vs:1');
    expect(saved.text).toMatch(/Đã lưu: bạn ở thôn Phương Nghệ. Bạn sẽ nhận mọi thông báo/); // a first choice turns every topic on
    expect(saved.text).toMatch(/Thôn của bạn: Phương Nghệ/);
    expect(saved.text).toMatch(/Chủ đề bạn nhận: Lịch cắt điện, Thời tiết, thiên tai, Y tế, tiêm chủng, Nông nghiệp, Họp thôn/);

    const topics = await click(user, 'sub:t:0');
    expect(topics.buttons!.length).toBeLessThanOrEqual(5);
    expect(titles(topics)).toEqual(['✓ Lịch cắt điện', '✓ Thời tiết, bão lũ', '✓ Y tế, tiêm chủng', 'Xem thêm', 'Xong']);
    const off = await click(user, 'sub:tt:0:power');
    expect(off.text).toMatch(/Đã tắt: bạn sẽ không nhận thông báo về "Lịch cắt điện" nữa/);
    expect(titles(off)[0]).toBe('Lịch cắt điện');
    const next = await click(user, 'sub:t:1');
    expect(titles(next)).toEqual(['✓ Nông nghiệp', '✓ Họp thôn', '✓ An ninh trật tự', 'Xem thêm', 'Xong']);
    await click(user, 'sub:tt:1:meetings');
    const on = await click(user, 'sub:tt:0:power');
    expect(on.text).toMatch(/Đã bật: bạn sẽ nhận thông báo về "Lịch cắt điện"/);
    const done = await click(user, 'sub');
    expect(done.text).not.toMatch(/Họp thôn/);

    const all = ['power', 'weather', 'health', 'agriculture', 'security', 'deadlines'];
    expect(await registry.get(user)).toMatchObject({ village: 'Phương Nghệ', stopped: false, listed: true, consentAt: expect.any(String) });
    expect([...(await registry.get(user))!.topics].sort()).toEqual([...all].sort());
    expect(await app.redis.sIsMember(app.keys.followersInVillage('Phương Nghệ'), user)).toBeTruthy();
    expect(await app.redis.sIsMember(app.keys.followersOfTopic('meetings'), user)).toBeFalsy();
    // A later change of village keeps the topics as the citizen left them.
    await click(user, 'sub:v');
    const moved = await click(user, 'sub:vs:0');
    expect(moved.text).toMatch(/Đã lưu: bạn ở thôn Đồng Tràm Tây. Từ nay/);
    expect(moved.text).not.toMatch(/Họp thôn/);
  });

  it('village typed without diacritics or by number; a wrong name is asked again', async () => {
    const user = userId();
    await h.exchange(user, 'nhận thông báo');
    await click(user, 'sub:v');
    expect((await h.exchange(user, 'phuong ngheee')).text).toMatch(/chưa tìm thấy thôn "phuong ngheee"/);
    expect((await h.exchange(user, 'phuong nghe')).text).toMatch(/Đã lưu: bạn ở thôn Phương Nghệ/);
    await click(user, 'sub:v');
    expect((await h.exchange(user, '3')).text).toMatch(/Đã lưu: bạn ở thôn Hương Quế Đông/);
    expect(await app.redis.sIsMember(app.keys.followersInVillage('Phương Nghệ'), user)).toBeFalsy();
    expect(await app.redis.sIsMember(app.keys.followersInVillage('Hương Quế Đông'), user)).toBeTruthy();
  });

  it('another button while a village is asked leaves the question and does what it says', async () => {
    const user = userId();
    await h.exchange(user, 'thông báo');
    await click(user, 'sub:v');
    expect((await click(user, 'sub:t:0')).text).toMatch(/Bấm vào một chủ đề/);
    // The question is over, but a village typed while the panel is open still says where they live.
    expect((await h.exchange(user, 'phuong nghe')).text).toMatch(/Đã lưu: bạn ở thôn Phương Nghệ/);
  });

  it("in English: settings, labels and confirmations follow the citizen's language", async () => {
    const user = userId();
    await registry.update(user, { locale: 'en' });
    const settings = await h.exchange(user, 'notifications');
    expect(settings.text).toMatch(/Your village: not chosen/);
    expect(titles(settings)).toEqual(['Choose village', 'Choose topics', 'Stop all', 'Back to menu']);
    expect(titles(await click(user, 'sub:t:0')).slice(0, 3)).toEqual(['Power cuts', 'Weather, disasters', 'Health, vaccines']);
    expect((await click(user, 'sub:tt:0:weather')).text).toMatch(/Turned on: you will receive announcements about "Weather and disasters"/);
  });

  it('stop all → excluded from every audience; choosing a topic again resumes', async () => {
    const user = userId();
    await h.exchange(user, 'nhận thông báo');
    await click(user, 'sub:tt:0:power');
    const before = await audience.count({ topics: ['power'] });
    const stopped = await h.exchange(user, 'dừng nhận thông báo');
    expect(stopped.text).toMatch(/Đã dừng/);
    expect(payloads(stopped)).toContain('sub:go');
    expect(await audience.count({ topics: ['power'] })).toBe(before - 1);
    expect(await audience.count({ userIds: [user] })).toBe(0);
    const resumed = await click(user, 'sub:tt:0:health');
    expect(resumed.text).toMatch(/Bạn đã nhận lại thông báo của xã/);
    expect(await audience.count({ userIds: [user] })).toBe(1);
    expect((await h.exchange(user, 'stop')).text).toMatch(/Đã dừng/);
    expect((await click(user, 'sub:go')).text).toMatch(/Đã bật lại/);
    expect(await audience.count({ topics: ['power'] })).toBe(before);
  });

  it('follow, unfollow and chat events keep the registry; choices survive an unfollow and return', async () => {
    const user = userId();
    const ids = { appId: IDS.appId, oaId: IDS.oaId, userId: user };
    h.fake.recordInteraction(user); // a follow opens Zalo's window, as in the real OA
    await h.post(followEvent(ids));
    await h.waitForMessages(user, 1); // the greeting
    expect(await app.redis.sIsMember(app.keys.followersAll, user)).toBeTruthy();
    await click(user, 'sub:vs:0');
    await h.post(unfollowEvent(ids));
    await waitUntil(async () => !(await app.redis.sIsMember(app.keys.followersAll, user)));
    expect(await app.redis.sIsMember(app.keys.followersInVillage('Đồng Tràm Tây'), user)).toBeFalsy();
    expect(await registry.get(user)).toMatchObject({ village: 'Đồng Tràm Tây', following: false, listed: false });
    await h.post(followEvent(ids));
    await waitUntil(() => app.redis.sIsMember(app.keys.followersInVillage('Đồng Tràm Tây'), user).then(Boolean));
  });
});

async function waitUntil(probe: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const started = Date.now();
  while (!(await probe())) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}
