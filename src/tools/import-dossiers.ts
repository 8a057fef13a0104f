/**
 * CLI: npm run dossiers:import -- <file.csv> [--dry-run]
 *
 * Reads a one-stop system's export, writes every valid row to the built-in dossier store (Redis at
 * REDIS_URL under KEY_PREFIX) and prints a report: imported (new / updated / unchanged), status
 * changes, and every bad row with its line number and the columns at fault. `--dry-run` checks
 * the file without connecting to Redis.
 *
 * Exit codes: 0 the file was read (even if some rows were bad) · 1 the file is unreadable or not a
 * dossier export · 2 bad usage, bad configuration or Redis unreachable.
 *
 * Status changes made here do not notify followers (that happens where the API and the adapter
 * write); they are listed in the report.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { ConfigError, loadConfig } from '../config';
import { CsvFileError, decodeCsv, formatImportReport, parseDossierCsv, writeDossiers, type StatusChange } from '../domain/dossiers/csv-import';
import { DossierStore } from '../domain/dossiers/dossier-store';
import { createLogger } from '../logger';
import { createKeys, type Keys } from '../store/keys';
import { createQueue, dossierChangedJob, QueueName, type DossierNoticeJob } from '../store/queues';
import { closeRedis, createRedis, toQueueConnection, type RedisClient } from '../store/redis';

const USAGE = 'usage: npm run dossiers:import -- <file.csv> [--dry-run]';
const REDIS_CONNECT_TIMEOUT_MS = 5000;

export interface Output {
  out(text: string): void;
  err(text: string): void;
}

const processOutput: Output = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/** The host part only: a REDIS_URL may carry a password. */
function redisWhere(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '6379'}`;
  } catch {
    return 'REDIS_URL';
  }
}

export async function connect(url: string, logLevel: string): Promise<RedisClient> {
  // The CLI's log lines go nowhere near stdout's report: only connection trouble is logged.
  const client = createRedis({ url, failFast: false, name: 'dossier-import' }, createLogger(logLevel === 'silent' ? 'silent' : 'fatal'));
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      client.connect(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`could not reach Redis at ${redisWhere(url)} within ${REDIS_CONNECT_TIMEOUT_MS / 1000} s`)), REDIS_CONNECT_TIMEOUT_MS);
      }),
    ]);
    return client;
  } catch (error) {
    client.destroy();
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/** A status change imported from a file notifies followers as one pushed through the API does. */
async function notifyFollowers(redis: RedisClient, keys: Keys, changes: StatusChange[]): Promise<void> {
  if (!changes.length) return;
  const queue = createQueue<DossierNoticeJob>(QueueName.DossierNotices, { connection: toQueueConnection(redis), prefix: keys.queuePrefix });
  try {
    const at = Date.now();
    await queue.addBulk(changes.map((c) => dossierChangedJob(c.code, c.to, at)));
  } finally {
    await queue.close();
  }
}

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env, io: Output = processOutput, now = new Date()): Promise<number> {
  const files = argv.filter((a) => !a.startsWith('--'));
  const unknown = argv.filter((a) => a.startsWith('--') && a !== '--dry-run');
  if (files.length !== 1 || unknown.length) {
    io.err(`${unknown.length ? `unknown option ${unknown[0]}\n` : ''}${USAGE}\n`);
    return 2;
  }
  const file = files[0]!;
  const dryRun = argv.includes('--dry-run');

  let parsed;
  try {
    parsed = parseDossierCsv(decodeCsv(readFileSync(file)), { now });
  } catch (error) {
    const reason = error instanceof CsvFileError ? error.message : (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    io.err(`${file}: cannot import: ${reason}\n`);
    return 1;
  }
  if (dryRun) {
    io.out(formatImportReport(basename(file), parsed, undefined));
    return 0;
  }

  let config;
  try {
    config = loadConfig(env);
  } catch (error) {
    io.err(error instanceof ConfigError ? `${error.message}\n` : `${(error as Error).message}\n`);
    return 2;
  }
  let redis: RedisClient | undefined;
  try {
    redis = await connect(config.redisUrl, config.logLevel);
    const keys = createKeys(config.keyPrefix);
    const written = await writeDossiers(parsed.rows, new DossierStore(redis, keys));
    await notifyFollowers(redis, keys, written.statusChanges);
    io.out(formatImportReport(basename(file), parsed, written));
    return 0;
  } catch (error) {
    io.err(`import stopped: ${(error as Error).message}\n`);
    return 2;
  } finally {
    if (redis) await closeRedis(redis);
  }
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
