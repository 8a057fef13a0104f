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
import { basename } from 'node:path';
import { decodeCsv } from '../domain/dossiers/csv-import';
import { loadCommuneProfile } from '../domain/commune/commune-profile';
import { parseFollowerCsv, type ParsedFollowerCsv } from '../domain/followers/follower-csv';
import { FollowerRegistry } from '../domain/followers/follower-registry';
import { createKeys } from '../store/keys';
import { processOutput, readInput, runAsProgram, withRedis, type Output } from './cli';

const USAGE = 'usage: npm run followers:import -- <file.csv>';

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
  const parsed = readInput(file, (bytes) => parseFollowerCsv(decodeCsv(bytes), loadCommuneProfile()), io);
  if (!parsed) return 1;
  if (!parsed.rows.length) {
    io.err(report(basename(file), parsed, 0));
    return 1;
  }
  return withRedis(env, io, { what: 'import', failureCode: 2 }, async (redis, config) => {
    const registry = new FollowerRegistry(redis, createKeys(config.keyPrefix));
    let created = 0;
    for (const row of parsed.rows) if ((await registry.update(row.userId, row.change)).created) created += 1;
    io.out(report(basename(file), parsed, created));
    return 0;
  });
}

runAsProgram(module, main);
