/**
 * `npm run bench:hostile` (issue 11, item 1): messages built to be expensive are handled in bounded
 * time, and another citizen's acknowledgement does not wait for them. Prints figures; judges nothing.
 *
 * 1. The procedure search alone, for messages of 500 to 200,000 characters of several shapes
 *    (letters without spaces, syllables typed together, typos, marked text): the time must not grow
 *    with the length once past what the text processing reads.
 * 2. The whole service (web + worker in one process, the fake Zalo): a 10,000-character message from
 *    one user, webhook POST → the bot's reply at the fake Zalo (polled every 5 ms, so ±5 ms), beside
 *    an ordinary question as the reference; meanwhile another user's webhook acknowledgements.
 *    Each shape runs twice: the first round includes the JIT's warm-up.
 * 3. The public search: 40 concurrent 500-character queries, and /healthz asked at the same time.
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';
import { loadConfig } from '../src/config';
import { loadCatalogue } from '../src/domain/catalogue/catalogue';
import { createProcedureSearch } from '../src/domain/catalogue/procedure-search';
import { loadSearchVocabulary } from '../src/domain/catalogue/search-vocabulary';
import { startApp } from '../src/roles/app';
import { createFakeZalo, listenFakeZalo } from '../src/dev/fake-zalo';
import { signedRequest, userTextEvent } from '../src/dev/zalo-events';
import { percentiles } from './percentiles';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const IDENTITY = { appId: '1000000000000000001', oaId: '2000000000000000002', oaSecretKey: 'bench-oa-secret-key' };
const AIM_MS = 50;

const SHAPES: Record<string, (n: number) => string> = {
  'ordinary question': () => 'Cho tôi hỏi làm giấy khai sinh cho con thì cần mang theo những giấy tờ gì ạ?',
  'letters, no space': (n) => 'a'.repeat(n),
  'syllables typed together': (n) => 'dangkykhaisinh'.repeat(Math.ceil(n / 14)).slice(0, n),
  'typos between spaces': (n) =>
    Array.from({ length: Math.ceil(n / 5) }, (_, i) => ['thuog', 'sihn', 'khia', 'dnag', 'gaiy'][i % 5])
      .join(' ')
      .slice(0, n),
  'marked text': (n) => 'đăng ký khai sinh cho con ạ '.repeat(Math.ceil(n / 28)).slice(0, n),
};
const LENGTHS = [500, 2_000, 10_000, 200_000];

function searchStep(): void {
  const search = createProcedureSearch(loadCatalogue().procedures, loadSearchVocabulary());
  console.log('1. procedure search, median / worst of 20 runs (ms) by message length');
  console.log(`   ${'shape'.padEnd(26)}${LENGTHS.map((n) => String(n).padStart(14)).join('')}`);
  for (const [shape, make] of Object.entries(SHAPES)) {
    const cells = LENGTHS.map((n) => {
      const text = make(n);
      const times: number[] = [];
      for (let r = 0; r < 20; r++) {
        const t = performance.now();
        search.search(text);
        times.push(performance.now() - t);
      }
      const p = percentiles(times.slice(1));
      return `${p.p50.toFixed(1)} / ${p.max.toFixed(1)}`.padStart(14);
    });
    console.log(`   ${shape.padEnd(26)}${cells.join('')}`);
  }
}

function request(port: number, method: string, path: string, body?: Buffer, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function serviceSteps(): Promise<void> {
  const prefix = `bench-hostile-${randomBytes(4).toString('hex')}`;
  const fake = createFakeZalo({ appId: IDENTITY.appId, appSecret: 's', accessToken: 'a', refreshToken: 'r', rateLimitPerMin: 1_000_000 });
  const zalo = await listenFakeZalo(fake);
  const app = await startApp(
    loadConfig({
      PORT: '0',
      REDIS_URL,
      KEY_PREFIX: prefix,
      LOG_LEVEL: 'silent',
      PUBLIC_RATE_LIMIT_PER_MIN: '100000',
      ZALO_APP_ID: IDENTITY.appId,
      ZALO_OA_ID: IDENTITY.oaId,
      ZALO_OA_SECRET_KEY: IDENTITY.oaSecretKey,
      ZALO_APP_SECRET: 's',
      ZALO_ACCESS_TOKEN: 'a',
      ZALO_REFRESH_TOKEN: 'r',
      ZALO_API_BASE: zalo.url,
      ZALO_OAUTH_BASE: zalo.url,
      ADMIN_TOKEN: 'bench-admin-token',
    }),
    { web: true, worker: true },
  );
  let n = 0;
  const post = (user: string, text: string) => {
    fake.recordInteraction(user);
    const req = signedRequest(userTextEvent({ ...IDENTITY, userId: user, msgId: `${prefix}${n++}`.padEnd(20, '0'), text }), IDENTITY);
    return request(app.port, 'POST', '/webhook/zalo', req.body, req.headers);
  };
  try {
    console.log("\n2. one 10,000-character message, and another user's acknowledgements meanwhile");
    for (const [shape, make] of [...Object.entries(SHAPES), ...Object.entries(SHAPES)]) {
      const attacker = `7${String(n).padStart(18, '0')}`;
      const other = `8${String(n).padStart(18, '0')}`;
      await post(other, 'xin chào');
      const started = performance.now();
      await post(attacker, make(10_000));
      const acks: number[] = [];
      let replied = 0;
      while (replied === 0) {
        const t = performance.now();
        await post(other, 'ok');
        acks.push(performance.now() - t);
        if (fake.messages(attacker).length > 0) replied = performance.now() - started;
        await new Promise((r) => setTimeout(r, 5));
      }
      const a = percentiles(acks);
      console.log(
        `   ${shape.padEnd(26)} reply after ${replied.toFixed(1)} ms (aim < ${AIM_MS}, as an ordinary question); other user's acks: ${a.count}, max ${a.max.toFixed(1)} ms`,
      );
    }

    console.log('\n3. 40 concurrent public searches of 500 characters, /healthz at the same time');
    for (const [shape, make] of Object.entries(SHAPES)) {
      const q = encodeURIComponent(make(500));
      const times: number[] = [];
      const queries = Array.from({ length: 40 }, async () => {
        const t = performance.now();
        await request(app.port, 'GET', `/api/v1/procedures?q=${q}`);
        times.push(performance.now() - t);
      });
      const h = performance.now();
      const health = request(app.port, 'GET', '/healthz').then(() => performance.now() - h);
      await Promise.all(queries);
      const p = percentiles(times);
      console.log(
        `   ${shape.padEnd(26)} p50 ${p.p50.toFixed(1)} ms, max ${p.max.toFixed(1)} ms (all 40 in flight at once); /healthz ${(await health).toFixed(1)} ms`,
      );
    }
  } finally {
    await app.close();
    await zalo.close();
    const redis = createClient({ url: REDIS_URL });
    await redis.connect();
    for await (const keys of redis.scanIterator({ MATCH: `${prefix}:*`, COUNT: 1000 })) if (keys.length) await redis.unlink(keys);
    await redis.close();
  }
}

async function main(): Promise<void> {
  searchStep();
  await serviceSteps();
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
