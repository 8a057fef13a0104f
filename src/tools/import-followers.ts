/**
 * CLI: npm run followers:import -- <file.csv>
 *
 * Reads an officer's list of followers (columns user_id, village, topics, locale; see
 * src/domain/followers/follower-csv.ts), writes every good row through the follower registry
 * (Redis at REDIS_URL under KEY_PREFIX) exactly as `PUT /api/v1/followers/<id>` would, and
 * prints what was imported and every bad row with its line number.
 *
 * Exit codes: 0 at least one row imported · 1 nothing could be imported (unreadable file, no
 * header, or every row bad) · 2 bad usage, bad configuration or Redis unreachable.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { ConfigError, loadConfig } from '../config';
import { CsvFileError, decodeCsv } from '../domain/dossiers/csv-import';
import { loadCommuneProfile } from '../domain/commune/commune-profile';
import { parseFollowerCsv, type ParsedFollowerCsv } from '../domain/followers/follower-csv';
import { FollowerRegistry } from '../domain/followers/follower-registry';
import { createKeys } from '../store/keys';
import { closeRedis, type RedisClient } from '../store/redis';
import { connect, type Output } from './import-dossiers';

const USAGE = 'usage: npm run followers:import -- <file.csv>';

const processOutput: Output = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

function report(file: string, parsed: ParsedFollowerCsv, created: number): string {
  const lines = [`${file}: imported ${parsed.rows.length} (new ${created}, updated ${parsed.rows.length - created}), bad rows: ${parsed.bad.length}`];
  for (const bad of parsed.bad) lines.push(`  line ${bad.line}: ${bad.problems.join('; ')}`);
  return `${lines.join('\n')}\n`;
}

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env, io: Output = processOutput): Promise<number> {
  if (argv.length !== 1 || argv[0]!.startsWith('--')) {
    io.err(`${USAGE}\n`);
    return 2;
  }
  const file = argv[0]!;
  let parsed: ParsedFollowerCsv;
  try {
    parsed = parseFollowerCsv(decodeCsv(readFileSync(file)), loadCommuneProfile());
  } catch (error) {
    const reason = error instanceof CsvFileError ? error.message : (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    io.err(`${file}: cannot import: ${reason}\n`);
    return 1;
  }
  if (!parsed.rows.length) {
    io.err(report(basename(file), parsed, 0));
    return 1;
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
    const registry = new FollowerRegistry(redis, createKeys(config.keyPrefix));
    let created = 0;
    for (const row of parsed.rows) if ((await registry.update(row.userId, row.change)).created) created += 1;
    io.out(report(basename(file), parsed, created));
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
