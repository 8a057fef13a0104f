/**
 * The console in a real browser (Debian's chromium through playwright-core) against the whole
 * service and the fake Zalo: signing in, an announcement to one village sent to the end, a
 * question answered by a village team reaching the citizen's chat, a dossier export with a bad row
 * checked before import, and a role that may not see a page not seeing it.
 */
import axios from 'axios';
import { CronExpressionParser } from 'cron-parser';
import { userId } from '../helpers';
import { TicketStore } from '../../src/domain/tickets/ticket-store';
import { DossierStore } from '../../src/domain/dossiers/dossier-store';
import { canonicalDossierCode } from '../../src/domain/dossiers/dossier-code';
import { UnplacedLog } from '../../src/domain/insights/unplaced-log';
import { VIETNAM_TZ } from '../../src/domain/broadcasts/repeat-cron';
import { QueueBroadcastScheduler } from '../../src/engine/broadcast-scheduler';
import { createQueue, QueueName, type BroadcastPlanJob } from '../../src/store/queues';
import { toQueueConnection } from '../../src/store/redis';
import { writeFollower } from '../jobs/broadcast-fixtures';
import { ADMIN_TOKEN, openSignedIn, screenshot, startConsoleHarness, type ConsoleHarness } from './console-harness';

jest.setTimeout(60_000);

describe('the console in a browser', () => {
  let c: ConsoleHarness;

  beforeAll(async () => {
    c = await startConsoleHarness('console-flows');
  });
  afterAll(() => c?.close());

  it('signs in with a typed token, says who it is, and signs out; a wrong token is refused', async () => {
    const officer = await c.token('officer', 'Chị Lan');
    const { page, problems } = await c.page('phone');
    await page.goto(`${c.origin}/console/`);
    const field = page.getByLabel('Mã truy cập');
    await field.fill('not-a-real-token');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByText('Mã truy cập không đúng hoặc đã bị thu hồi.').waitFor();
    await field.fill(officer);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByText('Chị Lan · Cán bộ').waitFor();
    await screenshot(page, 'signed-in-phone');
    // English, then back.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('link', { name: 'Announcements' }).waitFor();
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.getByLabel('Mã truy cập').waitFor();
    expect(await page.evaluate('sessionStorage.length')).toBe(0);
    // Only the wrong token's 401 was logged by the browser.
    expect(problems.filter((p) => !/401/.test(p))).toEqual([]);
  });

  it('the dev link (#token=…) signs in and leaves the token out of the address', async () => {
    const { page } = await c.page();
    await page.goto(`${c.origin}/console/#token=${ADMIN_TOKEN}`);
    await page.getByText('ADMIN_TOKEN · Quản trị').waitFor();
    expect(page.url()).not.toContain(ADMIN_TOKEN);
  });

  it('an announcement to one village: the live count, the Zalo preview, then sent to the end with the right counts', async () => {
    const inVillage = [userId(), userId(), userId()];
    const elsewhere = [userId(), userId()];
    for (const id of inVillage) await writeFollower(c.app.redis, c.app.keys, id, { village: 'Phương Nghệ', topics: ['power'] }, c.h.fake);
    for (const id of elsewhere) await writeFollower(c.app.redis, c.app.keys, id, { village: 'Đồng Tràm Tây' }, c.h.fake);
    const officer = await c.token('officer', 'Anh Hùng');
    const { page, problems } = await c.page();
    await openSignedIn(page, c.origin, officer, 'announcements/new');

    const text = 'Thôn Phương Nghệ: sáng mai họp dân lúc 7:30 tại nhà văn hoá.';
    await page.getByLabel('Nội dung').fill(text);
    await page.getByLabel('Chữ trên nút (không bắt buộc)').fill('Xem chi tiết');
    await page.getByLabel('Đường dẫn của nút').fill('https://example.org/hop-dan');
    const preview = page.locator('.zalo-preview');
    await preview.getByText(text).waitFor();
    await preview.getByText('Xem chi tiết').waitFor();
    await page.getByRole('button', { name: 'Theo thôn' }).click();
    await page.getByRole('checkbox', { name: 'Phương Nghệ' }).check();
    await page.getByTestId('recipient-count').getByText('Sẽ gửi tới 3 người theo dõi.').waitFor();
    await screenshot(page, 'announcement-compose-desktop');
    await page.getByRole('button', { name: 'Gửi ngay' }).click();

    await page.locator('[data-testid="broadcast-status"][data-status="done"]').waitFor({ timeout: 30_000 });
    const figures = await page.getByTestId('broadcast-counts').locator('.figure').allInnerTexts();
    expect(figures.map((f) => f.replace(/\s+/g, ' ').trim())).toEqual(['3 Dự kiến', '3 Đã gửi', '0 Lỗi', '0 Bỏ qua', '0 Đã huỷ']);
    await page.getByRole('cell', { name: 'Đã gửi' }).first().waitFor();
    await screenshot(page, 'announcement-done-desktop');
    for (const id of inVillage) expect(c.h.messages(id).map((m) => m.text)).toEqual([text]);
    for (const id of elsewhere) expect(c.h.messages(id)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('an announcement scheduled for later shows as scheduled, and cancelling it stops it', async () => {
    const officer = await c.token('officer', 'Chị Ngọc');
    const { page, problems } = await c.page('phone');
    await openSignedIn(page, c.origin, officer, 'announcements/new');
    await page.getByLabel('Nội dung').fill('Lịch tiêm chủng mở rộng tuần sau.');
    await page.getByRole('button', { name: 'Hẹn giờ' }).click();
    const inAnHourInVietnam = new Date(Date.now() + 3_600_000 + 7 * 3_600_000).toISOString().slice(0, 16);
    await page.getByLabel('Gửi lúc').fill(inAnHourInVietnam);
    await page.getByRole('button', { name: 'Lên lịch' }).click();
    await page.locator('[data-testid="broadcast-status"][data-status="scheduled"]').waitFor();
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Dừng gửi' }).click();
    await page.locator('[data-testid="broadcast-status"][data-status="cancelled"]').waitFor();
    await page.getByRole('link', { name: /Các thông báo đã gửi/ }).click();
    await page.getByText('Lịch tiêm chủng mở rộng tuần sau.').waitFor();
    expect(problems).toEqual([]);
  });

  it('a weekly announcement until a date: the history shows it repeating with its next run, the API the cron sent; cancelling stops the schedule', async () => {
    const officer = await c.token('officer', 'Chị Hằng');
    const { page, problems } = await c.page();
    await openSignedIn(page, c.origin, officer, 'announcements/new');
    const text = 'Thứ Năm hằng tuần: thu gom rác thải nguy hại tại nhà văn hoá thôn.';
    await page.getByLabel('Nội dung').fill(text);
    await page.getByRole('button', { name: 'Lặp lại' }).click();
    await page.getByLabel('Lặp', { exact: true }).selectOption('weekly');
    await page.getByLabel('Vào thứ').selectOption({ label: 'Thứ Năm' });
    await page.getByLabel('Lúc', { exact: true }).fill('07:30');
    const until = new Date(Date.now() + 7 * 3_600_000 + 30 * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel('Đến hết ngày (không bắt buộc)').fill(until);
    await page.getByRole('button', { name: 'Lên lịch' }).click();
    await page.locator('[data-testid="broadcast-status"][data-status="scheduled"]').waitFor();
    const id = decodeURIComponent(page.url().split('#/announcements/')[1] ?? '');
    // The rule in the officer's words, not the cron it became.
    const untilShown = until.split('-').reverse().join('/');
    await page.getByText(`Lặp theo lịch: Hằng tuần, Thứ Năm 07:30 · đến hết ${untilShown}`).waitFor();

    const nextThursday = CronExpressionParser.parse('30 7 * * 4', { tz: VIETNAM_TZ }).next().toISOString() ?? '';
    const sent = (await axios.get(`${c.origin}/api/v1/broadcasts/${id}`, { headers: { authorization: `Bearer ${officer}` } })).data;
    expect(sent).toMatchObject({ status: 'scheduled', repeat: { cron: '30 7 * * 4' }, nextRunAt: nextThursday });
    expect(Date.parse(sent.repeat.until)).toBe(Date.parse(`${until}T23:59:00+07:00`));
    const planQueue = createQueue<BroadcastPlanJob>(QueueName.BroadcastPlan, {
      connection: toQueueConnection(c.app.redis),
      prefix: c.app.keys.queuePrefix,
    });
    const plans = new QueueBroadcastScheduler(planQueue);
    expect(await plans.nextRun(id)).toBe(Date.parse(nextThursday));

    // The history: repeating, with the next Thursday at 07:30 (Vietnam), not a "sent 0 of 0".
    await page.getByRole('link', { name: /Các thông báo đã gửi/ }).click();
    const entry = page.getByRole('link', { name: new RegExp(text.slice(0, 30)) });
    const [day, month, year] = [nextThursday.slice(8, 10), nextThursday.slice(5, 7), nextThursday.slice(2, 4)];
    await entry.getByText(`Lặp lại · lần tới 07:30 ${day}/${month}/${year}`).waitFor();
    expect(await entry.innerText()).not.toMatch(/đã gửi/);
    await screenshot(page, 'announcement-repeating-history-desktop');

    await entry.click();
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Dừng gửi' }).click();
    await page.locator('[data-testid="broadcast-status"][data-status="cancelled"]').waitFor();
    expect(await plans.nextRun(id)).toBeUndefined();
    await page.getByRole('link', { name: /Các thông báo đã gửi/ }).click();
    await entry.getByText('Đã dừng').waitFor();
    expect(await entry.innerText()).not.toMatch(/lần tới/);
    await planQueue.close();
    expect(problems).toEqual([]);
  });

  it('a village team takes a question and answers it: the answer arrives in the citizen’s Zalo chat and the question closes', async () => {
    const store = new TicketStore(c.app.redis, c.app.keys);
    const citizen = userId();
    c.h.fake.recordInteraction(citizen);
    const ticket = await store.create({
      citizenId: citizen,
      village: 'Phương Nghệ',
      question: 'Cài VNeID mức 2 thế nào ạ?',
      photos: ['https://example.org/anh-man-hinh.jpg'],
      citizenName: 'Bác Tư',
    });
    const team = await c.token('team', 'Tổ Phương Nghệ', 'Phương Nghệ');
    const { page, problems } = await c.page('phone');
    await openSignedIn(page, c.origin, team, 'tickets');
    await page.getByRole('link', { name: new RegExp(ticket.id) }).click();
    await page.getByText('Cài VNeID mức 2 thế nào ạ?').waitFor();
    await page.getByRole('img', { name: 'Ảnh người dân gửi, số 1' }).waitFor({ state: 'attached' });
    // A team closes only what it holds: no close button before taking it.
    expect(await page.getByRole('button', { name: 'Đóng câu hỏi' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Nhận xử lý' }).click();
    await page.locator('[data-testid="ticket-status"][data-status="taken"]').waitFor();
    const answer = 'Bác mang CCCD ra nhà văn hoá thôn sáng thứ Bảy, tổ cài giúp ạ.';
    await page.getByLabel('Trả lời').fill(answer);
    await page.getByRole('button', { name: 'Gửi trả lời' }).click();
    await page.getByText('Đã gửi câu trả lời tới người dân.').waitFor();
    await page.locator('[data-testid="ticket-status"][data-status="closed"]').waitFor();
    await screenshot(page, 'ticket-answered-phone');
    const texts = () => c.h.messages(citizen).map((m) => m.text ?? '');
    await c.h.waitForMessages(citizen, 2);
    expect(texts().some((m) => m.startsWith(`${answer}\n\n— Tổ công nghệ số thôn Phương Nghệ`))).toBe(true);
    // The CSP lets https: images load (the photo fails to load from example.org here: not a CSP refusal).
    expect(problems.filter((p) => /Content Security Policy/.test(p))).toEqual([]);
  });

  it('a dossier export with one bad row: the dry run reports it, nothing is written until the officer imports', async () => {
    const officer = await c.token('officer', 'Chị Mai');
    const { page } = await c.page();
    await openSignedIn(page, c.origin, officer, 'dossiers');
    const csv = [
      'STT,Mã hồ sơ,Mã thủ tục,Họ tên người nộp,Ngày tiếp nhận,Ngày hẹn trả,Trạng thái,Số điện thoại',
      '1,H12.34.56-240501-0001,1.001193,Nguyễn Văn A,01/05/2024,03/05/2024,4,0912345678',
      '2,H12.34.56-240501-0002,1.001193,Trần Thị B,hôm qua,03/05/2024,2,0987654321',
      '3,H12.34.56-240501-0003,1.001193,Lê Văn C,02/05/2024,06/05/2024,9,0901234567',
    ].join('\r\n');
    await page
      .getByLabel('Chọn tệp CSV')
      .setInputFiles({ name: 'mot-cua.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${csv}\r\n`) });
    await page.getByRole('button', { name: 'Kiểm tra (chưa ghi)' }).click();
    const report = page.getByTestId('import-report');
    await report.waitFor();
    const badRows = page.getByTestId('bad-rows').locator('tbody tr');
    expect(await badRows.count()).toBe(1);
    expect(await badRows.first().innerText()).toMatch(/^3\s+H12\.34\.56-240501-0002\s+.*Ngày tiếp nhận/);
    await screenshot(page, 'dossier-dry-run-desktop');
    const dossiers = new DossierStore(c.app.redis, c.app.keys);
    const lookup = async (code: string) => (await dossiers.find(canonicalDossierCode(code))).status === 'found';
    expect(await lookup('H12.34.56-240501-0001')).toBe(false);
    await page.getByRole('button', { name: 'Ghi vào hệ thống' }).click();
    await page.getByText('Đã ghi mot-cua.csv.').waitFor();
    expect(await lookup('H12.34.56-240501-0001')).toBe(true);
    expect(await lookup('H12.34.56-240501-0002')).toBe(false);
    // And the officer finds it.
    await page.getByLabel('Mã hồ sơ').fill('H12.34.56-240501-0003');
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    await page.getByTestId('dossier').getByText('Đã xử lý xong').waitFor();
  });

  it('an officer teaches the bot a group of unplaced questions as examples of an intent', async () => {
    const log = new UnplacedLog(c.app.redis, c.app.keys);
    for (const text of ['mật khẩu wifi trạm y tế là gì', 'mật khẩu wifi trạm y tế là gì ạ', 'Mật khẩu wifi trạm y tế là gì vậy'])
      await log.record(userId(), text, 'nothing-fits');
    const officer = await c.token('officer', 'Chị Thu');
    const { page, problems } = await c.page();
    await openSignedIn(page, c.origin, officer, 'reports');
    const groups = page.getByTestId('unanswered-groups');
    await groups.getByText(/3 lần, 3 người/).waitFor();
    await groups.getByRole('button', { name: 'Dạy bot câu này' }).first().click();
    await page.getByLabel('Người dân muốn').selectOption('out_of_scope');
    await page.getByRole('button', { name: 'Thêm làm ví dụ' }).click();
    await page.getByText(/Đã thêm [1-3] câu làm ví dụ cho “Ngoài phạm vi”/).waitFor();
    await page.getByTestId('taught').getByText('mật khẩu wifi trạm y tế là gì ạ').waitFor();
    await screenshot(page, 'reports-taught-desktop');
    expect(problems).toEqual([]);
  });

  it('a village team sees only the questions; the other pages are not drawn even by their address', async () => {
    const team = await c.token('team', 'Tổ Đồng Tràm Tây', 'Đồng Tràm Tây');
    const { page } = await c.page('phone');
    await openSignedIn(page, c.origin, team);
    const menu = await page.getByRole('navigation').getByRole('link').allInnerTexts();
    expect(menu).toEqual(['Câu hỏi']);
    await page.goto(`${c.origin}/console/#/people`);
    await page.getByRole('heading', { name: 'Câu hỏi', level: 1 }).waitFor();
    expect(await page.getByRole('heading', { name: 'Người dùng' }).count()).toBe(0);
    // An officer sees People but not the admin's staff and token sections.
    const officer = await c.token('officer', 'Cán bộ Tâm');
    const second = await c.page();
    await openSignedIn(second.page, c.origin, officer, 'people');
    await second.page.getByRole('heading', { name: 'Tổ công nghệ số các thôn' }).waitFor();
    expect(await second.page.getByRole('heading', { name: 'Mã truy cập API' }).count()).toBe(0);
    expect(await second.page.getByRole('heading', { name: 'Cán bộ', exact: true }).count()).toBe(0);
  });
});
