/**
 * CLI: npm run teams:import -- <file.json|file.csv>
 *
 * Sets the community digital technology teams from a file (formats in src/domain/teams/team-file.ts):
 * each team in the file gets exactly the members listed (and its name, when given), as
 * `PUT /api/v1/teams/<village>` would; teams not in the file are left alone. Prints what was
 * written and every problem with its team or line.
 *
 * Exit codes: 0 at least one team written · 1 nothing could be used (unreadable file, no header,
 * every entry bad) · 2 bad usage, bad configuration or Redis unreachable.
 */
import { loadCommuneProfile } from '../domain/commune/commune-profile';
import { parseTeamFile, type ParsedTeamFile } from '../domain/teams/team-file';
import { TeamRegistry } from '../domain/teams/team-registry';
import { FollowerRegistry } from '../domain/followers/follower-registry';
import { createKeys } from '../store/keys';
import { processOutput, runAsProgram, runFileImport, type FileImport, type Output } from './cli';

const teamsImport: FileImport<ParsedTeamFile, void> = {
  usage: 'usage: npm run teams:import -- <file.json|file.csv>',
  parse: (text, file) => parseTeamFile(file, text, loadCommuneProfile()),
  writable: (parsed) => parsed.teams.length > 0,
  async write(parsed, redis, config) {
    const keys = createKeys(config.keyPrefix);
    const registry = new TeamRegistry(redis, keys, loadCommuneProfile(), new FollowerRegistry(redis, keys));
    for (const team of parsed.teams) await registry.put(team.key, team.input);
  },
  report(file, parsed) {
    const teams = parsed.teams.map((t) => `${t.key}: ${t.input.members.length} member(s)`).join(', ');
    const lines = [`${file}: teams written ${parsed.teams.length}${teams ? ` (${teams})` : ''}, problems: ${parsed.problems.length}`];
    for (const problem of parsed.problems) lines.push(`  ${problem}`);
    return `${lines.join('\n')}\n`;
  },
};

export function main(argv: string[], env: NodeJS.ProcessEnv = process.env, io: Output = processOutput): Promise<number> {
  return runFileImport(argv, env, io, teamsImport);
}

runAsProgram(module, main);
