/**
 * Broadcasts end to end (API → plan → deliveries → the fake Zalo) in one all-in-one process:
 * segments, the global rate limit measured per sliding 1-second window, exactly once when planned
 * twice, cancel mid-way, a recurring broadcast's occurrences.
 */
import axios from 'axios';
import { Queue, type Job } from 'bullmq';
import { createHarness, userId, waitFor, type Harness } from '../helpers';
import type { RunningApp } from '../../src/roles/app';
import { hashId, createLogger } from '../../src/logger';
import { toQueueConnection } from '../../src/store/redis';
import { broadcastDeliveryJob, QueueName, type BroadcastPlanJob } from '../../src/store/queues';
import type { Broadcast } from '../../src/domain/broadcasts/broadcast';
import { createBroadcasts } from '../../src/engine/broadcasts';
import { createBroadcastPlanner } from '../../src/jobs/broadcast-plan';
import { writeFollower, type FollowerFixture } from './broadcast-fixtures';

const RATE = 20;

describe('broadcasts through the engine', () => {
  let h: Harness;
  let app: RunningApp;
  let api: string;
  const admin = { headers: { authorization: 'Bearer test-admin-token' } };

  beforeAll(async () => {
    h = await createHarness('bc-engine', { env: { BROADCAST_RATE_PER_SEC: String(RATE) } });
    app = await h.start({ web: true, worker: true });
    api = `http://127.0.0.1:${app.port}/api/v1`;
  });
  afterAll(() => h.close());

  async function followers(count: number, f: FollowerFixture = {}): Promise<string[]> {
    const ids = Array.from({ length: count }, () => userId());
    for (const id of ids) await writeFollower(app.redis, app.keys, id, f, h.fake);
    return ids;
  }
  const create = async (body: Record<string, unknown>) =>
    (await axios.post(`${api}/broadcasts`, { text: 'Thông báo của UBND xã', ...body }, admin)).data as Broadcast;
  const read = async (id: string) => (await axios.get(`${api}/broadcasts/${id}`, admin)).data as Broadcast;
  /** Polls an async probe until it returns something. */
  async function until<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 15_000): Promise<T> {
    const started = Date.now();
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  /** Ended (`sending` starts before the plan has run) and every planned recipient counted. */
  const ended = (id: string) =>
    until(async () => {
      const b = await read(id);
      const { planned, sent, failed, skipped, cancelled } = b.counts;
      return (b.status === 'done' || b.status === 'cancelled') && sent + failed + skipped + cancelled === planned ? b : undefined;
    }, `broadcast ${id} to end`);
  /** The broadcast engine's parts on the test's Redis, for playing a plan job by hand. */
  const engineParts = () =>
    createBroadcasts({
      redis: app.redis,
      keys: app.keys,
      queueOptions: { connection: toQueueConnection(app.redis), prefix: app.keys.queuePrefix },
      commune: { villages: [], topics: [] } as never,
      logDays: 1,
      hashUser: hashId,
      logger: createLogger('silent'),
    });
  const received = (ids: string[]) => ids.map((id) => h.messages(id).length);
  const planQueue = () => new Queue(QueueName.BroadcastPlan, { connection: toQueueConnection(app.redis), prefix: app.keys.queuePrefix });

  it('reaches exactly its segment, once each, never faster than the rate in any sliding second', async () => {
    const audience = await followers(60, { village: 'Phương Nghệ', topics: ['power'] });
    const outside = [
      ...(await followers(1, { village: 'Phương Nghệ', topics: ['power'], stopped: true })),
      ...(await followers(1, { village: 'Phương Nghệ', topics: ['power'], unfollowed: true })),
      ...(await followers(1, { village: 'Phương Nghệ', topics: ['health'] })),
      ...(await followers(1, { village: 'Đồng Tràm Tây', topics: ['power'] })),
    ];
    const named = (await followers(1, { village: 'Hương Quế Đông' }))[0]!;
    const b = await create({ audience: { villages: ['Phương Nghệ'], topics: ['power'], userIds: [named] } });
    // No sendAt: it goes now, so it is sending from its creation (scheduled is for a later send).
    expect(b.status).toBe('sending');
    const done = await ended(b.id);
    expect(done).toMatchObject({ status: 'done', counts: { planned: 61, sent: 61, failed: 0, skipped: 0, cancelled: 0 } });
    expect(received([...audience, named])).toEqual(Array(61).fill(1));
    expect(received(outside)).toEqual([0, 0, 0, 0]);
    expect(h.messages(named)[0]?.text).toBe('Thông báo của UBND xã');

    // The limiter governs when deliveries start (BullMQ stamps processedOn as it admits a job); arrival
    // times at the fake Zalo would add this machine's scheduling jitter to the measure.
    const deliveries = new Queue(QueueName.BroadcastDelivery, { connection: toQueueConnection(app.redis), prefix: app.keys.queuePrefix });
    const jobs = await deliveries.getJobs(['completed']);
    await deliveries.close();
    const times = jobs
      .filter((j) => j.data.broadcastId === b.id)
      .map((j) => j.processedOn!)
      .sort((a, b) => a - b);
    expect(times).toHaveLength(61);
    const busiest = Math.max(...times.map((t, i) => times.slice(i).filter((u) => u - t < 1000).length));
    expect(busiest).toBeLessThanOrEqual(RATE * 1.1);
    const log = (await axios.get(`${api}/broadcasts/${b.id}/log?limit=100`, admin)).data.entries as Array<{
      user: string;
      outcome: string;
      channel: string;
    }>;
    expect(log).toHaveLength(61);
    expect(log.find((e) => e.user === hashId(named))).toMatchObject({ outcome: 'sent', channel: 'consultation' });
  });

  it('planned twice at once, sends each recipient one message; a repeated delivery sends nothing', async () => {
    const audience = await followers(30, { village: 'Đồng Tràm Tây', topics: ['weather'] });
    const b = await create({
      audience: { villages: ['Đồng Tràm Tây'], topics: ['weather'] },
      sendAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    const parts = engineParts();
    const plan = createBroadcastPlanner({
      ...parts,
      deliveries: parts.deliveryQueue,
      redis: app.redis,
      keys: app.keys,
      logger: createLogger('silent'),
      scheduler: { nextRun: async () => undefined, unschedule: async () => undefined },
      pageSize: 7,
    });
    const fakeJob = (): Job<BroadcastPlanJob> => {
      const job = {
        data: { broadcastId: b.id } as BroadcastPlanJob,
        opts: {},
        timestamp: Date.now(),
        updateData: async (d: BroadcastPlanJob) => void (job.data = d),
      };
      return job as unknown as Job<BroadcastPlanJob>;
    };
    await Promise.all([plan(fakeJob()), plan(fakeJob())]);
    const done = await ended(b.id);
    expect(done.counts).toMatchObject({ planned: 30, sent: 30 });
    expect(received(audience)).toEqual(Array(30).fill(1));
    // A delivery job under another id for someone already counted (a re-run) sends nothing.
    const again = broadcastDeliveryJob(b.id, audience[0]!);
    await parts.deliveryQueue.add(again.name, again.data, { ...again.opts, jobId: `again-${audience[0]}` });
    await until(
      async () => ((await parts.deliveryQueue.getJobState(`again-${audience[0]}`)) === 'completed' ? true : undefined),
      'the repeated delivery',
    );
    expect(received(audience.slice(0, 1))).toEqual([1]);
    expect((await read(b.id)).counts.sent).toBe(30);
    await parts.close();
  });

  it('cancelled mid-way: what was not sent is counted cancelled and never sent', async () => {
    const audience = await followers(60, { topics: ['meetings'] });
    const b = await create({ audience: { topics: ['meetings'] } });
    await waitFor(() => audience.filter((id) => h.messages(id).length).length >= 10, 10_000, '10 sends');
    const cancelled = (await axios.post(`${api}/broadcasts/${b.id}/cancel`, {}, admin)).data as Broadcast;
    expect(cancelled.status).toBe('cancelled');
    const after = await ended(b.id);
    await new Promise((r) => setTimeout(r, 500));
    const sent = received(audience).reduce((a, n) => a + n, 0);
    expect(after.status).toBe('cancelled');
    expect(after.counts.sent).toBe(sent);
    expect(after.counts.cancelled).toBeGreaterThan(0);
    expect(after.counts.sent + after.counts.cancelled).toBe(60);
    expect(sent).toBeLessThan(60);
    // The waiting rest was taken out of the queue, not passed through the rate-limited workers.
    const plans = planQueue();
    const purge = await plans.getJob(`purge-${b.id}`);
    await plans.close();
    expect((purge?.returnvalue as { purged: number } | undefined)?.purged).toBeGreaterThan(0);
  });

  it('a recurring broadcast plans an occurrence per run with its own counts; cancel stops the schedule', async () => {
    const audience = await followers(3, { topics: ['agriculture'] });
    const parent = await create({ audience: { topics: ['agriculture'] }, repeat: { every: 24 * 60 } });
    const first = await until(async () => (await read(parent.id)).latestOccurrence, 'the first occurrence');
    const occurrence = await ended(first);
    expect(occurrence).toMatchObject({ parentId: parent.id, status: 'done', counts: { planned: 3, sent: 3 } });
    expect(received(audience)).toEqual([1, 1, 1]);
    expect((await read(parent.id)).status).toBe('scheduled');
    expect((await axios.post(`${api}/broadcasts/${parent.id}/cancel`, {}, admin)).data.status).toBe('cancelled');
  });

  it('a recurring broadcast whose last run is past `until` ends as done', async () => {
    const audience = await followers(2, { topics: ['deadlines'] });
    const soon = Date.now() + 3_600_000;
    const parent = await create({
      audience: { topics: ['deadlines'] },
      sendAt: new Date(soon).toISOString(),
      repeat: { every: 60, until: new Date(soon + 30 * 60_000).toISOString() },
    });
    const parts = engineParts();
    // The scheduler's run at `sendAt`, played now; the next run (in an hour) would be past `until`.
    const plan = createBroadcastPlanner({
      ...parts,
      deliveries: parts.deliveryQueue,
      redis: app.redis,
      keys: app.keys,
      logger: createLogger('silent'),
      scheduler: parts.scheduler,
    });
    const job = { data: { broadcastId: parent.id }, opts: { prevMillis: soon }, timestamp: Date.now(), updateData: async () => undefined };
    await plan(job);
    expect(await ended(`${parent.id}-${soon}`)).toMatchObject({ parentId: parent.id, counts: { planned: 2, sent: 2 } });
    expect(received(audience)).toEqual([1, 1]);
    expect((await read(parent.id)).status).toBe('done');
    expect(await parts.scheduler.nextRun(parent.id)).toBeUndefined();
    await parts.close();
  });
});
