/**
 * The People page in a browser against the whole service: a follower list imported (dry run, then
 * written) moving the counts per village on the page; an API token for a village team shown once,
 * signing in as that team, and its revocation signing that session out; a team's members edited,
 * the new member then offered the village's next question in the fake Zalo.
 */
import type { Page } from 'playwright-core';
import { userId } from '../helpers';
import { writeFollower } from '../jobs/broadcast-fixtures';
import { ADMIN_TOKEN, openSignedIn, screenshot, settled, startConsoleHarness, type ConsoleHarness } from './console-harness';

jest.setTimeout(60_000);

/** The village filter's options, "Phương Nghệ (2)": the counts per village the page shows. */
async function villageCounts(page: Page): Promise<Record<string, number>> {
  const options = await page.getByLabel('Thôn', { exact: true }).locator('option').allInnerTexts();
  return Object.fromEntries(
    options.flatMap((text) => {
      const match = /^(.+) \((\d+)\)$/.exec(text.trim());
      return match ? [[match[1], Number(match[2])]] : [];
    }),
  );
}

describe('the People page in a browser', () => {
  let c: ConsoleHarness;

  beforeAll(async () => {
    c = await startConsoleHarness('console-people');
  });
  afterAll(() => c?.close());

  it('a follower list: the dry run reports and changes nothing, the import moves the counts per village on the page', async () => {
    const moving = userId();
    await writeFollower(c.app.redis, c.app.keys, moving, { village: 'Phương Nghệ' }, c.h.fake);
    await writeFollower(c.app.redis, c.app.keys, userId(), { village: 'Phương Nghệ' }, c.h.fake);
    await writeFollower(c.app.redis, c.app.keys, userId(), { village: 'Đồng Tràm Tây' }, c.h.fake);
    const officer = await c.token('officer', 'Chị Duyên');
    const { page, problems } = await c.page();
    await openSignedIn(page, c.origin, officer, 'people');
    await settled(page);
    const before = await villageCounts(page);
    expect(before).toMatchObject({ 'Phương Nghệ': 2, 'Đồng Tràm Tây': 1 });

    const csv = [
      'user_id,village,topics',
      `${userId()},Đồng Tràm Tây,power`,
      `${userId()},dong tram tay,`,
      `${userId()},Hương Quế Đông,health`,
      `${moving},Đồng Tràm Tây,`,
      `${userId()},Thôn Không Có,`,
    ].join('\r\n');
    await page.getByLabel('Chọn tệp CSV').setInputFiles({ name: 'nguoi-theo-doi.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Kiểm tra (chưa ghi)' }).click();
    const report = page.getByTestId('import-report');
    await report.waitFor();
    const figures = async () => (await report.locator('.report-counts > div').allInnerTexts()).map((f) => f.replace(/\s+/g, ' ').trim());
    expect(await figures()).toEqual(['Dòng đọc được 5', 'Sẽ ghi / đã ghi 4', 'Mới 3', 'Cập nhật 1', 'Dòng lỗi 1']);
    expect(await page.getByTestId('bad-rows').locator('tbody tr').first().innerText()).toMatch(/^6\s/);
    expect(await villageCounts(page)).toEqual(before);

    await page.getByRole('button', { name: 'Ghi vào hệ thống' }).click();
    await page.getByText('Đã ghi nguoi-theo-doi.csv.').waitFor();
    // The counts above move without a reload.
    await page.getByLabel('Thôn', { exact: true }).locator('option', { hasText: 'Đồng Tràm Tây (4)' }).waitFor({ state: 'attached' });
    expect(await villageCounts(page)).toEqual({
      ...before,
      'Phương Nghệ': 1,
      'Đồng Tràm Tây': 4,
      'Hương Quế Đông': (before['Hương Quế Đông'] ?? 0) + 1,
    });
    await screenshot(page, 'people-imported-desktop');
    expect(problems).toEqual([]);
  });

  it('a village team’s API token: shown once, signs in as that team (Questions only); revoked, that session’s next action signs out', async () => {
    const admin = await c.page();
    await openSignedIn(admin.page, c.origin, ADMIN_TOKEN, 'people');
    const form = admin.page.locator('form', { has: admin.page.getByRole('heading', { name: 'Tạo mã truy cập' }) });
    await form.getByLabel('Vai trò').selectOption('team');
    await form.getByLabel('Tên', { exact: true }).fill('Tổ Hương Quế Đông');
    await form.getByLabel('Thôn', { exact: true }).fill('Hương Quế Đông');
    await form.getByRole('button', { name: 'Tạo mã' }).click();
    const shown = admin.page.getByTestId('new-token');
    await shown.waitFor();
    const token = await shown.inputValue();
    expect(token.length).toBeGreaterThan(20);
    await admin.page.getByRole('rowheader', { name: 'Tổ Hương Quế Đông' }).waitFor();
    // Shown once: after a reload the list names it, but the token itself is nowhere on the page.
    await admin.page.reload();
    await admin.page.getByRole('rowheader', { name: 'Tổ Hương Quế Đông' }).waitFor();
    expect(await admin.page.getByTestId('new-token').count()).toBe(0);
    expect(await admin.page.content()).not.toContain(token);

    const team = await c.page('phone');
    await openSignedIn(team.page, c.origin, token, 'tickets');
    await team.page.getByText('Tổ Hương Quế Đông · Tổ công nghệ số · Hương Quế Đông').waitFor();
    expect(await team.page.getByRole('navigation').getByRole('link').allInnerTexts()).toEqual(['Câu hỏi']);
    await settled(team.page);

    admin.page.once('dialog', (dialog) => void dialog.accept());
    await admin.page.getByRole('button', { name: 'Thu hồi mã Tổ Hương Quế Đông' }).click();
    await admin.page.getByRole('rowheader', { name: 'Tổ Hương Quế Đông' }).waitFor({ state: 'detached' });

    // The team's next action meets the 401: signed out, told why, the token gone from the tab.
    await team.page.getByRole('button', { name: 'Đã đóng' }).click();
    await team.page.getByLabel('Mã truy cập').waitFor();
    await team.page.getByText('Phiên làm việc đã kết thúc').waitFor();
    expect(await team.page.evaluate('sessionStorage.length')).toBe(0);
    await screenshot(team.page, 'signed-out-revoked-phone');
    expect(team.problems.filter((p) => !/401/.test(p))).toEqual([]);
    expect(admin.problems).toEqual([]);
  });

  it('a team’s members edited: the new member is offered the village’s next question in Zalo', async () => {
    const member = userId();
    const { page, problems } = await c.page();
    await openSignedIn(page, c.origin, ADMIN_TOKEN, 'people');
    await page.getByRole('button', { name: 'Sửa Phương Nghệ' }).click();
    const editor = page.locator('form', { has: page.getByRole('heading', { name: 'Phương Nghệ' }) });
    await editor.getByLabel('Thành viên').fill(`${member}, Chị Vân`);
    await editor.getByRole('button', { name: 'Lưu', exact: true }).click();
    await editor.getByText('Đã lưu.').waitFor();
    await page.getByText(/Phương Nghệ · .* · 1 thành viên/).waitFor();
    // The member chatted with the OA lately, so Zalo lets the OA write to them.
    await c.h.exchange(member, 'xin chào');

    const citizen = userId();
    const offersBefore = c.h.messages(member).length;
    expect((await c.h.exchange(citizen, '#q:tk')).text).toMatch(/Bạn ở thôn nào/);
    expect((await c.h.exchange(citizen, '#q:tk:v:1')).text).toMatch(/thôn Phương Nghệ/);
    const confirmed = await c.h.exchange(citizen, 'Con muốn cài VNeID cho bố mẹ thì làm sao ạ?');
    const id = /T-\d{6}/.exec(confirmed.text ?? '')?.[0];
    expect(id).toBeDefined();
    const [offer] = (await c.h.waitForMessages(member, offersBefore + 1)).slice(offersBefore);
    expect(offer?.text).toMatch(new RegExp(`Câu hỏi mới ${id} – thôn Phương Nghệ[\\s\\S]*cài VNeID cho bố mẹ`));
    expect(problems).toEqual([]);
  });
});
