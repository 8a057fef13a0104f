/**
 * Every page of the console on a phone (390 px) and a desktop: a screenshot kept under
 * test-artifacts/console/, no serious or critical accessibility violation (axe-core, WCAG 2.1 A/AA:
 * labels, contrast, names, structure), no Content-Security-Policy refusal or script error, and the
 * page usable from the keyboard (the menu reached with Tab shows a visible focus).
 */
import type { Locator, Page } from 'playwright-core';
import { userId } from '../helpers';
import { TicketStore } from '../../src/domain/tickets/ticket-store';
import { writeFollower } from '../jobs/broadcast-fixtures';
import {
  ADMIN_TOKEN,
  openSignedIn,
  screenshot,
  settled,
  seriousViolations,
  startConsoleHarness,
  VIEWPORTS,
  type ConsoleHarness,
  type ViewportName,
} from './console-harness';

jest.setTimeout(90_000);

describe('every console page, phone and desktop', () => {
  let c: ConsoleHarness;
  let broadcastId: string;
  let ticketId: string;

  beforeAll(async () => {
    c = await startConsoleHarness('console-pages');
    for (const village of ['Phương Nghệ', 'Phương Nghệ', 'Đồng Tràm Tây'])
      await writeFollower(c.app.redis, c.app.keys, userId(), { village, topics: ['power', 'health'] }, c.h.fake);
    const admin = { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' };
    const created = await fetch(`${c.origin}/api/v1/broadcasts`, {
      method: 'POST',
      headers: admin,
      body: JSON.stringify({ text: 'Lịch tiêm chủng tháng này tại trạm y tế xã.', audience: { all: true } }),
    });
    broadcastId = ((await created.json()) as { id: string }).id;
    const store = new TicketStore(c.app.redis, c.app.keys);
    ticketId = (
      await store.create({
        citizenId: userId(),
        citizenName: 'Chị Hoa',
        village: 'Phương Nghệ',
        question: 'Làm lại CCDD bị mất ở đâu ạ?',
        photos: [],
      })
    ).id;
    await store.create({ citizenId: userId(), village: 'Đồng Tràm Tây', question: 'Khi nào có lịch cắt điện?', photos: [] });
  });
  afterAll(() => c?.close());

  /**
   * Each page: its route, its screenshot's name, its menu item, and for a page under another's
   * menu item what only it shows — a hash-only goto leaves the previous page drawn until the
   * console hears of it, so "some h1" could still be the last page's.
   */
  const pages = (): Array<[route: string, name: string, menuItem: string, ownMark?: (page: Page) => Locator]> => [
    ['overview', 'overview', 'Tổng quan'],
    ['announcements', 'announcements', 'Thông báo'],
    ['announcements/new', 'announcement-compose', 'Thông báo', (page) => page.getByLabel('Nội dung', { exact: true })],
    [`announcements/${broadcastId}`, 'announcement-progress', 'Thông báo', (page) => page.getByTestId('broadcast-counts')],
    ['tickets', 'tickets', 'Câu hỏi'],
    [`tickets/${ticketId}`, 'ticket-conversation', 'Câu hỏi', (page) => page.getByTestId('ticket-status')],
    ['dossiers', 'dossiers', 'Hồ sơ'],
    ['people', 'people', 'Người dùng'],
    ['reports', 'reports', 'Báo cáo'],
  ];

  it.each(Object.keys(VIEWPORTS) as ViewportName[])(
    '%s: each page drawn, screenshot kept, no serious accessibility violation',
    async (viewport) => {
      const { page, problems } = await c.page(viewport);
      await page.goto(`${c.origin}/console/`);
      await page.getByLabel('Mã truy cập').waitFor();
      await screenshot(page, `sign-in-${viewport}`);
      const found: Record<string, unknown> = {};
      const signIn = await seriousViolations(page);
      if (signIn.length) found['sign-in'] = signIn;

      await openSignedIn(page, c.origin, ADMIN_TOKEN);
      for (const [route, name, menuItem, ownMark] of pages()) {
        await page.goto(`${c.origin}/console/#/${route}`);
        await page
          .getByRole('navigation')
          .getByRole('link', { name: menuItem, exact: true })
          .and(page.locator('[aria-current="page"]'))
          .waitFor();
        await page.getByRole('heading', { name: menuItem, level: 1 }).waitFor();
        if (ownMark) await ownMark(page).waitFor();
        await settled(page);
        await screenshot(page, `${name}-${viewport}`);
        const violations = await seriousViolations(page);
        if (violations.length) found[name] = violations;
      }
      expect(found).toEqual({});
      expect(problems).toEqual([]);
    },
  );

  it('keyboard: Tab reaches the skip link, then the menu; Enter follows a link; the focus is visible', async () => {
    const { page } = await c.page('desktop');
    await openSignedIn(page, c.origin, ADMIN_TOKEN);
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Bỏ qua, tới nội dung chính');
    const outline = () => page.evaluate<string>('getComputedStyle(document.activeElement).outlineStyle');
    expect(await outline()).toBe('solid');
    // Past the header's buttons to the menu's "Thông báo".
    for (let i = 0; i < 10 && (await page.evaluate('document.activeElement.textContent')) !== 'Thông báo'; i += 1)
      await page.keyboard.press('Tab');
    expect(await outline()).toBe('solid');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Thông báo', level: 1 }).waitFor();
  });
});
