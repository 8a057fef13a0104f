import { Bot, GrammyError, InlineKeyboard } from 'grammy';
import { createClient } from 'redis';
import { createLogger } from '../../src/logger';
import { createMetrics } from '../../src/metrics';
import { createKeys } from '../../src/store/keys';
import type { RedisClient } from '../../src/store/redis';
import { TokenStore } from '../../src/edge/zalo/token-store';
import { InteractionLedger } from '../../src/edge/zalo/interaction-ledger';
import { ZaloOaClient } from '../../src/edge/zalo/oa-client';
import { createZaloFetch } from '../../src/engine/outbound';
import { ReplyLedger } from '../../src/engine/reply-ledger';
import { inEventScope } from '../../src/engine/event-scope';
import { BRIDGE_CODES } from '../../src/engine/transient-failure';
import { FAKE_ZALO_PATHS } from '../../src/dev/fake-zalo';
import { toTelegramId } from '../../src/engine/ids';
import { createFakeZalo, listenFakeZalo, type FakeZalo } from '../../src/dev/fake-zalo';
import { deleteKeys, IDS, uniquePrefix, userId } from '../helpers';

const logger = createLogger('silent');

describe('outbound bridge: Bot API calls → Zalo OA messages', () => {
  let redis: RedisClient;
  let fake: FakeZalo;
  let zalo: { url: string; close(): Promise<void> };
  const prefix = uniquePrefix('outbound');
  const keys = createKeys(prefix);
  let bot: Bot;
  /** The bridge as the worker wires it: inside an event, what an earlier attempt delivered is skipped. */
  let ledgerBot: Bot;
  let user: string;

  beforeAll(async () => {
    redis = createClient();
    await redis.connect();
    fake = createFakeZalo({ appId: IDS.appId, appSecret: IDS.appSecret, accessToken: 'access-0', refreshToken: 'refresh-0' });
    zalo = await listenFakeZalo(fake);
    const metrics = createMetrics();
    const tokens = new TokenStore(
      redis,
      keys,
      {
        appId: IDS.appId,
        appSecret: IDS.appSecret,
        oauthBase: zalo.url,
        initial: { accessToken: 'access-0', refreshToken: 'refresh-0' },
        refreshAfterMs: 3_600_000,
      },
      logger,
      metrics,
    );
    const client = new ZaloOaClient(
      { apiBase: zalo.url, timeoutMs: 2000, attempts: 1, buttonTemplateType: false },
      tokens,
      new InteractionLedger(redis, keys),
      metrics,
      logger,
    );
    const fetch = createZaloFetch(client, { callbackPrefix: '#q:' }, logger);
    const botOf = (f: unknown) =>
      new Bot('zalo', {
        botInfo: { id: 1, is_bot: true, first_name: 'OA', username: 'oa' } as never,
        client: { fetch: f as never, apiRoot: 'http://zalo.bridge' },
      });
    bot = botOf(fetch);
    ledgerBot = botOf(createZaloFetch(client, { callbackPrefix: '#q:', ledger: new ReplyLedger(redis, keys, logger) }, logger));
  });
  beforeEach(() => {
    user = userId();
    fake.recordInteraction(user);
  });
  afterAll(async () => {
    await zalo.close();
    await deleteKeys(prefix);
    await redis.close();
  });

  const chat = () => toTelegramId(user);

  it('sends Vietnamese text to the 19-digit user id, intact', async () => {
    const sent = await bot.api.sendMessage(chat(), 'Đăng ký khai sinh cần giấy chứng sinh ạ.');
    expect(fake.messages(user)).toEqual([expect.objectContaining({ userId: user, text: 'Đăng ký khai sinh cần giấy chứng sinh ạ.' })]);
    expect(String(sent.message_id)).toBe(fake.messages(user)[0]?.id);
  });

  it('turns callback buttons into oa.query.hide and URL buttons into oa.open.url / oa.open.phone', async () => {
    const keyboard = new InlineKeyboard()
      .text('Nhận trả lời', 'take:42')
      .row()
      .url('Nộp trực tuyến', 'https://dichvucong.gov.vn')
      .row()
      .url('Gọi trung tâm', 'tel:02353888888');
    await bot.api.sendMessage(chat(), 'Chọn:', { reply_markup: keyboard });
    expect(fake.messages(user)[0]?.buttons).toEqual([
      { title: 'Nhận trả lời', type: 'oa.query.hide', payload: '#q:take:42' },
      { title: 'Nộp trực tuyến', type: 'oa.open.url', payload: { url: 'https://dichvucong.gov.vn' } },
      { title: 'Gọi trung tâm', type: 'oa.open.phone', payload: { phone_code: '02353888888' } },
    ]);
  });

  it('refuses more than 5 buttons as a programming error, sending nothing', async () => {
    const keyboard = InlineKeyboard.from(Array.from({ length: 6 }, (_, i) => [InlineKeyboard.text(`Mục ${i}`, `m${i}`)]));
    const err = await bot.api.sendMessage(chat(), 'Quá nhiều', { reply_markup: keyboard }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GrammyError);
    expect((err as GrammyError).description).toMatch(/at most 5 buttons/);
    expect(fake.messages(user)).toHaveLength(0);
  });

  it('splits text over 2000 characters, with the buttons on the last part', async () => {
    const long = Array.from({ length: 60 }, (_, i) => `Bước ${i + 1}: công dân nộp tờ khai và xuất trình giấy tờ tùy thân.`).join('\n');
    await bot.api.sendMessage(chat(), long, { reply_markup: new InlineKeyboard().text('Menu', 'menu') });
    const parts = fake.messages(user);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect([...(part.text ?? '')].length).toBeLessThanOrEqual(2000);
    expect(parts.slice(0, -1).every((p) => !p.buttons?.length)).toBe(true);
    expect(parts.at(-1)?.buttons).toHaveLength(1);
    expect(parts.map((p) => p.text).join('\n')).toBe(long);
  });

  it('sends a photo as a media template, its caption after it', async () => {
    await bot.api.sendPhoto(chat(), 'https://example.org/mau-to-khai.png', { caption: 'Mẫu tờ khai' });
    const [image, caption] = fake.messages(user);
    expect(image?.attachment).toMatchObject({
      payload: { template_type: 'media', elements: [{ media_type: 'image', url: 'https://example.org/mau-to-khai.png' }] },
    });
    expect(caption?.text).toBe('Mẫu tờ khai');
  });

  it('answers callback queries and chat actions without calling Zalo', async () => {
    await expect(bot.api.answerCallbackQuery('abc')).resolves.toBe(true);
    await expect(bot.api.sendChatAction(chat(), 'typing')).resolves.toBe(true);
    expect(fake.sendCount).toBe(fake.messages().length);
  });

  it("surfaces Zalo's refusal as a GrammyError carrying Zalo's code", async () => {
    const outside = userId(); // no interaction at the fake: the 7-day rule refuses
    const err = await bot.api.sendMessage(toTelegramId(outside), 'x').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GrammyError);
    expect((err as GrammyError).error_code).toBe(-230);
  });

  it('a retried event does not send again the parts of a long answer an earlier attempt delivered', async () => {
    const long = Array.from({ length: 60 }, (_, i) => `Bước ${i + 1}: công dân nộp tờ khai và xuất trình giấy tờ tùy thân.`).join('\n');
    const event = { userId: user, dedupeKey: `msg-${user}` };
    const handle = () =>
      inEventScope(event, async () => {
        await ledgerBot.api.sendMessage(chat(), 'Mình gửi bạn các bước:');
        await ledgerBot.api.sendMessage(chat(), long);
      });
    // The intro and part 1 go out; part 2 meets a 503: Telegram's "retry later" for the engine.
    let sends = 0;
    const stop = fake.onMessage(() => {
      sends += 1;
      if (sends === 2) fake.failNext(FAKE_ZALO_PATHS.cs, 503, 1);
    });
    const err = await handle().catch((e: unknown) => e);
    stop();
    expect(err).toBeInstanceOf(GrammyError);
    expect((err as GrammyError).error_code).toBe(BRIDGE_CODES.retryLater);
    expect(fake.messages(user)).toHaveLength(2);
    await handle();
    const texts = fake.messages(user).map((m) => m.text);
    expect(texts).toHaveLength(3);
    expect(texts[0]).toBe('Mình gửi bạn các bước:');
    expect(texts.slice(1).join('\n')).toBe(long);
    // Another event with the same words is another answer: sent again.
    await inEventScope({ userId: user, dedupeKey: `msg2-${user}` }, () => ledgerBot.api.sendMessage(chat(), 'Mình gửi bạn các bước:'));
    expect(fake.messages(user)).toHaveLength(4);
  });

  it('reports a method Zalo has no counterpart for, instead of hanging', async () => {
    const err = await bot.api.sendDice(chat(), '🎲').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GrammyError);
    expect((err as GrammyError).error_code).toBe(501);
  });
});
