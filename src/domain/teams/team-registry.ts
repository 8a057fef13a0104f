/**
 * The teams, one Redis hash: team key → `{name?, members, updatedAt}`. A name left unset follows
 * the commune profile's default, so renaming a village in data/commune.json renames its team.
 * A commune has about ten teams of a few members, so reading them all is cheap.
 */
import { z } from 'zod';
import type { CommuneProfile } from '../commune/commune-profile';
import type { Keys } from '../../store/keys';
import type { RedisClient } from '../../store/redis';
import type { FollowerRegistry } from '../followers/follower-registry';
import { COMMUNE_TEAM, defaultTeamName, memberSchema, type Team, type TeamInput } from './team';

const storedTeam = z.object({
  name: z.string().optional(),
  members: z.array(memberSchema),
  updatedAt: z.string().optional(),
});
type StoredTeam = z.infer<typeof storedTeam>;

/** A team's record as Redis holds it; none yet → no members. */
const readStored = (raw: string | null | undefined): StoredTeam => (raw ? storedTeam.parse(JSON.parse(raw)) : { members: [] });

export class TeamRegistry {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
    private readonly commune: CommuneProfile,
    /** Team members are followers too: listed for announcements (their own choices untouched). */
    private readonly followers?: Pick<FollowerRegistry, 'update'>,
  ) {}

  /** Replaces a team's members (and name, when given); `key` is already a known team key. */
  async put(key: string, input: TeamInput, now = new Date()): Promise<Team> {
    const stored = { ...(input.name ? { name: input.name } : {}), members: input.members, updatedAt: now.toISOString() };
    await this.redis.hSet(this.keys.teams, key, JSON.stringify(stored));
    for (const member of input.members) await this.followers?.update(member.zaloId, {});
    return this.toTeam(key, stored);
  }

  /** A team with no record yet has no members and the default name. */
  async get(key: string): Promise<Team> {
    return this.toTeam(key, readStored(await this.redis.hGet(this.keys.teams, key)));
  }

  /** Every village's team (recorded or not), then the commune team. */
  async all(): Promise<Team[]> {
    const raw = await this.redis.hGetAll(this.keys.teams);
    const keys = [...this.commune.villages.map((v) => v.name), COMMUNE_TEAM];
    return keys.map((key) => this.toTeam(key, readStored(raw[key])));
  }

  /** May this Zalo user answer a village's tickets? Its own team and the commune team may. */
  async mayAnswer(zaloId: string, village: string): Promise<Team | undefined> {
    for (const key of [village, COMMUNE_TEAM]) {
      const team = await this.get(key);
      if (team.members.some((m) => m.zaloId === zaloId)) return team;
    }
    return undefined;
  }

  private toTeam(key: string, stored: StoredTeam): Team {
    return {
      key,
      name: stored.name ?? defaultTeamName(this.commune, key),
      members: stored.members,
      ...(stored.updatedAt ? { updatedAt: stored.updatedAt } : {}),
    };
  }
}
