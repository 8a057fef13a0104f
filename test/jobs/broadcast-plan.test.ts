/**
 * The plan job, called directly with fake jobs against the real Redis and a delivery queue no
 * worker consumes: one run holds the plan (a second never re-freezes the audience), whether the
 * broadcast waited `scheduled` or was `sending` from its creation; a cancel mid-way counts the rest, a plan that used its last attempt ends the broadcast, and a recurring
 * run cancelled meanwhile plans nothing.
 */
import { createClient } from 'redis';
import type { Job } from 'bullmq';
import { createLogger } from '../../src/logger';
import { createKeys, type Keys } from '../../src/store/keys';
import { toQueueConnection, type RedisClient } from '../../src/store/redis';
import { createQueue, QueueName, type BroadcastDeliveryJob, type BroadcastPlanJob } from '../../src/store/queues';
import { AudienceResolver } from '../../src/domain/broadcasts/audience';
import { BroadcastStore } from '../../src/domain/broadcasts/broadcast-store';
import type { Broadcast } from '../../src/domain/broadcasts/broadcast';
import { createBroadcastPlanner, type BroadcastPlanDeps } from '../../src/jobs/broadcast-plan';
import { createBroadcastPurger } from '../../src/jobs/broadcast-purge';
import { deleteKeys, uniquePrefix, userId } from '../helpers';
import { content, writeFollower } from './broadcast-fixtures';

const logger = createLogger('silent');

describe('the broadcast plan', () => {
  let redis: RedisClient;
  let prefix: string;
  let keys: Keys;
  let store: BroadcastStore;
  let deliveries: ReturnType<typeof createQueue<BroadcastDeliveryJob>>;

  beforeAll(async () => {
    redis = createClient();
    await redis.connect();
  });
  beforeEach(() => {
    prefix = uniquePrefix('bc-plan');
    keys = createKeys(prefix);
    store = new BroadcastStore(redis, keys, 1, (id) => `h${id.slice(-4)}`);
    deliveries = createQueue<BroadcastDeliveryJob>(QueueName.BroadcastDelivery, {
      connection: toQueueConnection(redis),
      prefix: keys.queuePrefix,
    });
  });
  afterEach(async () => {
    await deliveries.close();
    await deleteKeys(prefix);
  });
  afterAll(() => redis.close());

  function planner(patch: Partial<BroadcastPlanDeps> = {}) {
    return createBroadcastPlanner({
      store,
      audience: new AudienceResolver(redis, keys),
      deliveries,
      redis,
      keys,
      logger,
      scheduler: { nextRun: async () => undefined, unschedule: async () => undefined },
      pageSize: 5,
      ...patch,
    });
  }
  function fakeJob(id: string, data: Partial<BroadcastPlanJob> & { broadcastId: string }, opts: { prevMillis?: number } = {}) {
    const job = {
      id,
      name: 'plan',
      data: { ...data },
      opts: { attempts: 10, ...opts },
      attemptsMade: 0,
      timestamp: Date.now(),
      updateData: async (d: BroadcastPlanJob) => void (job.data = d),
    };
    return job as unknown as Job<BroadcastPlanJob>;
  }
  async function followers(count: number, topic: string): Promise<string[]> {
    const ids = Array.from({ length: count }, () => userId());
    for (const id of ids) await writeFollower(redis, keys, id, { topics: [topic] });
    return ids;
  }
  const queued = async (broadcastId: string, ids: string[]) =>
    (await Promise.all(ids.map((u) => deliveries.getJob(`${broadcastId}-${u}`)))).filter(Boolean).length;
  const total = (b: Broadcast) => b.counts.sent + b.counts.failed + b.counts.skipped + b.counts.cancelled;

  it('a second run never re-freezes the audience once planned: only the run holding the plan walks it', async () => {
    await followers(12, 'power');
    const b = content({ audience: { topics: ['power'] } });
    await store.create(b, 'sending');
    // Run B read the broadcast while it was still scheduled (a duplicate job, a stale read) …
    const stale = (await store.get(b.id))!;
    await planner()(fakeJob('plan-a', { broadcastId: b.id }));
    // … and runs after A fixed `planned`, with a new follower in the segment meanwhile.
    const [late] = await followers(1, 'power');
    const staleStore = Object.assign(Object.create(store) as BroadcastStore, { get: async () => stale });
    const second = await planner({ store: staleStore })(fakeJob('plan-b', { broadcastId: b.id }));
    expect(second).toMatchObject({ enqueued: 0, heldByAnotherRun: true });
    expect(await deliveries.getJob(`${b.id}-${late}`)).toBeUndefined();
    expect((await store.get(b.id))?.counts.planned).toBe(12);
    expect(await deliveries.count()).toBe(12);
  });

  it('the holder re-run after a crash resumes from the saved cursor', async () => {
    const ids = await followers(12, 'weather');
    const b = content({ audience: { topics: ['weather'] } });
    await store.create(b, 'sending');
    // The first page went out, then the process died (the job keeps its cursor and its id).
    const crashing = Object.assign(Object.create(deliveries) as typeof deliveries, {
      addBulk: async (jobs: Parameters<typeof deliveries.addBulk>[0]) => {
        await deliveries.addBulk(jobs);
        throw new Error('killed');
      },
    });
    const job = fakeJob('plan-c', { broadcastId: b.id });
    await expect(planner({ deliveries: crashing })(job)).rejects.toThrow('killed');
    expect(await planner()(job)).toMatchObject({ status: 'sending' });
    expect(await queued(b.id, ids)).toBe(12);
  });

  it('cancelled while planning: the rest of the frozen set is counted cancelled and the broadcast ends', async () => {
    // More than a small set's compact encoding holds, so SSCAN pages by its COUNT.
    await followers(150, 'health');
    const b = content({ audience: { topics: ['health'] } });
    await store.create(b, 'scheduled');
    // The officer cancels while the first page is being added.
    let pages = 0;
    const cancelling = Object.assign(Object.create(deliveries) as typeof deliveries, {
      addBulk: async (jobs: Parameters<typeof deliveries.addBulk>[0]) => {
        pages += 1;
        const added = await deliveries.addBulk(jobs);
        if (pages === 1) await store.end(b.id, 'cancelled', new Date());
        return added;
      },
    });
    const result = await planner({ deliveries: cancelling })(fakeJob('plan-d', { broadcastId: b.id }));
    expect(pages).toBe(1);
    const firstPage = await deliveries.count();
    expect(firstPage).toBeLessThan(150);
    expect(result).toMatchObject({ status: 'cancelled', cancelled: 150 - firstPage });
    // The purge job takes out the first page (queued before the cancel).
    await createBroadcastPurger({ store, deliveries })(fakeJob('purge', { broadcastId: b.id }) as Job<{ broadcastId: string }>);
    const after = (await store.get(b.id))!;
    expect(after).toMatchObject({ status: 'cancelled', counts: { planned: 150, cancelled: 150, sent: 0 } });
    expect(total(after)).toBe(after.counts.planned);
    expect(after.finishedAt).toBeDefined();
    expect(await redis.exists(keys.broadcastAudience(b.id))).toBe(0);
  });

  it('scheduled for later: the plan at its time turns it sending and plans it once', async () => {
    const ids = await followers(7, 'security');
    const b = content({ audience: { topics: ['security'] }, sendAt: new Date(Date.now() + 3_600_000).toISOString() });
    await store.create(b, 'scheduled');
    expect(await planner()(fakeJob('plan-s', { broadcastId: b.id }))).toMatchObject({ status: 'sending', enqueued: 7 });
    expect(await store.get(b.id)).toMatchObject({ status: 'sending', counts: { planned: 7 }, startedAt: expect.any(String) });
    expect(await planner()(fakeJob('plan-s2', { broadcastId: b.id }))).toMatchObject({ enqueued: 0, heldByAnotherRun: true });
    expect(await queued(b.id, ids)).toBe(7);
  });

  it('sending from its creation and cancelled while its audience froze: nothing planned, counted or queued, and it ends', async () => {
    await followers(6, 'deadlines');
    const b = content({ audience: { topics: ['deadlines'] } });
    await store.create(b, 'sending');
    const resolver = new AudienceResolver(redis, keys);
    const cancelling = Object.assign(Object.create(resolver) as AudienceResolver, {
      freeze: async (...args: Parameters<AudienceResolver['freeze']>) => {
        const size = await resolver.freeze(...args);
        await store.end(b.id, 'cancelled', new Date());
        return size;
      },
    });
    expect(await planner({ audience: cancelling })(fakeJob('plan-x', { broadcastId: b.id }))).toMatchObject({
      status: 'cancelled',
      enqueued: 0,
    });
    const after = (await store.get(b.id))!;
    expect(after).toMatchObject({
      status: 'cancelled',
      counts: { planned: 0, sent: 0, failed: 0, skipped: 0, cancelled: 0 },
      finishedAt: expect.any(String),
    });
    expect(await deliveries.count()).toBe(0);
    expect(await redis.exists(keys.broadcastAudience(b.id))).toBe(0);
  });

  it('a plan that used its last attempt ends the broadcast: never planned → cancelled, partly planned → the rest failed', async () => {
    const ids = await followers(12, 'meetings');
    const never = content({ audience: { topics: ['meetings'] } });
    await store.create(never, 'scheduled');
    const plan = planner();
    await plan.abandon(fakeJob('plan-e', { broadcastId: never.id }), new Error('Redis went away'));
    expect(await store.get(never.id)).toMatchObject({ status: 'cancelled', finishedAt: expect.any(String) });
    // Sending from its creation, but the plan never fixed `planned`: nothing to count, so it ends cancelled too.
    const unplanned = content({ audience: { topics: ['meetings'] } });
    await store.create(unplanned, 'sending');
    await plan.abandon(fakeJob('plan-g', { broadcastId: unplanned.id }), new Error('Redis went away'));
    expect(await store.get(unplanned.id)).toMatchObject({
      status: 'cancelled',
      counts: { planned: 0, failed: 0 },
      finishedAt: expect.any(String),
    });

    const partly = content({ audience: { topics: ['meetings'] } });
    await store.create(partly, 'sending');
    const failing = Object.assign(Object.create(deliveries) as typeof deliveries, {
      addBulk: async (jobs: Parameters<typeof deliveries.addBulk>[0]) => {
        if (await deliveries.count()) throw new Error('queue full');
        return deliveries.addBulk(jobs);
      },
    });
    const job = fakeJob('plan-f', { broadcastId: partly.id });
    const err = await planner({ deliveries: failing })(job).catch((e: Error) => e);
    expect(err).toMatchObject({ message: 'queue full' });
    await plan.abandon(job, err as Error);
    // SSCAN's COUNT is a hint: the first page holds some of the set, not all of it.
    const enqueued = await queued(partly.id, ids);
    expect(enqueued).toBeGreaterThan(0);
    expect(enqueued).toBeLessThan(12);
    expect(await store.get(partly.id)).toMatchObject({ status: 'sending', counts: { planned: 12, failed: 12 - enqueued } });
    const audit = (await store.auditLog(10)) as Array<{ action: string; broadcast: string }>;
    expect(
      audit
        .filter((e) => e.action === 'plan_failed')
        .map((e) => e.broadcast)
        .sort(),
    ).toEqual([never.id, unplanned.id, partly.id].sort());
  });

  it('a recurring run whose parent was cancelled meanwhile sends nothing', async () => {
    await followers(3, 'agriculture');
    const parent = content({ audience: { topics: ['agriculture'] }, repeat: { every: 1440 } });
    await store.create(parent, 'scheduled');
    // The officer cancels between the occurrence being created and it becoming the latest one:
    // the cancel read the parent before, so it did not end this occurrence.
    const racing = Object.assign(Object.create(store) as BroadcastStore, {
      setLatestOccurrence: async (parentId: string, occurrenceId: string) => {
        await store.end(parentId, 'cancelled', new Date());
        await store.setLatestOccurrence(parentId, occurrenceId);
      },
    });
    const runAt = Date.now();
    const result = await planner({ store: racing })(fakeJob('repeat-1', { broadcastId: parent.id }, { prevMillis: runAt }));
    expect(result).toMatchObject({ status: 'cancelled', enqueued: 0 });
    expect(await store.get(`${parent.id}-${runAt}`)).toMatchObject({ status: 'cancelled', counts: { planned: 0 } });
    expect(await deliveries.count()).toBe(0);
  });
});
