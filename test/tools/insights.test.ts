/**
 * npm run insights: the largest groups of unplaced messages in the terminal, read from the real
 * Redis under a private KEY_PREFIX.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createClient } from 'redis';
import { main } from '../../src/tools/insights';
import { UnplacedLog } from '../../src/domain/insights/unplaced-log';
import { createKeys } from '../../src/store/keys';
import type { RedisClient } from '../../src/store/redis';
import { deleteKeys, uniquePrefix, userId } from '../helpers';
import { toolEnv, toolRunner } from './tool-harness';

const DAY = 86_400_000;

describe('npm run insights (real Redis)', () => {
  const prefix = uniquePrefix('insights-cli');
  const env = toolEnv(prefix);
  const run = toolRunner(main, env);
  let redis: RedisClient;
  let log: UnplacedLog;

  beforeAll(async () => {
    redis = createClient();
    await redis.connect();
    log = new UnplacedLog(redis, createKeys(prefix));
    const [a, b, c] = [userId(), userId(), userId()];
    const now = Date.now();
    await log.record(a, 'Ho so?', 'clarify:dossier_status,procedure', now - 3000);
    const second = await log.record(b, 'hồ sơ', 'clarify:dossier_status,procedure', now - 2000);
    await log.recordNext(second, 'chose:dossier_status');
    await log.record(c, 'HỒ SƠ', 'nothing-fits', now - 1000);
    await log.record(a, 'giá vàng\u001b[31m hôm nay', 'nothing-fits', now);
    await log.record(b, 'chuyện cũ', 'nothing-fits', now - 45 * DAY);
  });
  afterAll(async () => {
    await redis.close();
    await deleteKeys(prefix);
  });

  it('prints the groups of the last 30 days, largest first: count, people, the wording, what was offered, what people did next', async () => {
    const { code, stdout, stderr } = await run();
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^Messages the bot could not place, \d{4}-\d\d-\d\d \d\d:\d\d – .+ \(Vietnam time\): the 2 largest groups$/);
    expect(lines.slice(2)).toEqual([
      '    3      3  "HỒ SƠ"',
      '              offered: clarify:dossier_status,procedure ×2, nothing-fits ×1 · then: chose:dossier_status ×1',
      // A control character a citizen sent does not reach the terminal.
      '    1      1  "giá vàng [31m hôm nay"',
      '              offered: nothing-fits ×1 · then: —',
    ]);
    expect(stdout).not.toContain('chuyện cũ');
  });

  it('--from/--to choose the period (Vietnam days, --to included)', async () => {
    const day = new Date(Date.now() - 45 * DAY + 7 * 3_600_000).toISOString().slice(0, 10);
    const old = await run('--from', day, `--to=${day}`);
    expect(old.code).toBe(0);
    expect(old.stdout).toContain(`${day} 00:00 – `);
    expect(old.stdout).toContain('"chuyện cũ"');
    expect(old.stdout).not.toContain('HỒ SƠ');
    expect((await run('--from', '2020-01-01', '--to', '2020-01-02')).stdout).toMatch(/\(Vietnam time\): none\n$/);
  });

  it('exits 2 with the reason on a bad date, an unknown option or a period that ends before it starts', async () => {
    const bad = await run('--from', 'yesterday');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^--from: .+\nusage: npm run insights/);
    expect((await run('--limit', '5')).code).toBe(2);
    expect((await run('--from', '2026-02-01', '--to', '2026-01-01')).stderr).toMatch(/^--from: is after to/);
  });

  it('runs as `npm run insights`', async () => {
    const { stdout } = await promisify(execFile)('npm', ['run', '--silent', 'insights'], {
      env: { ...process.env, ...env },
      timeout: 30_000,
    });
    expect(stdout).toMatch(/the 2 largest groups\n/);
    expect(stdout).toContain('"HỒ SƠ"');
  }, 40_000);
});
