/**
 * A file of teams for the admin import (src/tools/import-teams.ts) → the teams to write, and what
 * could not be used. Pure: text in, teams out. Each team in the file replaces that team's members;
 * teams not in the file stay as they are.
 *
 * JSON: `[{"village": "Phương Nghệ", "name"?: "…", "members": ["<zalo id>", {"zaloId","displayName"}]}]`
 * or `{"Phương Nghệ": {"name"?, "members": […]}, "commune": {…}}`.
 * CSV: one row per member, header required, any order, names matched without diacritics or case:
 * `village` (or `thon`; `commune` for the commune team), `zalo_id`, `display_name` (or `ten`),
 * `team_name` (or `ten to`; the first one given names the team). Separator "," or ";".
 */
import { z } from 'zod';
import type { CommuneProfile } from '../commune/commune-profile';
import { parseCsv } from '../csv';
import { cellOf, findColumns } from '../csv-columns';
import { findTeamKey, memberSchema, teamInputSchema, type TeamInput, type TeamMember } from './team';

export interface TeamFileEntry {
  key: string;
  input: TeamInput;
}

export interface ParsedTeamFile {
  teams: TeamFileEntry[];
  /** One line per problem, naming the team or the CSV line. */
  problems: string[];
}

type Column = 'village' | 'zaloId' | 'displayName' | 'teamName';

const HEADERS: Record<string, Column> = {
  village: 'village',
  thon: 'village',
  team: 'village',
  'zalo id': 'zaloId',
  zaloid: 'zaloId',
  'zalo user id': 'zaloId',
  'user id': 'zaloId',
  'display name': 'displayName',
  displayname: 'displayName',
  ten: 'displayName',
  'ho ten': 'displayName',
  'team name': 'teamName',
  teamname: 'teamName',
  'ten to': 'teamName',
};

const jsonTeam = teamInputSchema.extend({ village: z.string().trim().min(1, 'is required') });
const jsonFile = z.union([z.array(z.unknown()), z.record(z.string(), z.unknown())]);

/** A team's problems in one line: `members.2.zaloId must be …; name must not be empty`. */
const issuesText = (error: z.ZodError) => error.issues.map((i) => `${i.path.join('.') || 'team'} ${i.message}`).join('; ');

export function parseTeamFile(fileName: string, text: string, commune: CommuneProfile): ParsedTeamFile {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  return /\.json$/i.test(fileName) || /^[[{]/.test(trimmed) ? parseJson(trimmed, commune) : parseCsvTeams(trimmed, commune);
}

function parseJson(text: string, commune: CommuneProfile): ParsedTeamFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return { teams: [], problems: [`not JSON: ${(err as Error).message}`] };
  }
  const file = jsonFile.safeParse(raw);
  if (!file.success) return { teams: [], problems: ['expected a list of teams or an object of teams by village'] };
  const items = Array.isArray(file.data)
    ? file.data
    : Object.entries(file.data).map(([village, team]) => ({ ...(team as object), village }));
  const result: ParsedTeamFile = { teams: [], problems: [] };
  items.forEach((item, index) => {
    const parsed = jsonTeam.safeParse(item);
    const label = `team ${typeof (item as { village?: unknown })?.village === 'string' ? `"${(item as { village: string }).village}"` : `#${index + 1}`}`;
    if (!parsed.success) {
      result.problems.push(`${label}: ${issuesText(parsed.error)}`);
      return;
    }
    addTeam(result, commune, label, parsed.data.village, {
      members: parsed.data.members,
      ...(parsed.data.name ? { name: parsed.data.name } : {}),
    });
  });
  return result;
}

function addTeam(result: ParsedTeamFile, commune: CommuneProfile, label: string, village: string, input: TeamInput): void {
  const key = findTeamKey(commune, village);
  if (!key) return void result.problems.push(`${label}: "${village}" is not a village of the commune profile (or "commune")`);
  if (result.teams.some((t) => t.key === key)) return void result.problems.push(`${label}: ${key} appears twice; the first one is kept`);
  result.teams.push({ key, input });
}

function parseCsvTeams(text: string, commune: CommuneProfile): ParsedTeamFile {
  const header = text.split(/\r?\n/, 1)[0] ?? '';
  const separator = header.includes(';') && !header.includes(',') ? ';' : ',';
  const [head, ...records] = parseCsv(text, separator);
  const columns = findColumns(head?.fields ?? [], HEADERS);
  if (!columns.has('village') || !columns.has('zaloId'))
    return { teams: [], problems: ['the header needs the columns village and zalo_id'] };
  const cell = (fields: string[], column: Column) => cellOf(fields, columns, column);
  const byKey = new Map<string, { name?: string; members: TeamMember[] }>();
  const problems: string[] = [];
  for (const record of records) {
    if (record.fields.every((f) => !f.trim())) continue;
    const village = cell(record.fields, 'village');
    const key = findTeamKey(commune, village);
    const displayName = cell(record.fields, 'displayName');
    const member = memberSchema.safeParse({ zaloId: cell(record.fields, 'zaloId'), ...(displayName ? { displayName } : {}) });
    if (record.error || !key || !member.success) {
      const why =
        record.error ?? (!key ? `"${village}" is not a village of the commune profile (or "commune")` : issuesText(member.error!));
      problems.push(`line ${record.line}: ${why}`);
      continue;
    }
    const team = byKey.get(key) ?? { members: [] };
    if (team.members.some((m) => m.zaloId === member.data.zaloId))
      problems.push(`line ${record.line}: ${member.data.zaloId} is listed twice for ${key}`);
    else team.members.push(member.data);
    team.name ??= cell(record.fields, 'teamName') || undefined;
    byKey.set(key, team);
  }
  const teams: ParsedTeamFile['teams'] = [];
  for (const [key, t] of byKey) {
    // The same rules as the API's (at most 50 members): a team breaking them is not written.
    const input = teamInputSchema.safeParse({ members: t.members, ...(t.name ? { name: t.name } : {}) });
    if (input.success) teams.push({ key, input: input.data });
    else problems.push(`${key}: ${issuesText(input.error)}; not written`);
  }
  return { teams, problems };
}
