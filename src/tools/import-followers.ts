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
import { loadCommuneProfile } from '../domain/commune/commune-profile';
import { parseFollowerCsv, type ParsedFollowerCsv } from '../domain/followers/follower-csv';
import { FollowerRegistry } from '../domain/followers/follower-registry';
import { createKeys } from '../store/keys';
import { processOutput, runAsProgram, runFileImport, type FileImport, type Output } from './cli';

const followersImport: FileImport<ParsedFollowerCsv, number> = {
  usage: 'usage: npm run followers:import -- <file.csv>',
  parse: (text) => parseFollowerCsv(text, loadCommuneProfile()),
  writable: (parsed) => parsed.rows.length > 0,
  /** Gives how many followers were new. */
  async write(parsed, redis, config) {
    const registry = new FollowerRegistry(redis, createKeys(config.keyPrefix));
    let created = 0;
    for (const row of parsed.rows) if ((await registry.update(row.userId, row.change)).created) created += 1;
    return created;
  },
  report(file, parsed, created = 0) {
    const lines = [
      `${file}: imported ${parsed.rows.length} (new ${created}, updated ${parsed.rows.length - created}), bad rows: ${parsed.bad.length}`,
    ];
    for (const bad of parsed.bad) lines.push(`  line ${bad.line}: ${bad.problems.join('; ')}`);
    return `${lines.join('\n')}\n`;
  },
};

export function main(argv: string[], env: NodeJS.ProcessEnv = process.env, io: Output = processOutput): Promise<number> {
  return runFileImport(argv, env, io, followersImport);
}

runAsProgram(module, main);
