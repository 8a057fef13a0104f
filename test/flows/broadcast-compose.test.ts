import axios from 'axios';
import { createHarness, userId, type Harness } from '../helpers';
import type { RunningApp } from '../../src/roles/app';
import { FollowerRegistry } from '../../src/domain/followers/follower-registry';
import { createI18n } from '../../src/i18n';
import { invalidReason } from '../../flows/broadcast-compose';

describe('composing an announcement in the chat', () => {
  let h: Harness;
  let app: RunningApp;
  let officer: string;
  beforeAll(async () => {
    h = await createHarness('broadcast-compose');
    app = await h.start({ web: true, worker: true });
    officer = userId();
    await axios.put(
      `http://127.0.0.1:${app.port}/api/v1/staff/${officer}`,
      { role: 'officer', name: 'Chị Lan (văn hoá xã)' },
      { headers: { authorization: 'Bearer test-admin-token' } },
    );
    // Two listed followers in Phương Nghệ, one of them stopped everything; one elsewhere.
    const registry = new FollowerRegistry(app.redis, app.keys);
    const [a, b, c] = [userId(), userId(), userId()];
    await registry.update(a, { village: 'Phương Nghệ', topics: ['power'] });
    await registry.update(b, { village: 'Phương Nghệ' });
    await registry.update(c, { village: 'Đồng Tràm Tây', topics: ['power'] });
    await registry.choose(b, { stopped: true });
  });
  afterAll(() => h.close());

  const click = (user: string, data: string) => h.exchange(user, `#q:${data}`);
  const titles = (m: { buttons?: Array<{ title: string }> }) => (m.buttons ?? []).map((b) => b.title);
  const broadcastCount = () => app.redis.zCard(app.keys.broadcasts);

  it('a citizen gets a polite refusal and nothing else happens', async () => {
    const citizen = userId();
    const before = await broadcastCount();
    expect((await h.exchange(citizen, 'soạn thông báo')).text).toMatch(/chỉ dành cho cán bộ xã/);
    expect((await h.exchange(citizen, '/broadcast')).text).toMatch(/chỉ dành cho cán bộ xã/);
    // No conversation was started: the next text is an ordinary question.
    expect((await h.exchange(citizen, 'Mất điện ngày mai')).text).not.toMatch(/Gửi thông báo này cho ai/);
    expect(await broadcastCount()).toBe(before);
  });

  it('an officer: text (too long → shorten) → villages → preview with the count → Gửi ngay → queued, signed', async () => {
    expect((await h.exchange(officer, 'thong bao moi')).text).toMatch(/nội dung thông báo/);
    expect((await h.exchange(officer, 'x'.repeat(2001))).text).toMatch(/2001 ký tự, quá giới hạn 2000/);
    const text = 'Thôn Phương Nghệ: cắt điện từ 7:00 đến 11:00 ngày 30/11/2026 để sửa đường dây.';
    const audience = await h.exchange(officer, text);
    expect(titles(audience)).toEqual(['Tất cả', 'Theo thôn', 'Theo chủ đề', 'Huỷ']);
    const villages = await click(officer, 'bc:v');
    expect(titles(villages)).toEqual(['Đồng Tràm Tây', 'Phương Nghệ', 'Hương Quế Đông', 'Xong']);
    expect((await click(officer, 'bc:pd')).text).toMatch(/ít nhất một/);
    expect(titles(await click(officer, 'bc:p:1'))).toContain('✓ Phương Nghệ');
    const preview = await click(officer, 'bc:pd');
    expect(preview.text).toContain(text);
    expect(preview.text).toMatch(/Gửi đến: người dân thôn Phương Nghệ/);
    expect(preview.text).toMatch(/Số người nhận hiện tại: 1\b/);
    expect(titles(preview)).toEqual(['Gửi ngay', 'Huỷ']);
    const queued = await click(officer, 'bc:send');
    const id = /mã ([a-z0-9]+)/.exec(queued.text ?? '')?.[1];
    expect(id).toBeDefined();
    const content = JSON.parse((await app.redis.hGet(app.keys.broadcast(id!), 'content'))!);
    expect(content).toMatchObject({
      text,
      audience: { villages: ['Phương Nghệ'] },
      createdBy: { kind: 'zalo', id: officer, name: 'Chị Lan (văn hoá xã)' },
    });
  });

  it('by topic, then Huỷ: nothing is created', async () => {
    const before = await broadcastCount();
    await h.exchange(officer, 'soạn thông báo');
    await h.exchange(officer, 'Lịch cắt điện tuần sau');
    const topics = await click(officer, 'bc:t');
    expect(titles(topics)).toEqual(['Lịch cắt điện', 'Thời tiết, bão lũ', 'Y tế, tiêm chủng', 'Xem thêm', 'Xong']);
    await click(officer, 'bc:p:0');
    const preview = await click(officer, 'bc:pd');
    expect(preview.text).toMatch(/người đăng ký chủ đề: Lịch cắt điện/);
    expect(preview.text).toMatch(/Số người nhận hiện tại: 2\b/);
    expect((await click(officer, 'bc:x')).text).toMatch(/Đã huỷ/);
    expect(await broadcastCount()).toBe(before);
  });

  it('the menu button while composing leaves composing', async () => {
    await h.exchange(officer, 'soạn thông báo');
    expect((await click(officer, 'menu')).text).toMatch(/Bạn cần giúp gì/);
    expect((await h.exchange(officer, 'Họp thôn tối nay')).text).not.toMatch(/Gửi thông báo này cho ai/);
  });

  it('a role revoked before sending: refused at the last step', async () => {
    const former = userId();
    const api = `http://127.0.0.1:${app.port}/api/v1/staff/${former}`;
    const headers = { authorization: 'Bearer test-admin-token' };
    await axios.put(api, { role: 'admin', name: 'Anh Tùng' }, { headers });
    await h.exchange(former, 'soạn thông báo');
    await h.exchange(former, 'Họp thôn tối nay');
    await click(former, 'bc:all');
    await axios.delete(api, { headers });
    const before = await broadcastCount();
    expect((await click(former, 'bc:send')).text).toMatch(/chỉ dành cho cán bộ xã/);
    expect(await broadcastCount()).toBe(before);
  });

  it("the service's field errors reach the officer in their language, not the API's English", () => {
    const i18n = createI18n('vi');
    const fields = {
      'audience.villages': 'unknown village: Thôn Mới (known: …)',
      text: 'at most 2000 characters',
      sendAt: 'is in the past',
    };
    const vi = invalidReason(i18n.translator('vi'), fields);
    expect(vi).toContain(i18n.t('vi', 'compose.invalid.audience'));
    expect(vi).toContain(i18n.t('vi', 'compose.invalid.text'));
    expect(vi).toContain(i18n.t('vi', 'compose.invalid.other'));
    expect(vi).not.toMatch(/unknown|characters|past/);
    expect(invalidReason(i18n.translator('en'), { 'audience.topics': 'unknown topic: x' })).toBe(i18n.t('en', 'compose.invalid.audience'));
  });
});
