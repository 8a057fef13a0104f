/**
 * `npm run bench:broadcast`: broadcasts at scale, against a real Redis and the fake Zalo.
 *  1. 100,000 followers written under a private prefix;
 *  2. plan and enqueue of a broadcast to all of them (freeze the audience, SSCAN, addBulk), in process;
 *  3. a web and a worker process (child processes, `node dist/…` when built, else tsx) with the
 *     rate limit set very high: delivery ceiling in messages/s over the first 20,000 deliveries,
 *     and each process's peak RSS (VmHWM) while the web process takes the broadcast and the
 *     worker plans and delivers it — with Node's default heap sizing, then with a capped old space
 *     (V8 lets garbage pile up to well past the live set when it has room).
 * Figures are printed, never judged; every key is deleted at the end.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import axios from 'axios';
import { createLogger, hashId } from '../src/logger';
import { createKeys, type Keys } from '../src/store/keys';
import { closeRedis, connectRedis, toQueueConnection, type RedisClient } from '../src/store/redis';
import { createQueue, QueueName, type BroadcastPlanJob } from '../src/store/queues';
import { loadCommuneProfile } from '../src/domain/commune/commune-profile';
import { createBroadcasts } from '../src/engine/broadcasts';
import { createBroadcastPlanner } from '../src/jobs/broadcast-plan';
import { createFakeZalo, listenFakeZalo, type FakeZalo } from '../src/dev/fake-zalo';

const FOLLOWERS = 100_000;
const MEASURED_DELIVERIES = 20_000;
const WRITE_BATCH = 5_000;
const ROOT = join(__dirname, '..');
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const ADMIN = 'bench-admin-token';
const IDS = { appId: '2553928453557884079', oaSecretKey: 'bench-oa-secret', appSecret: 'bench-app-secret' };
const BUILT_MAIN = join(ROOT, 'dist/src/roles/main.js');
const HEAP_CAP = '--max-old-space-size=256';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Peak resident set size so far (kB → MB), from the kernel's high-water mark. */
function peakRssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmHWM:'));
  return Number(line?.replace(/\D+/g, '') ?? 0) / 1024;
}

function startRole(role: 'web' | 'worker', env: Record<string, string>, flags: string[]): ChildProcess {
  const main = existsSync(BUILT_MAIN) ? [BUILT_MAIN] : ['--require', 'tsx/cjs', join(ROOT, 'src/roles/main.ts')];
  return spawn(process.execPath, [...flags, ...main, role], { cwd: ROOT, env: { ...process.env, ...env }, stdio: 'ignore' });
}

async function until<T>(probe: () => Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

interface ProcessRun {
  prefix: string;
  zaloUrl: string;
  fake: FakeZalo;
  children: ChildProcess[];
}

/** One web and one worker process take a broadcast to everyone; killed after the measured deliveries. */
async function runProcesses(flags: string[], run: ProcessRun): Promise<{ spanMs: number; webMb: number; workerMb: number }> {
  const [webPort, workerPort] = [await freePort(), await freePort()];
  const env = {
    KEY_PREFIX: run.prefix,
    REDIS_URL,
    LOG_LEVEL: 'silent',
    ZALO_APP_ID: IDS.appId,
    ZALO_OA_SECRET_KEY: IDS.oaSecretKey,
    ZALO_APP_SECRET: IDS.appSecret,
    ZALO_ACCESS_TOKEN: 'access-0',
    ZALO_REFRESH_TOKEN: 'refresh-0',
    ZALO_API_BASE: run.zaloUrl,
    ZALO_OAUTH_BASE: run.zaloUrl,
    ADMIN_TOKEN: ADMIN,
    BROADCAST_RATE_PER_SEC: '1000000',
    BROADCAST_CONCURRENCY: '20',
  };
  const web = startRole('web', { ...env, PORT: String(webPort) }, flags);
  const worker = startRole('worker', { ...env, PORT: String(workerPort) }, flags);
  run.children.push(web, worker);
  const ready = (port: number) => async () => ((await axios.get(`http://127.0.0.1:${port}/readyz`)).status === 200 ? true : undefined);
  await until(ready(webPort), 60_000, 'the web process');
  await until(ready(workerPort), 60_000, 'the worker process');
  const api = `http://127.0.0.1:${webPort}/api/v1`;
  const auth = { headers: { authorization: `Bearer ${ADMIN}` } };
  const before = run.fake.sendCount;
  const { id } = (await axios.post(`${api}/broadcasts`, { text: 'Bench: bão số 13 sắp đổ bộ', audience: { all: true } }, auth)).data as {
    id: string;
  };
  await until(
    async () => (run.fake.sendCount - before >= MEASURED_DELIVERIES ? true : undefined),
    300_000,
    `${MEASURED_DELIVERIES} deliveries`,
  );
  const sent = run.fake.messages().slice(before, before + MEASURED_DELIVERIES);
  await axios.post(`${api}/broadcasts/${id}/cancel`, {}, auth);
  await sleep(2000); // the cancelled rest drains through the worker too
  const figures = { spanMs: sent[sent.length - 1]!.at - sent[0]!.at, webMb: peakRssMb(web.pid!), workerMb: peakRssMb(worker.pid!) };
  for (const child of [web, worker]) child.kill('SIGKILL');
  await sleep(300);
  return figures;
}

/** Drops every job of the broadcast queues (between runs, with no process using them). */
async function clearQueues(redis: RedisClient, keys: Keys): Promise<void> {
  const connection = { connection: toQueueConnection(redis), prefix: keys.queuePrefix };
  for (const name of [QueueName.BroadcastDelivery, QueueName.BroadcastPlan]) {
    const queue = createQueue(name, connection);
    await queue.obliterate({ force: true });
    await queue.close();
  }
}

async function main(): Promise<void> {
  const logger = createLogger('silent');
  const prefix = `bench-bc-${randomUUID().slice(0, 8)}`;
  const keys = createKeys(prefix);
  const redis = await connectRedis({ url: REDIS_URL, failFast: false, name: 'bench' }, logger);
  const children: ChildProcess[] = [];
  const fake = createFakeZalo({
    appId: IDS.appId,
    appSecret: IDS.appSecret,
    accessToken: 'access-0',
    refreshToken: 'refresh-0',
    rateLimitPerMin: 100_000_000,
    requireInteraction: false,
  });
  const zalo = await listenFakeZalo(fake);
  console.log(
    `broadcast benchmark — ${cpus().length}× ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GB, Node ${process.version}`,
  );
  try {
    // 1. Followers.
    let started = performance.now();
    const ids = Array.from({ length: FOLLOWERS }, (_, i) => `8${String(i).padStart(18, '0')}`);
    const now = String(Date.now());
    for (let i = 0; i < FOLLOWERS; i += WRITE_BATCH) {
      const batch = ids.slice(i, i + WRITE_BATCH);
      const tx = redis.multi().sAdd(keys.followersAll, batch);
      for (const id of batch) tx.hSet(keys.profile(id), { lastInteraction: now, following: '1' });
      await tx.execAsPipeline();
    }
    console.log(`followers written                 ${FOLLOWERS.toLocaleString('en')} in ${seconds(performance.now() - started)}`);

    // 2. Plan and enqueue, in process (no worker runs yet).
    const parts = createBroadcasts({
      redis,
      keys,
      queueOptions: { connection: toQueueConnection(redis), prefix: keys.queuePrefix },
      commune: loadCommuneProfile(),
      logDays: 1,
      hashUser: hashId,
      logger,
    });
    started = performance.now();
    const counted = await parts.service.countAudience({ all: true });
    console.log(`audience count (preview)          ${counted.toLocaleString('en')} in ${(performance.now() - started).toFixed(0)} ms`);
    const inAnHour = new Date(Date.now() + 3_600_000).toISOString();
    const planned = await parts.service.create(
      { text: 'Bench: lịch cắt điện', audience: { all: true }, sendAt: inAnHour },
      { kind: 'token', id: 'bench', name: 'bench' },
    );
    const plan = createBroadcastPlanner({
      ...parts,
      deliveries: parts.deliveryQueue,
      redis,
      keys,
      logger,
      scheduler: { nextRun: async () => undefined, unschedule: async () => undefined },
    });
    const job = {
      data: { broadcastId: planned.id } as BroadcastPlanJob,
      opts: {},
      timestamp: Date.now(),
      updateData: async (d: BroadcastPlanJob) => void (job.data = d),
    };
    const usedMemory = async () => Number(/used_memory:(\d+)/.exec(await redis.info('memory'))?.[1] ?? 0);
    const memoryBefore = await usedMemory();
    started = performance.now();
    const result = (await plan(job)) as { enqueued: number };
    const planMs = performance.now() - started;
    console.log(
      `plan + enqueue (freeze, SSCAN, addBulk) ${result.enqueued.toLocaleString('en')} delivery jobs in ${seconds(planMs)} (${Math.round(result.enqueued / (planMs / 1000)).toLocaleString('en')} jobs/s; aim ≤ 10 s)`,
    );
    console.log(
      `Redis memory of those queued jobs     ${(((await usedMemory()) - memoryBefore) / 2 ** 20).toFixed(0)} MB (finished ones are kept a day)`,
    );
    await parts.service.cancel(planned.id, { kind: 'token', id: 'bench', name: 'bench' });
    await parts.close();
    await clearQueues(redis, keys);

    // 3. A web and a worker process: delivery ceiling and peak RSS, without and with a heap cap.
    console.log(`processes run from ${existsSync(BUILT_MAIN) ? 'dist/ (node)' : 'src/ (tsx: adds its own memory)'}`);
    for (const flags of [[], [HEAP_CAP]]) {
      const figures = await runProcesses(flags, { prefix, zaloUrl: zalo.url, fake, children });
      console.log(`${flags.join(' ') || 'default heap'}:`);
      console.log(
        `  delivery ceiling (1 worker, concurrency 20, limit off)  ${MEASURED_DELIVERIES.toLocaleString('en')} messages in ${seconds(figures.spanMs)} = ${Math.round(MEASURED_DELIVERIES / (figures.spanMs / 1000)).toLocaleString('en')} messages/s`,
      );
      console.log(`  peak RSS (VmHWM)  web ${figures.webMb.toFixed(0)} MB, worker ${figures.workerMb.toFixed(0)} MB (aim < 300 MB each)`);
      await clearQueues(redis, keys);
    }
  } finally {
    for (const child of children) child.kill('SIGKILL');
    await sleep(500);
    for await (const batch of redis.scanIterator({ MATCH: `${prefix}:*`, COUNT: 1000 })) if (batch.length) await redis.del(batch);
    await zalo.close();
    await closeRedis(redis);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
