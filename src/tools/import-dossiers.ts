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
import { basename } from 'node:path';
import { decodeCsv } from '../domain/csv';
import { formatImportReport, parseDossierCsv, writeDossiers, type ParsedDossierCsv } from '../domain/dossiers/dossier-csv';
import { DossierStore } from '../domain/dossiers/dossier-store';
import { createKeys, type Keys } from '../store/keys';
import { createQueue, dossierChangedJob, QueueName, type DossierNoticeJob } from '../store/queues';
import { toQueueConnection, type RedisClient } from '../store/redis';
import { processOutput, readInput, runAsProgram, withRedis, type Output } from './cli';

const USAGE = 'usage: npm run dossiers:import -- <file.csv> [--dry-run]';

/**
 * Writes the rows; each status change notifies followers as one pushed through the API does,
 * queued as soon as it is stored, so an import that stops half-way has told them of what it wrote.
 */
async function writeAndNotify(redis: RedisClient, keys: Keys, rows: ParsedDossierCsv['rows']) {
  const queue = createQueue<DossierNoticeJob>(QueueName.DossierNotices, { connection: toQueueConnection(redis), prefix: keys.queuePrefix });
  const at = Date.now();
  try {
    return await writeDossiers(rows, new DossierStore(redis, keys), async (c) => {
      const job = dossierChangedJob(c.code, c.to, at);
      await queue.add(job.name, job.data, job.opts);
    });
  } finally {
    await queue.close();
  }
}

export async function main(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
  io: Output = processOutput,
  now = new Date(),
): Promise<number> {
  const files = argv.filter((a) => !a.startsWith('--'));
  const unknown = argv.filter((a) => a.startsWith('--') && a !== '--dry-run');
  const [file, ...more] = files;
  if (file === undefined || more.length > 0 || unknown.length) {
    io.err(`${unknown.length ? `unknown option ${unknown[0]}\n` : ''}${USAGE}\n`);
    return 2;
  }
  const dryRun = argv.includes('--dry-run');

  const parsed = readInput(file, (bytes) => parseDossierCsv(decodeCsv(bytes), { now }), io);
  if (!parsed) return 1;
  if (dryRun) {
    io.out(formatImportReport(basename(file), parsed, undefined));
    return 0;
  }
  return withRedis(env, io, { what: 'import', failureCode: 2 }, async (redis, config) => {
    const keys = createKeys(config.keyPrefix);
    const written = await writeAndNotify(redis, keys, parsed.rows);
    io.out(formatImportReport(basename(file), parsed, written));
    return 0;
  });
}

runAsProgram(module, main);
