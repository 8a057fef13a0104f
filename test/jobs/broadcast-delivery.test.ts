/**
 * One recipient's delivery, against the real fake Zalo and Redis, with a fake clock: the channel
 * at the 7-day window's edges, Zalo's refusals (skipped, never retried), retries and failures,
 * the night ban for templates, cancellation and counting each recipient exactly once.
 */
import { createClient } from 'redis';
import { UnrecoverableError, Worker } from 'bullmq';
import { createLogger } from '../../src/logger';
import { createMetrics } from '../../src/metrics';
import { createKeys, type Keys } from '../../src/store/keys';
import type { RedisClient } from '../../src/store/redis';
import { TokenStore } from '../../src/edge/zalo/token-store';
import { InteractionLedger } from '../../src/edge/zalo/interaction-ledger';
import { ZaloOaClient } from '../../src/edge/zalo/oa-client';
import { createFakeZalo, listenFakeZalo, type FakeZalo } from '../../src/dev/fake-zalo';
import { BroadcastStore } from '../../src/domain/broadcasts/broadcast-store';
import {
  countExhausted,
  createBroadcastDeliveryHandler,
  toConsultationMessage,
  toTemplateData,
  type BroadcastDeliveryOptions,
} from '../../src/jobs/broadcast-delivery';
import { NightBanError, RetryAtError } from '../../src/jobs/night-ban';
import { deleteKeys, IDS, uniquePrefix, userId } from '../helpers';
import { content, sendingBroadcast, writeFollower } from './broadcast-fixtures';

const CS = '/v3.0/oa/message/cs';
const TEMPLATE = '/v3.0/oa/message/template';
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const TEN_AM_VN = Date.parse('2026-11-27T10:00:00+07:00');
const logger = createLogger('silent');

describe('a broadcast delivery', () => {
  let redis: RedisClient;
  let fake: FakeZalo;
  let zalo: { url: string; close(): Promise<void> };
  let prefix: string;
  let keys: Keys;
  let store: BroadcastStore;
  let clock = TEN_AM_VN;
  let pauses: number[];

  beforeAll(async () => {
    redis = createClient();
    await redis.connect();
    fake = createFakeZalo({
      appId: IDS.appId,
      appSecret: IDS.appSecret,
      accessToken: 'access-0',
      refreshToken: 'refresh-0',
      now: () => clock,
    });
    zalo = await listenFakeZalo(fake);
  });
  beforeEach(() => {
    fake.reset();
    clock = TEN_AM_VN;
    prefix = uniquePrefix('bc-delivery');
    keys = createKeys(prefix);
    store = new BroadcastStore(redis, keys, 30, (id) => `h${id.slice(-4)}`);
    pauses = [];
  });
  afterEach(() => deleteKeys(prefix));
  afterAll(async () => {
    await zalo.close();
    await redis.close();
  });

  function handler(options: Partial<BroadcastDeliveryOptions> = {}, apiBase = zalo.url, timeoutMs = 2000) {
    const metrics = createMetrics();
    const tokens = new TokenStore(
      redis,
      keys,
      {
        appId: IDS.appId,
        appSecret: IDS.appSecret,
        oauthBase: zalo.url,
        initial: { accessToken: 'access-0', refreshToken: 'refresh-0' },
        refreshAfterMs: 12 * 3_600_000,
      },
      logger,
      metrics,
    );
    const client = new ZaloOaClient(
      { apiBase, timeoutMs, attempts: 1, buttonTemplateType: false },
      tokens,
      new InteractionLedger(redis, keys),
      metrics,
      logger,
    );
    return createBroadcastDeliveryHandler(
      { store, client, redis, keys, logger, pauseQueue: async (ms) => void pauses.push(ms) },
      { channels: ['consultation', 'template'], now: () => clock, ...options },
    );
  }

  const once = { final: false };

  it('chooses the channel at the edges of the 7-day window', async () => {
    const b = await sendingBroadcast(store, 4);
    const inside = userId();
    const outside = userId();
    await writeFollower(redis, keys, inside, { lastInteraction: clock - (7 * DAY - 60 * MINUTE) }, fake);
    await writeFollower(redis, keys, outside, { lastInteraction: clock - (7 * DAY + MINUTE) }, fake);
    const withTemplate = handler({ templateId: 'tpl-bc-1' });
    expect(await withTemplate({ broadcastId: b.id, userId: inside }, once)).toMatchObject({ outcome: 'sent' });
    expect(await withTemplate({ broadcastId: b.id, userId: outside }, once)).toMatchObject({ outcome: 'sent' });
    expect(fake.messages(inside).map((m) => m.kind)).toEqual(['cs']);
    expect(fake.messages(outside)).toEqual([
      expect.objectContaining({ kind: 'template', templateId: 'tpl-bc-1', templateData: toTemplateData(b) }),
    ]);

    const other = await sendingBroadcast(store, 2);
    expect(await handler()({ broadcastId: other.id, userId: outside }, once)).toMatchObject({ outcome: 'skipped', reason: 'no_template' });
    const consultationOnly = handler({ channels: ['consultation'], templateId: 'tpl-bc-1' });
    const third = await sendingBroadcast(store, 1);
    expect(await consultationOnly({ broadcastId: third.id, userId: outside }, once)).toMatchObject({
      outcome: 'skipped',
      reason: 'outside_window',
    });
    expect(fake.messages(outside)).toHaveLength(1);
    expect((await store.get(other.id))?.skipReasons).toEqual({ no_template: 1 });
  });

  it('skips recipients Zalo refuses as unreachable, without retrying', async () => {
    const codes = [-213, -217, -227, -230, -232, -244];
    const b = await sendingBroadcast(store, codes.length);
    const deliver = handler();
    for (const code of codes) {
      const user = userId();
      await writeFollower(redis, keys, user, {}, fake);
      fake.failNext(CS, code);
      // `final: false`: a retryable error would be thrown here; these are answered at once.
      expect(await deliver({ broadcastId: b.id, userId: user }, once)).toMatchObject({ outcome: 'skipped', reason: `zalo_${code}` });
    }
    expect(fake.sendCount).toBe(0);
    const after = await store.get(b.id);
    expect(after).toMatchObject({ status: 'done', counts: { planned: 6, sent: 0, failed: 0, skipped: 6 } });
    expect(Object.keys(after!.skipReasons).sort()).toEqual(codes.map((c) => `zalo_${c}`).sort());
  });

  it('a malformed request fails at once; a network error is retried, then fails; -32 pauses the queue', async () => {
    const b = await sendingBroadcast(store, 3);
    const [bad, down, limited] = [userId(), userId(), userId()];
    for (const u of [bad, down, limited]) await writeFollower(redis, keys, u, {}, fake);
    fake.failNext(CS, -201);
    expect(await handler()({ broadcastId: b.id, userId: bad }, once)).toMatchObject({ outcome: 'failed' });

    const unreachable = handler({}, 'http://127.0.0.1:9'); // nothing listens: ECONNREFUSED
    await expect(unreachable({ broadcastId: b.id, userId: down }, once)).rejects.toThrow(/unreachable/);
    expect((await store.get(b.id))?.counts.failed).toBe(1);
    expect(await unreachable({ broadcastId: b.id, userId: down }, { final: true })).toMatchObject({ outcome: 'failed' });

    fake.failNext(CS, -32);
    const rateLimited = handler().call(undefined, { broadcastId: b.id, userId: limited }, once);
    await expect(rateLimited).rejects.toThrow(Worker.RateLimitError().message);
    expect(pauses).toEqual([5000]);
    expect(await handler()({ broadcastId: b.id, userId: limited }, once)).toMatchObject({ outcome: 'sent' });
    expect(await store.get(b.id)).toMatchObject({ status: 'done', counts: { sent: 1, failed: 2 } });
  });

  it('a template due at 23:00 in Vietnam waits for 06:00; a consultation message goes at once', async () => {
    clock = Date.parse('2026-11-27T23:00:00+07:00');
    const b = await sendingBroadcast(store, 2);
    const [late, recent] = [userId(), userId()];
    await writeFollower(redis, keys, late, { lastInteraction: clock - 8 * DAY }, fake);
    await writeFollower(redis, keys, recent, { lastInteraction: clock - DAY }, fake);
    const deliver = handler({ templateId: 'tpl-bc-1' });
    const night = await deliver({ broadcastId: b.id, userId: late }, once).catch((err: unknown) => err);
    expect(night).toBeInstanceOf(NightBanError);
    expect(new Date((night as NightBanError).until).toISOString()).toBe(new Date('2026-11-28T06:00:00+07:00').toISOString());
    expect(await deliver({ broadcastId: b.id, userId: recent }, once)).toMatchObject({ outcome: 'sent' });
    expect((await store.get(b.id))?.counts).toMatchObject({ sent: 1, skipped: 0 });
    clock = Date.parse('2026-11-28T06:00:00+07:00');
    expect(await deliver({ broadcastId: b.id, userId: late }, once)).toMatchObject({ outcome: 'sent' });
    expect(fake.messages(late)).toEqual([expect.objectContaining({ kind: 'template' })]);
  });

  it('counts a recipient once; skips who stopped or unfollowed since; a cancelled broadcast sends nothing more', async () => {
    const b = await sendingBroadcast(store, 4);
    const [u1, stopped, gone, pending] = [userId(), userId(), userId(), userId()];
    await writeFollower(redis, keys, u1, {}, fake);
    await writeFollower(redis, keys, stopped, { stopped: true }, fake);
    await writeFollower(redis, keys, gone, { unfollowed: true }, fake);
    await writeFollower(redis, keys, pending, {}, fake);
    const deliver = handler();
    expect(await deliver({ broadcastId: b.id, userId: u1 }, once)).toMatchObject({ outcome: 'sent', counted: true });
    expect(await deliver({ broadcastId: b.id, userId: u1 }, once)).toEqual({ outcome: 'already_counted' });
    expect(await deliver({ broadcastId: b.id, userId: stopped }, once)).toMatchObject({ outcome: 'skipped', reason: 'stopped' });
    expect(await deliver({ broadcastId: b.id, userId: gone }, once)).toMatchObject({ outcome: 'skipped', reason: 'unfollowed' });
    await store.end(b.id, 'cancelled', new Date());
    expect(await deliver({ broadcastId: b.id, userId: pending }, once)).toMatchObject({ outcome: 'cancelled' });
    expect(fake.messages(u1)).toHaveLength(1);
    expect(fake.sendCount).toBe(1);
    const after = await store.get(b.id);
    expect(after).toMatchObject({
      status: 'cancelled',
      counts: { planned: 4, sent: 1, skipped: 2, cancelled: 1, failed: 0 },
      skipReasons: { stopped: 1, unfollowed: 1 },
    });
    expect(after?.finishedAt).toBeDefined();
    const log = await store.deliveryLog(b.id, 0, 10);
    expect(log).toHaveLength(4);
    expect(JSON.stringify(log)).not.toContain(u1);
  });

  it('builds one consultation message: text, image, link button (in the text when there is an image)', () => {
    const link = { title: 'Xem chi tiết', url: 'https://xuanphu.danang.gov.vn/tb/1' };
    expect(toConsultationMessage(content({ text: 'A', link }))).toEqual({
      text: 'A',
      buttons: [{ title: 'Xem chi tiết', type: 'oa.open.url', payload: { url: link.url } }],
    });
    expect(toConsultationMessage(content({ text: 'A', imageUrl: 'https://x.vn/a.jpg' }))).toEqual({
      text: 'A',
      imageUrl: 'https://x.vn/a.jpg',
    });
    expect(toConsultationMessage(content({ text: 'A', imageUrl: 'https://x.vn/a.jpg', link }))).toEqual({
      text: `A\n\nXem chi tiết: ${link.url}`,
      imageUrl: 'https://x.vn/a.jpg',
    });
    expect(toTemplateData(content({ text: 'Cắt điện\nThôn Phương Nghệ, 7:00–11:00', link }))).toEqual({
      title: 'Cắt điện',
      content: 'Cắt điện\nThôn Phương Nghệ, 7:00–11:00',
      url: link.url,
    });
  });

  it('an image with a link is one Zalo call', async () => {
    const b = await sendingBroadcast(store, 1, { imageUrl: 'https://x.vn/a.jpg', link: { title: 'Xem chi tiết', url: 'https://x.vn/tb' } });
    const user = userId();
    await writeFollower(redis, keys, user, {}, fake);
    expect(await handler()({ broadcastId: b.id, userId: user }, once)).toMatchObject({ outcome: 'sent' });
    expect(fake.messages(user)).toHaveLength(1);
    expect(fake.sendCount).toBe(1);
  });

  it('a timed-out send (outcome unknown) is counted failed, never retried', async () => {
    const b = await sendingBroadcast(store, 1);
    const user = userId();
    await writeFollower(redis, keys, user, {}, fake);
    fake.delayNext(CS, 1000);
    // `final: false`: a retryable error would be thrown here; a possible double send is not risked.
    expect(await handler({}, zalo.url, 100)({ broadcastId: b.id, userId: user }, once)).toMatchObject({ outcome: 'failed', counted: true });
    expect(await store.deliveryLog(b.id, 0, 1)).toEqual([
      expect.objectContaining({ outcome: 'failed', ambiguous: true, channel: 'consultation' }),
    ]);
    expect(await store.get(b.id)).toMatchObject({ status: 'done', counts: { failed: 1 } });
  });

  it('a consultation refused with -230 comes back as a template, one Zalo call per run, without spending an attempt', async () => {
    const b = await sendingBroadcast(store, 1);
    const user = userId();
    await writeFollower(redis, keys, user, { lastInteraction: clock - DAY }, fake);
    const deliver = handler({ templateId: 'tpl-bc-1' });
    fake.failNext(CS, -230);
    const first = await deliver({ broadcastId: b.id, userId: user }, once).catch((err: unknown) => err);
    // Parked for "now" (the worker moves it to the delayed set), not a failure that spends an attempt.
    expect(first).toBeInstanceOf(RetryAtError);
    expect(first).not.toBeInstanceOf(NightBanError);
    expect((first as RetryAtError).until).toBe(clock);
    expect(fake.messages(user)).toEqual([]);
    expect(await deliver({ broadcastId: b.id, userId: user }, once)).toMatchObject({ outcome: 'sent' });
    expect(fake.messages(user)).toEqual([expect.objectContaining({ kind: 'template' })]);
  });

  it('a -234 by day waits a few minutes, not until tomorrow morning', async () => {
    const b = await sendingBroadcast(store, 1);
    const user = userId();
    await writeFollower(redis, keys, user, { lastInteraction: clock - 8 * DAY }, fake);
    fake.failNext(TEMPLATE, -234);
    const refused = await handler({ templateId: 'tpl-bc-1' })({ broadcastId: b.id, userId: user }, once).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(NightBanError);
    expect((refused as NightBanError).until).toBe(clock + 5 * MINUTE);
  });

  it('follows BROADCAST_CHANNELS in order of preference', async () => {
    const b = await sendingBroadcast(store, 2);
    const [recent, late] = [userId(), userId()];
    await writeFollower(redis, keys, recent, { lastInteraction: clock - DAY }, fake);
    await writeFollower(redis, keys, late, { lastInteraction: clock - 8 * DAY }, fake);
    const templateFirst = handler({ channels: ['template', 'consultation'], templateId: 'tpl-bc-1' });
    expect(await templateFirst({ broadcastId: b.id, userId: recent }, once)).toMatchObject({ outcome: 'sent' });
    expect(fake.messages(recent)).toEqual([expect.objectContaining({ kind: 'template' })]);
    // Without a template the next channel is used.
    const other = await sendingBroadcast(store, 1);
    expect(await handler({ channels: ['template', 'consultation'] })({ broadcastId: other.id, userId: recent }, once)).toMatchObject({
      outcome: 'sent',
    });
    expect(fake.messages(recent).map((m) => m.kind)).toEqual(['template', 'cs']);
    expect(await handler({ channels: ['template', 'consultation'] })({ broadcastId: b.id, userId: late }, once)).toMatchObject({
      outcome: 'skipped',
      reason: 'no_template',
    });
  });

  it('a recipient whose job fails outright is still counted, so the broadcast ends', async () => {
    const b = await sendingBroadcast(store, 3);
    const [broken, exhausted, uncounted] = [userId(), userId(), userId()];
    for (const u of [broken, exhausted, uncounted]) await writeFollower(redis, keys, u, {}, fake);
    const deliver = handler();
    // Redis failing before the send: retried, and counted failed on the last attempt.
    jest.spyOn(store, 'deliveryState').mockRejectedValueOnce(new Error('Redis went away'));
    await expect(deliver({ broadcastId: b.id, userId: broken }, once)).rejects.toThrow('Redis went away');
    jest.spyOn(store, 'deliveryState').mockRejectedValueOnce(new Error('Redis went away'));
    expect(await deliver({ broadcastId: b.id, userId: broken }, { final: true })).toMatchObject({ outcome: 'failed', counted: true });
    // A job that threw on its last attempt (BullMQ's `failed` event): counted failed.
    const job = (user: string, attemptsMade: number) => ({
      data: { broadcastId: b.id, userId: user },
      attemptsMade,
      opts: { attempts: 5 },
    });
    expect(await countExhausted(store, job(exhausted, 4), new Error('boom'), new Date(clock))).toBe(false);
    expect(await countExhausted(store, job(exhausted, 5), new Error('boom'), new Date(clock))).toBe(true);
    // Sent, but the count failed: never retried (a second message), counted sent when the job fails.
    jest.spyOn(store, 'recordOutcome').mockRejectedValueOnce(new Error('Redis went away'));
    const failure = await deliver({ broadcastId: b.id, userId: uncounted }, once).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(UnrecoverableError);
    expect(await countExhausted(store, job(uncounted, 1), failure as Error, new Date(clock))).toBe(true);
    expect(fake.messages(uncounted)).toHaveLength(1);
    expect(await store.get(b.id)).toMatchObject({ status: 'done', counts: { planned: 3, sent: 1, failed: 2 } });
  });
});
