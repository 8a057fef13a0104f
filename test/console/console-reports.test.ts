/**
 * The Reports page in a browser against the whole service: the satisfaction report with ratings
 * given through the chat's buttons (the satisfied share by subject on the page, the same counts in
 * the CSV it downloads), a wrong synonym removed from the taught list, and a search synonym taught
 * from a group of unplaced questions, after which the citizen's same question lands on that
 * procedure's card.
 */
import { readFileSync } from 'node:fs';
import axios from 'axios';
import type { Page } from 'playwright-core';
import { userId } from '../helpers';
import { DossierFollows } from '../../src/domain/dossiers/dossier-follows';
import { TicketStore } from '../../src/domain/tickets/ticket-store';
import { openSignedIn, screenshot, settled, startConsoleHarness, type ConsoleHarness } from './console-harness';

jest.setTimeout(60_000);

/** The figures a section shows, label → value ("Hài lòng: Câu hỏi" → "67%"). */
async function figuresOf(page: Page): Promise<Record<string, string>> {
  const figures = page.locator('.figure');
  const entries: Array<[string, string]> = [];
  for (let i = 0; i < (await figures.count()); i += 1) {
    const figure = figures.nth(i);
    entries.push([await figure.locator('.figure-label').innerText(), await figure.locator('.figure-value').innerText()]);
  }
  return Object.fromEntries(entries);
}

describe('the Reports page in a browser', () => {
  let c: ConsoleHarness;

  beforeAll(async () => {
    c = await startConsoleHarness('console-reports');
  });
  afterAll(() => c?.close());

  it('ratings given in the chat: the satisfied share by subject on the page, the same counts in the CSV download', async () => {
    const follows = new DossierFollows(c.app.redis, c.app.keys);
    const dossierRater = userId();
    const code = '000.00.20.H47-261127-0007';
    await follows.grant(dossierRater, code);
    await follows.follow(dossierRater, code);
    await follows.rate(dossierRater, { code, procedureCode: '1.001193', level: 'dissatisfied' });
    const store = new TicketStore(c.app.redis, c.app.keys);
    for (const level of ['very_satisfied', 'satisfied', 'dissatisfied']) {
      const citizen = userId();
      c.h.fake.recordInteraction(citizen);
      const ticket = await store.create({ citizenId: citizen, village: 'Phương Nghệ', question: 'Cài VNeID thế nào?', photos: [] });
      await store.transition(ticket.id, { from: ['open'], to: 'closed', set: { closedAt: new Date().toISOString(), closedBy: 'team' } });
      expect((await c.h.exchange(citizen, `#q:tk:r:${ticket.id}:${level}`)).text).toMatch(/Cảm ơn bạn đã đánh giá/);
    }

    const officer = await c.token('officer', 'Chị Thảo');
    const { page, problems } = await c.page();
    await openSignedIn(page, c.origin, officer, 'reports');
    await settled(page);
    expect(await figuresOf(page)).toMatchObject({
      'Lượt đánh giá': '4',
      'Tỉ lệ hài lòng': '50%',
      'Hài lòng: Hồ sơ': '0%',
      'Hài lòng: Câu hỏi': '67%',
    });
    await screenshot(page, 'reports-ratings-desktop');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^ratings-\d{4}-\d\d-\d\d-\d{4}-\d\d-\d\d\.csv$/);
    const lines = readFileSync(await download.path(), 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('code,procedureCode,level,reason,at,rater,subject,ticketId,village');
    const rows = lines.slice(1).map((line) => line.split(',').map((cell) => cell.replace(/^"|"$/g, '')));
    const tally = (subject: string, level?: string) => rows.filter((r) => r[6] === subject && (!level || r[2] === level)).length;
    expect([tally('dossier'), tally('dossier', 'dissatisfied')]).toEqual([1, 1]);
    expect([tally('ticket'), tally('ticket', 'very_satisfied'), tally('ticket', 'satisfied'), tally('ticket', 'dissatisfied')]).toEqual([
      3, 1, 1, 1,
    ]);
    expect(problems).toEqual([]);
  });

  it('a wrong synonym removed from the taught list, after a confirm: the list and the API no longer have it', async () => {
    const officer = await c.token('officer', 'Chị Hằng');
    const api = { headers: { authorization: `Bearer ${officer}` } };
    await axios.post(`${c.origin}/api/v1/insights/synonyms`, { procedureCode: '1.001193', phrase: 'giấy nhầm' }, api);
    const { page, problems } = await c.page();
    await openSignedIn(page, c.origin, officer, 'reports');
    const taught = page.getByTestId('taught');
    await taught.getByText('giấy nhầm').waitFor();
    const asked: string[] = [];
    page.once('dialog', (dialog) => {
      asked.push(dialog.message());
      void dialog.accept();
    });
    await taught.getByRole('button', { name: 'Bỏ “giấy nhầm”' }).click();
    await page.getByText('Chưa dạy bot điều gì.').waitFor();
    expect(asked).toEqual([expect.stringMatching(/^Bỏ “giấy nhầm” khỏi những gì bot đã học\?/)]);
    expect((await axios.get(`${c.origin}/api/v1/insights/synonyms`, api)).data.synonyms).toEqual([]);
    expect(problems).toEqual([]);
  });

  // Last in the file: the service is restarted so its worker reads what was taught at once.
  it('a synonym taught from an unanswered group: the citizen’s same question then lands on that procedure’s card', async () => {
    const question = 'làm bìa xanh cho cháu';
    const asker = userId();
    const before = await c.h.exchange(asker, question);
    expect(before.text).toMatch(/chưa chắc đã hiểu/);

    const officer = await c.token('officer', 'Anh Quang');
    const { page, problems } = await c.page();
    await openSignedIn(page, c.origin, officer, 'reports');
    const group = page.getByTestId('unanswered-groups').locator('li', { hasText: question });
    await group.getByRole('button', { name: 'Dạy bot câu này' }).click();
    await group.getByRole('button', { name: 'Là cách gọi khác của một thủ tục' }).click();
    await group.getByLabel('Cách người dân gọi').fill('bìa xanh');
    await group.getByLabel('Mã thủ tục').fill('1.001193');
    await group.getByRole('button', { name: 'Thêm cách gọi' }).click();
    await page.getByText('Đã thêm “bìa xanh” cho thủ tục 1.001193.', { exact: false }).waitFor();
    await page.getByTestId('taught').getByText('bìa xanh').waitFor();
    expect(problems).toEqual([]);

    // A worker starting now reads what was taught (a running one looks every half minute).
    await c.app.close();
    c.h.apps.splice(c.h.apps.indexOf(c.app), 1);
    await c.h.start({ web: true, worker: true });
    const after = await c.h.exchange(asker, question);
    // The card itself, not a list to choose from.
    expect(after.text).toMatch(/“Đăng ký khai sinh”/);
    expect(after.text).not.toMatch(/Bạn chọn số đúng/);
  });
});
