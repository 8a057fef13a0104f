/**
 * What the console must survive in a browser: a failed read while it refreshes, a malformed
 * address, a sign-in link carrying another officer's token in a signed-in tab, a citizen's hostile
 * text and photo address, and the late questions behind a crowd of newer closed ones.
 */
import { userId } from '../helpers';
import { TicketStore } from '../../src/domain/tickets/ticket-store';
import { openSignedIn, startConsoleHarness, type ConsoleHarness } from './console-harness';

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
