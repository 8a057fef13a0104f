/**
 * What the console must survive in a browser: a failed read while it refreshes, a malformed
 * address, a sign-in link carrying another officer's token in a signed-in tab, a citizen's hostile
 * text and photo address, and the late questions behind a crowd of newer closed ones.
 */
import { userId } from '../helpers';
import { TicketStore } from '../../src/domain/tickets/ticket-store';
import { ADMIN_TOKEN, openSignedIn, startConsoleHarness, type ConsoleHarness } from './console-harness';

jest.setTimeout(90_000);

const DAY_MS = 86_400_000;

describe('the console under failures and hostile input', () => {
  let c: ConsoleHarness;
  let store: TicketStore;

  beforeAll(async () => {
    c = await startConsoleHarness('console-robustness');
    store = new TicketStore(c.app.redis, c.app.keys);
  });
  afterAll(() => c?.close());

  const pageErrors = (problems: string[]) => problems.filter((p) => p.startsWith('page error'));

  it('a failed refresh of a ticket is said, the conversation stays, and the refreshing carries on', async () => {
    const ticket = await store.create({ citizenId: userId(), village: 'Phương Nghệ', question: 'Bao giờ có điện lại ạ?', photos: [] });
    const officer = await c.token('officer', 'Chị Yến');
    const { page, problems } = await c.page();
    let failNext = false;
    await page.route(`**/api/v1/tickets/${ticket.id}`, (route) => {
      if (!failNext) return route.continue();
      failNext = false;
      return route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: 'unavailable' }) });
    });
    await openSignedIn(page, c.origin, officer, `tickets/${ticket.id}`);
    await page.getByText('Bao giờ có điện lại ạ?').waitFor();
    failNext = true;
    const outage = page.getByRole('alert').getByText('Dịch vụ đang tạm gián đoạn, thử lại sau ít phút.');
    await outage.waitFor({ timeout: 10_000 });
    expect(await page.getByText('Bao giờ có điện lại ạ?').count()).toBe(1);
    // The citizen writes again: the next read (after a longer wait) brings it, and the error goes.
    await store.append(ticket.id, { at: new Date().toISOString(), from: 'citizen', text: 'Nhà em ở xóm 3 ạ.' });
    await page.getByText('Nhà em ở xóm 3 ạ.').waitFor({ timeout: 25_000 });
    await outage.waitFor({ state: 'detached' });
    expect(pageErrors(problems)).toEqual([]);
  });

  it('a malformed address draws the console instead of a blank page', async () => {
    const { page, problems } = await c.page();
    await page.goto(`${c.origin}/console/#token=%`);
    await page.getByLabel('Mã truy cập').waitFor();
    await openSignedIn(page, c.origin, ADMIN_TOKEN);
    await page.goto(`${c.origin}/console/#/tickets/%E0`);
    await page.getByRole('heading', { name: 'Câu hỏi', level: 1 }).waitFor();
    await page.getByRole('alert').getByText('Không tìm thấy.').waitFor();
    await page.reload();
    await page.getByRole('alert').getByText('Không tìm thấy.').waitFor();
    expect(pageErrors(problems)).toEqual([]);
  });

  it('a sign-in link with another token in a signed-in tab asks first: the officer stays until they say yes', async () => {
    const first = await c.token('officer', 'Chị An');
    const second = await c.token('officer', 'Anh Bình');
    const { page, problems } = await c.page();
    await openSignedIn(page, c.origin, first);
    await page.getByText('Chị An · Cán bộ').waitFor();
    const stored = () => page.evaluate<string | null>("sessionStorage.getItem('console.token')");
    const question = page.getByRole('alertdialog', { name: 'Đăng nhập bằng mã khác?' });

    // The link opened in the running tab: asked, the token out of the address, still Chị An; "No" keeps her.
    await page.goto(`${c.origin}/console/#token=${encodeURIComponent(second)}`);
    await question.waitFor();
    expect(page.url()).not.toContain(second);
    expect(await stored()).toBe(first);
    await page.getByText('Chị An · Cán bộ').waitFor();
    await question.getByRole('button', { name: 'Không' }).click();
    await question.waitFor({ state: 'detached' });
    expect(await stored()).toBe(first);

    // The link loaded afresh in the same tab: asked again; "Yes" switches.
    await page.evaluate(`history.replaceState(null, '', '#token=${encodeURIComponent(second)}')`);
    await page.reload();
    await question.waitFor();
    expect(page.url()).not.toContain(second);
    await page.getByText('Chị An · Cán bộ').waitFor();
    expect(await stored()).toBe(first);
    await question.getByRole('button', { name: 'Có' }).click();
    await page.getByText('Anh Bình · Cán bộ').waitFor();
    expect(await stored()).toBe(second);
    expect(problems).toEqual([]);
  });

  it('a citizen’s markup stays text and a non-https photo address becomes neither a link nor an image', async () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const ticket = await store.create({
      citizenId: userId(),
      village: 'Phương Nghệ',
      question: hostile,
      photos: ['javascript:alert(1)', 'https://example.org/anh.jpg'],
    });
    const officer = await c.token('officer', 'Chị Trang');
    const { page, problems } = await c.page();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await openSignedIn(page, c.origin, officer, `tickets/${ticket.id}`);
    const conversation = page.getByRole('list', { name: 'Trao đổi với người dân' });
    await conversation.getByText(hostile, { exact: true }).waitFor();
    await conversation.getByText('ảnh không hiển thị được').waitFor();
    expect(await conversation.locator('a[href^="javascript:"]').count()).toBe(0);
    expect(await conversation.locator('img').evaluateAll((imgs) => imgs.map((img) => img.getAttribute('src')))).toEqual([
      'https://example.org/anh.jpg',
    ]);
    expect(await conversation.locator('a').evaluateAll((links) => links.map((a) => a.getAttribute('href')))).toEqual([
      'https://example.org/anh.jpg',
    ]);
    expect(dialogs).toEqual([]);
    expect(pageErrors(problems)).toEqual([]);
  });

  it('the late view finds an old late question behind 200 newer closed ones', async () => {
    const late = await store.create(
      { citizenId: userId(), village: 'Đồng Tràm Tây', question: 'Xin hỏi thủ tục tách thửa ạ?', photos: [] },
      new Date(Date.now() - 10 * DAY_MS),
    );
    for (let i = 0; i < 200; i += 1) {
      const done = await store.create({ citizenId: userId(), village: 'Đồng Tràm Tây', question: `Câu đã xong ${i}`, photos: [] });
      await store.transition(done.id, { from: ['open'], to: 'closed', set: { closedAt: new Date().toISOString() } });
    }
    const officer = await c.token('officer', 'Anh Khoa');
    const { page, problems } = await c.page();
    await openSignedIn(page, c.origin, officer, 'tickets');
    await page.getByTestId('ticket-list').waitFor();
    await page.getByRole('button', { name: 'Trễ hạn' }).click();
    await page
      .getByTestId('ticket-list')
      .getByRole('link', { name: new RegExp(late.id) })
      .waitFor();
    expect(problems).toEqual([]);
  });
});
