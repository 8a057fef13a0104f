/**
 * `npm run bench:oracle`: does the time of a dossier lookup tell whether a code exists? Times the
 * lookup service against a real Redis for a known code with a wrong second factor and for unknown
 * codes, interleaved, and prints the medians, p90s and their ratio (aim: between 0.8 and 1.2).
 * Figures are printed, never judged. Keys live under a private prefix and are deleted afterwards.
 */
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { DossierLookupService } from '../src/domain/dossiers/dossier-lookup';
import { DossierStore } from '../src/domain/dossiers/dossier-store';
import { DossierFollows } from '../src/domain/dossiers/dossier-follows';
import { DEFAULT_LOOKUP_GUARD, LookupGuard } from '../src/domain/dossiers/lookup-guard';
import { createLogger } from '../src/logger';
import { createKeys } from '../src/store/keys';
import { closeRedis, connectRedis } from '../src/store/redis';

const ROUNDS = 400;
const KNOWN = '000.00.20.H47-261120-0042';

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * q)]!;

async function main(): Promise<void> {
  const logger = createLogger('silent');
  const prefix = `bench-oracle-${randomUUID().slice(0, 8)}`;
  const redis = await connectRedis({ url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', failFast: false, name: 'bench' }, logger);
  const keys = createKeys(prefix);
  const store = new DossierStore(redis, keys);
  await store.put({
    code: KNOWN,
    procedureCode: '1.001193',
    status: 4,
    receivedAt: '2026-11-20T08:15:00+07:00',
    dueAt: '2026-11-25T17:00:00+07:00',
    applicantPhoneLast4: '6789',
    updatedAt: new Date().toISOString(),
  });
  // The guard counts every wrong answer as in service, but the known code's 400 wrong answers would
  // lock it for everyone after 20: the lock is raised above the run, so every round times a lookup.
  const guard = { ...DEFAULT_LOOKUP_GUARD, alertThreshold: ROUNDS + 1, everyoneLockThreshold: ROUNDS + 1 };
  const lookups = new DossierLookupService(store, new LookupGuard(redis, keys, logger, guard), new DossierFollows(redis, keys, 14));
  const timed = async (code: string, user: string) => {
    const started = performance.now();
    const result = await lookups.lookup(user, code, '0000');
    if (result.kind !== 'wrong') throw new Error(`unexpected ${result.kind}`);
    return performance.now() - started;
  };
  const wrong: number[] = [];
  const unknown: number[] = [];
  // A fresh user per attempt so no lockout ends the run; interleaved so drift hits both alike.
  for (let i = 0; i < ROUNDS; i += 1) {
    wrong.push(await timed(KNOWN, `w${i}`));
    unknown.push(await timed(`000.00.20.H47-261120-${String(10000 + i)}`, `u${i}`));
  }
  const row = (name: string, xs: number[]) =>
    `${name.padEnd(22)} p50 ${quantile(xs, 0.5).toFixed(3)} ms   p90 ${quantile(xs, 0.9).toFixed(3)} ms`;
  console.log(`dossier lookup timing, ${ROUNDS} interleaved rounds each`);
  console.log(row('known code, wrong 4', wrong));
  console.log(row('unknown code', unknown));
  console.log(`median ratio unknown/wrong: ${(quantile(unknown, 0.5) / quantile(wrong, 0.5)).toFixed(2)} (aim 0.8–1.2)`);
  for await (const batch of redis.scanIterator({ MATCH: `${prefix}:*`, COUNT: 500 })) if (batch.length) await redis.del(batch);
  await closeRedis(redis);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
