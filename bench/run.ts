/**
 * `npm run bench`: throughput and latency figures for the webhook edge and the whole pipeline,
 * printed, never judged (the exit code does not depend on them). Runs in about a minute:
 *
 * 1. Baseline — a bare `http` server doing one Redis RPUSH per request, answering 200: what this
 *    machine, Node and Redis can do at best for "store the body, then acknowledge".
 * 2. Webhook — the real web role (`startApp`, no worker) under the same load, every request a
 *    freshly signed `user_send_text` with its own msg_id, over many users, so neither the
 *    signature check, the freshness check nor the dedupe can shortcut it.
 * 3. Reply latency — the all-in-one role with a listening fake Zalo: from the start of the webhook
 *    POST to the fake receiving the bot's answer for that user, users waiting for each answer.
 *
 * Load for 1 and 2 comes from autocannon in a child process (this file, forked), so the load
 * generator does not share an event loop with the server it measures. Every Redis key lives under
 * a prefix unique to this run and is deleted (SCAN + UNLINK) after each step; nothing else in
 * Redis is touched. REDIS_URL overrides redis://127.0.0.1:6379.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { createClient } from 'redis';
import { loadConfig, type Config } from '../src/config';
import { startApp, type RunningApp } from '../src/roles/app';
import { createFakeZalo, listenFakeZalo, type FakeZalo, type ListeningFakeZalo } from '../src/dev/fake-zalo';
import { signedRequest, userTextEvent } from '../src/dev/zalo-events';
import { percentiles, type Percentiles } from './percentiles';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

const LOAD = { connections: 32, warmupSec: 2, durationSec: 8 } as const;
const WEBHOOK_USERS = 1000;
const REPLY = { users: 20, messagesPerUser: 15, timeoutMs: 10_000 } as const;

const IDENTITY = { appId: '1000000000000000001', oaId: '2000000000000000002', oaSecretKey: 'bench-oa-secret-key' };
const TOKENS = { appSecret: 'bench-app-secret', accessToken: 'bench-access-token', refreshToken: 'bench-refresh-token' };
/** A citizen's question of ordinary length: it sets the size of every load-test body. */
const QUESTION = 'Cho tôi hỏi làm giấy khai sinh cho con thì cần mang theo những giấy tờ gì ạ?';
const REPLY_TEXTS = ['xin chào', QUESTION] as const;

const AIMS = { throughputRatio: 0.5, ackP99Ms: 50, replyP95Ms: 100 } as const;

// ---------------------------------------------------------------------------------------------
// Shared helpers
// ---------------------------------------------------------------------------------------------

/** Zalo user ids are 19-digit strings. */
function userId(i: number): string {
  return String(7_000_000_000_000_000_000n + BigInt(i));
}

/** 20 hex digits like Zalo's: a per-process random tag, then a counter, so none ever repeats. */
function msgIdSource(): () => string {
  const tag = randomBytes(4).toString('hex');
  let n = 0;
  return () => tag + (n++).toString(16).padStart(12, '0');
}

function signedText(user: string, msgId: string, text: string) {
  return signedRequest(userTextEvent({ appId: IDENTITY.appId, oaId: IDENTITY.oaId, userId: user, msgId, text }), IDENTITY);
}

const ms = (v: number) => (Number.isFinite(v) ? `${v.toFixed(1)} ms` : 'n/a');
const pad = (s: string, n: number) => s.padEnd(n);

// ---------------------------------------------------------------------------------------------
// Load generator (child process)
// ---------------------------------------------------------------------------------------------

type LoadMode = { kind: 'fixed'; body: string; headers: Record<string, string> } | { kind: 'signed'; users: number; text: string };

interface LoadCommand {
  url: string;
  connections: number;
  durationSec: number;
  mode: LoadMode;
}

interface LoadStats {
  responses: number;
  elapsedSec: number;
  rps: number;
  latency: Percentiles;
  statusCodes: Record<string, number>;
  errors: number;
  timeouts: number;
  bodyBytes: number;
}

async function childMain(): Promise<void> {
  const nextMsgId = msgIdSource();
  process.on('disconnect', () => process.exit(0));
  process.on('message', (command: LoadCommand) => {
    runLoad(command, nextMsgId).then(
      (stats) => process.send?.({ ok: true, stats }),
      (err: unknown) => process.send?.({ ok: false, error: String(err) }),
    );
  });
  process.send?.({ ready: true });
}

async function runLoad(command: LoadCommand, nextMsgId: () => string): Promise<LoadStats> {
  const { mode } = command;
  let bodyBytes: number;
  let request: autocannon.Request;
  if (mode.kind === 'fixed') {
    const body = Buffer.from(mode.body, 'base64');
    bodyBytes = body.length;
    request = { method: 'POST', path: '/', body, headers: mode.headers };
  } else {
    let n = 0;
    const first = signedText(userId(0), nextMsgId(), mode.text);
    bodyBytes = first.body.length;
    request = {
      method: 'POST',
      path: '/webhook/zalo',
      // A fresh event per request: new msg_id, next user, current timestamp, its own signature.
      setupRequest: (req) => {
        const { body, headers } = signedText(userId(n++ % mode.users), nextMsgId(), mode.text);
        return { ...req, body, headers: { ...req.headers, ...headers } };
      },
    };
  }
  const url = new URL(command.url);
  const latencies: number[] = [];
  const statusCodes: Record<string, number> = {};
  const started = performance.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url: url.origin, connections: command.connections, duration: command.durationSec, requests: [request] },
      (err, done) => (err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve(done)),
    );
    // Raw response times (ms, fractional): autocannon's own histogram keeps whole milliseconds.
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      latencies.push(responseTime);
      statusCodes[statusCode] = (statusCodes[statusCode] ?? 0) + 1;
    });
  });
  const elapsedSec = (performance.now() - started) / 1000;
  return {
    responses: latencies.length,
    elapsedSec,
    rps: latencies.length / elapsedSec,
    latency: percentiles(latencies),
    statusCodes,
    errors: result.errors,
    timeouts: result.timeouts,
    bodyBytes,
  };
}

/** Forks this file as the load generator; commands run one at a time. */
async function startLoader() {
  const child: ChildProcess = fork(__filename, ['--load-generator'], { execArgv: process.execArgv, stdio: 'inherit' });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`load generator exited (${String(code)})`)));
  });
  return {
    run(command: LoadCommand): Promise<LoadStats> {
      return new Promise((resolve, reject) => {
        const onExit = (code: number | null) => reject(new Error(`load generator exited (${String(code)})`));
        child.once('exit', onExit);
        child.once('message', (answer: { ok: true; stats: LoadStats } | { ok: false; error: string }) => {
          child.off('exit', onExit);
          if (answer.ok) resolve(answer.stats);
          else reject(new Error(answer.error));
        });
        child.send(command);
      });
    },
    stop(): void {
      if (child.connected) child.disconnect();
      if (child.exitCode === null) child.kill();
    },
  };
}

type Loader = Awaited<ReturnType<typeof startLoader>>;

interface Measured extends LoadStats {
  /** CPU time of this process (the server under test) per response, user + system, µs. */
  serverCpuUsPerReq: number;
  /** Of one core; above 100 % when libuv and GC threads help. */
  serverCpuPct: number;
}

/** A short unmeasured warm-up (JIT, connection pools), then the measured run. */
async function warmAndMeasure(loader: Loader, command: Omit<LoadCommand, 'durationSec'>): Promise<Measured> {
  await loader.run({ ...command, durationSec: LOAD.warmupSec });
  const cpuBefore = process.cpuUsage();
  const stats = await loader.run({ ...command, durationSec: LOAD.durationSec });
  const cpu = process.cpuUsage(cpuBefore);
  const cpuUs = cpu.user + cpu.system;
  return { ...stats, serverCpuUsPerReq: cpuUs / Math.max(1, stats.responses), serverCpuPct: cpuUs / 1e4 / stats.elapsedSec };
}

// ---------------------------------------------------------------------------------------------
// Redis housekeeping
// ---------------------------------------------------------------------------------------------

type BenchRedis = ReturnType<typeof createClient>;

/** Deletes exactly this run's keys: SCAN MATCH <prefix>:* then UNLINK. */
async function deleteKeys(redis: BenchRedis, prefix: string): Promise<number> {
  let deleted = 0;
  for await (const keys of redis.scanIterator({ MATCH: `${prefix}:*`, COUNT: 1000 })) {
    if (keys.length > 0) deleted += await redis.unlink(keys);
  }
  return deleted;
}

// ---------------------------------------------------------------------------------------------
// The service under test
// ---------------------------------------------------------------------------------------------

function benchConfig(keyPrefix: string, fakeUrl: string): Readonly<Config> {
  return loadConfig({
    PORT: '0',
    REDIS_URL,
    KEY_PREFIX: keyPrefix,
    LOG_LEVEL: 'silent',
    ZALO_APP_ID: IDENTITY.appId,
    ZALO_OA_ID: IDENTITY.oaId,
    ZALO_OA_SECRET_KEY: IDENTITY.oaSecretKey,
    ZALO_APP_SECRET: TOKENS.appSecret,
    ZALO_ACCESS_TOKEN: TOKENS.accessToken,
    ZALO_REFRESH_TOKEN: TOKENS.refreshToken,
    ZALO_API_BASE: fakeUrl,
    ZALO_OAUTH_BASE: fakeUrl,
    ADMIN_TOKEN: 'bench-admin-token',
  });
}

async function startFake(requireInteraction: boolean): Promise<{ fake: FakeZalo; listening: ListeningFakeZalo }> {
  const fake = createFakeZalo({
    appId: IDENTITY.appId,
    appSecret: TOKENS.appSecret,
    accessToken: TOKENS.accessToken,
    refreshToken: TOKENS.refreshToken,
    requireInteraction,
    rateLimitPerMin: 1_000_000,
  });
  return { fake, listening: await listenFakeZalo(fake) };
}

// ---------------------------------------------------------------------------------------------
// Steps
// ---------------------------------------------------------------------------------------------

function sampleBody(): Buffer {
  return signedText(userId(0), msgIdSource()(), QUESTION).body;
}

async function baselineStep(loader: Loader, prefix: string): Promise<Measured> {
  const redis = createClient({ url: REDIS_URL });
  await redis.connect();
  const key = `${prefix}:baseline`;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      redis.rPush(key, Buffer.concat(chunks)).then(
        () => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end('{"ok":true}');
        },
        () => {
          res.writeHead(503);
          res.end();
        },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  try {
    const body = sampleBody();
    return await warmAndMeasure(loader, {
      url: `http://127.0.0.1:${port}`,
      connections: LOAD.connections,
      mode: { kind: 'fixed', body: body.toString('base64'), headers: { 'content-type': 'application/json' } },
    });
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await redis.close();
  }
}

async function webhookStep(loader: Loader, prefix: string): Promise<Measured> {
  const { listening } = await startFake(false);
  let app: RunningApp | undefined;
  try {
    app = await startApp(benchConfig(prefix, listening.url), { web: true, worker: false });
    return await warmAndMeasure(loader, {
      url: `http://127.0.0.1:${app.port}`,
      connections: LOAD.connections,
      mode: { kind: 'signed', users: WEBHOOK_USERS, text: QUESTION },
    });
  } finally {
    await app?.close();
    await listening.close();
  }
}

interface ReplyStats {
  /** Process CPU per measured reply (ms). */
  cpuPerReplyMs: number;
  reply: Percentiles;
  ack: Percentiles;
  non200: Record<string, number>;
  timedOut: number;
  unexpectedReplies: number;
  elapsedSec: number;
}

function post(agent: http.Agent, port: number, body: Buffer, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: '/webhook/zalo',
        method: 'POST',
        agent,
        headers: { ...headers, 'content-length': String(body.length) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function replyStep(prefix: string): Promise<ReplyStats> {
  const { fake, listening } = await startFake(true);
  const agent = new http.Agent({ keepAlive: true, maxSockets: REPLY.users });
  const nextMsgId = msgIdSource();
  const waiting = new Map<string, (at: number) => void>();
  let unexpectedReplies = 0;
  fake.onMessage((message) => {
    const at = performance.now();
    const resolve = waiting.get(message.userId);
    if (!resolve) {
      unexpectedReplies += 1;
      return;
    }
    waiting.delete(message.userId);
    resolve(at);
  });
  const users = Array.from({ length: REPLY.users }, (_, i) => userId(100_000 + i));
  for (const user of users) fake.recordInteraction(user);

  const replies: number[] = [];
  const acks: number[] = [];
  const non200: Record<string, number> = {};
  let timedOut = 0;
  let app: RunningApp | undefined;

  async function exchange(user: string, text: string, measured: boolean): Promise<void> {
    const { body, headers } = signedText(user, nextMsgId(), text);
    let timer: NodeJS.Timeout | undefined;
    const replied = new Promise<number | undefined>((resolve) => {
      waiting.set(user, resolve);
      timer = setTimeout(() => resolve(undefined), REPLY.timeoutMs);
    });
    const start = performance.now();
    const status = await post(agent, app!.port, body, headers);
    const acked = performance.now();
    if (status !== 200) {
      non200[status] = (non200[status] ?? 0) + 1;
      waiting.delete(user);
      clearTimeout(timer);
      return;
    }
    const at = await replied;
    clearTimeout(timer);
    if (at === undefined) {
      waiting.delete(user);
      timedOut += 1;
      return;
    }
    if (!measured) return;
    acks.push(acked - start);
    replies.push(at - start);
  }

  const started = performance.now();
  // CPU of the whole process (intake, worker, grammY, flows, the fake Zalo): steadier on a noisy VM than wall-clock latency.
  let cpuBefore: NodeJS.CpuUsage;
  let cpuPerReplyMs: number;
  try {
    app = await startApp(benchConfig(prefix, listening.url), { web: true, worker: true });
    // Warm-up: one unmeasured exchange per user (first conversation state, JIT).
    await Promise.all(users.map((user) => exchange(user, REPLY_TEXTS[0], false)));
    cpuBefore = process.cpuUsage();
    await Promise.all(
      users.map(async (user, u) => {
        for (let i = 0; i < REPLY.messagesPerUser; i += 1) await exchange(user, REPLY_TEXTS[(u + i) % REPLY_TEXTS.length]!, true);
      }),
    );
    const cpu = process.cpuUsage(cpuBefore);
    cpuPerReplyMs = (cpu.user + cpu.system) / 1000 / Math.max(1, replies.length);
  } finally {
    agent.destroy();
    await app?.close();
    await listening.close();
  }
  return {
    cpuPerReplyMs,
    reply: percentiles(replies),
    ack: percentiles(acks),
    non200,
    timedOut,
    unexpectedReplies,
    elapsedSec: (performance.now() - started) / 1000,
  };
}

// ---------------------------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------------------------

function non200Of(stats: LoadStats): { count: number; detail: string } {
  const entries = Object.entries(stats.statusCodes).filter(([code]) => code !== '200');
  const count = entries.reduce((sum, [, n]) => sum + n, 0);
  return { count, detail: entries.length ? ` (${entries.map(([c, n]) => `${c}×${n}`).join(', ')})` : '' };
}

function printLoad(title: string, stats: Measured): void {
  const bad = non200Of(stats);
  console.log(`\n${title}`);
  console.log(
    `  ${stats.responses} responses in ${stats.elapsedSec.toFixed(1)} s, ${LOAD.connections} connections, ${stats.bodyBytes}-byte bodies`,
  );
  console.log(`  throughput  ${stats.rps.toFixed(0)} req/s`);
  console.log(`  latency     p50 ${ms(stats.latency.p50)}   p99 ${ms(stats.latency.p99)}   max ${ms(stats.latency.max)}`);
  console.log(`  non-200     ${bad.count}${bad.detail}   socket errors ${stats.errors} (timeouts ${stats.timeouts})`);
  console.log(`  server CPU  ${stats.serverCpuUsPerReq.toFixed(0)} µs per request (${stats.serverCpuPct.toFixed(0)} % of a core)`);
}

/** Share of all cores' time spent busy over the next `ms`. */
async function busyShare(ms: number): Promise<number> {
  const sample = () =>
    os.cpus().reduce(
      (acc, { times }) => ({
        idle: acc.idle + times.idle,
        total: acc.total + times.user + times.nice + times.sys + times.idle + times.irq,
      }),
      { idle: 0, total: 0 },
    );
  const before = sample();
  await new Promise((resolve) => setTimeout(resolve, ms));
  const after = sample();
  const total = after.total - before.total;
  return total > 0 ? 1 - (after.idle - before.idle) / total : 0;
}

async function main(): Promise<void> {
  const runTag = `${process.pid.toString(36)}${randomBytes(3).toString('hex')}`;
  const prefixes = { baseline: `zoa-bench-${runTag}-base`, webhook: `zoa-bench-${runTag}-web`, reply: `zoa-bench-${runTag}-all` };
  const redis = createClient({ url: REDIS_URL });
  await redis.connect();
  const redisVersion = /redis_version:(\S+)/.exec(await redis.info('server'))?.[1] ?? '?';
  console.log(`zoa bench · Redis ${redisVersion} at ${REDIS_URL} · key prefix zoa-bench-${runTag}-*`);
  // Server, load generator and Redis already share the cores: anything else running skews every figure.
  const busy = await busyShare(1000);
  if (busy > 0.15)
    console.log(
      `  note: the CPUs were ${(busy * 100).toFixed(0)} % busy before start — other work on this machine will depress the figures`,
    );

  const cleanup = async (prefix: string) => {
    const deleted = await deleteKeys(redis, prefix);
    console.log(`  (deleted ${deleted} keys under ${prefix}:*)`);
  };
  let loader: Loader | undefined;
  let interrupted = false;
  const onSignal = () => {
    interrupted = true;
    loader?.stop();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    loader = await startLoader();
    const baseline = await baselineStep(loader, prefixes.baseline);
    printLoad('1. Baseline: bare http server + one RPUSH per request', baseline);
    await cleanup(prefixes.baseline);

    const webhook = await webhookStep(loader, prefixes.webhook);
    const ratio = webhook.rps / baseline.rps;
    printLoad('2. Webhook: web role, signed user_send_text, distinct msg_id, 1000 users', webhook);
    console.log(`  ratio       ${ratio.toFixed(2)}× baseline throughput`);
    await cleanup(prefixes.webhook);
    loader.stop();

    const reply = await replyStep(prefixes.reply);
    console.log(
      `\n3. Reply latency: all-in-one role, ${REPLY.users} users × ${REPLY.messagesPerUser} messages, each sent after the previous reply`,
    );
    console.log(`  ${reply.reply.count} replies in ${reply.elapsedSec.toFixed(1)} s (after ${REPLY.users} warm-up exchanges)`);
    console.log(
      `  POST start → reply at fake Zalo   p50 ${ms(reply.reply.p50)}   p95 ${ms(reply.reply.p95)}   p99 ${ms(reply.reply.p99)}   max ${ms(reply.reply.max)}`,
    );
    console.log(`  process CPU per reply             ${ms(reply.cpuPerReplyMs)}`);
    console.log(`  POST start → 200 ack              p50 ${ms(reply.ack.p50)}   p95 ${ms(reply.ack.p95)}   p99 ${ms(reply.ack.p99)}`);
    const replyNon200 = Object.entries(reply.non200);
    console.log(
      `  non-200 ${replyNon200.reduce((s, [, n]) => s + n, 0)}${replyNon200.length ? ` (${replyNon200.map(([c, n]) => `${c}×${n}`).join(', ')})` : ''}` +
        `   no reply within ${REPLY.timeoutMs / 1000} s ${reply.timedOut}   replies nobody waited for ${reply.unexpectedReplies}`,
    );
    await cleanup(prefixes.reply);

    const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
    const rows: Array<[string, string, boolean]> = [
      [
        `webhook throughput ≥ ${AIMS.throughputRatio}× baseline`,
        `${ratio.toFixed(2)}× (${webhook.rps.toFixed(0)} / ${baseline.rps.toFixed(0)} req/s)`,
        ratio >= AIMS.throughputRatio,
      ],
      [`webhook p99 ack < ${AIMS.ackP99Ms} ms`, ms(webhook.latency.p99), webhook.latency.p99 < AIMS.ackP99Ms],
      [`reply p95 < ${AIMS.replyP95Ms} ms`, ms(reply.reply.p95), reply.reply.p95 < AIMS.replyP95Ms],
    ];
    console.log(`\nMachine: ${cpu} · ${os.cpus().length} cores · Node ${process.version} · ${os.platform()} ${os.release()}`);
    console.log(`  ${pad('aim', 36)}${pad('measured', 34)}within aim`);
    for (const [aim, measured, met] of rows) console.log(`  ${pad(aim, 36)}${pad(measured, 34)}${met ? 'yes' : 'no'}`);
  } catch (err) {
    // A crash is not a figure: it is reported and fails the command.
    if (!interrupted) console.error('bench aborted:', err);
    process.exitCode = 1;
  } finally {
    loader?.stop();
    // Idempotent: whatever an aborted step left behind goes too.
    for (const prefix of Object.values(prefixes)) await deleteKeys(redis, prefix).catch(() => undefined);
    await redis.close();
  }
}

if (process.argv.includes('--load-generator')) {
  void childMain();
} else {
  // Exit explicitly: the apps' metric collectors may keep timers alive after close().
  main().then(
    () => process.exit(),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
