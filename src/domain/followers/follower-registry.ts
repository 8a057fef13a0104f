/**
 * The follower registry: who may be reached by announcements, and in which segments. Built from
 * events (follow, unfollow, every interaction) and from what the citizen or an officer chooses
 * (village, topics, language, stop all). The segment record lives in a follower hash under the
 * `{f}` tag (store/keys.ts, `follower(userId)`); the segment sets, under the same tag, mirror it:
 *   followersAll         listed: followed or chatted, and not unfollowed since
 *   followersInVillage   listed and living in that village
 *   followersOfTopic     listed and interested in that topic
 *   followersStopped     chose "stop all" (whether listed or not)
 * An unfollow keeps village and topics in the record but takes the user out of every audience
 * set; a later follow or interaction puts them back as they were. Events never erase what the
 * API or the citizen set.
 *
 * Each change is one Lua script (`commitFollowerChange`) that writes the record's fields and the
 * set memberships together, guarded by a revision counter in the record: a change computed from
 * a stale read is recomputed, so two concurrent changes cannot leave a user in two villages. The
 * script and the read touch only `{f}` keys, so they stay in one slot on Redis Cluster
 * (docs/zalo-platform.md, "Growing past one Redis").
 *
 * The language and Zalo's follow state stay in the per-user profile (UserProfiles owns them) and
 * are read and written with commands of their own, outside the `{f}` slot:
 * - `following` is read after the `{f}` part. The event handler writes it before it commits the
 *   unfollow, so a read that sees the unfollow committed also sees `following: 0`, and an old
 *   interaction handled late is never taken for a return. The revision never covered `following`
 *   (it is written without one), so nothing atomic is lost.
 * - the language is written after a committed change: no set, audience or decision depends on it,
 *   and the language menu writes it the same way, last write winning. A crash in between keeps the
 *   old language until the next choice — nothing is sent to the wrong audience.
 */
import type { Locale } from '../../i18n';
import type { Keys } from '../../store/keys';
import { LuaScript } from '../../store/lua-script';
import type { RedisClient } from '../../store/redis';
import { UserProfiles } from '../user-profiles';
import type { FollowerChange, FollowerRecord } from './follower';

/**
 * KEYS: follower record, then every set the change touches · ARGV: user id, expected revision ("" when
 * none yet), fields JSON ({name: value, or false to delete}), then one op per set key ("+" add,
 * "-" remove) → 1 committed, 0 the revision moved on (read again and recompute).
 */
const commitFollowerChange = new LuaScript(
  'commitFollowerChange',
  `if (redis.call('HGET', KEYS[1], 'segmentRev') or '') ~= ARGV[2] then return 0 end
for name, value in pairs(cjson.decode(ARGV[3])) do
  if value == false then redis.call('HDEL', KEYS[1], name) else redis.call('HSET', KEYS[1], name, value) end
end
for i = 2, #KEYS do
  if ARGV[i + 2] == '+' then redis.call('SADD', KEYS[i], ARGV[1]) else redis.call('SREM', KEYS[i], ARGV[1]) end
end
redis.call('HINCRBY', KEYS[1], 'segmentRev', 1)
return 1`,
);

const FIELDS = ['segmentRev', 'village', 'topics', 'stopped', 'consentAt'] as const;
/**
 * Concurrent changes to one follower are rare (a citizen and an officer at once); a losing round
 * waits a random few milliseconds so that contenders do not keep colliding.
 */
const MAX_ROUNDS = 20;
const jitter = (round: number) => new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * round));

interface State {
  exists: boolean;
  rev: string;
  village?: string;
  topics: string[];
  stopped: boolean;
  listed: boolean;
  locale?: Locale;
  consentAt?: string;
  following?: boolean;
  followingChangedAt?: number;
}

type Next = Pick<State, 'village' | 'topics' | 'stopped' | 'listed' | 'locale' | 'consentAt'>;

export interface UpdateResult {
  record: FollowerRecord;
  /** Neither a profile nor a follower record existed for this user before. */
  created: boolean;
}

export class FollowerRegistry {
  private readonly profiles: UserProfiles;

  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
    private readonly now: () => number = Date.now,
  ) {
    this.profiles = new UserProfiles(redis, keys);
  }

  async get(userId: string): Promise<FollowerRecord | undefined> {
    const state = await this.read(userId);
    return state.exists ? toRecord(userId, state) : undefined;
  }

  /**
   * A follow or any interaction at `atMs`: the user is listed again, unless Zalo told us they
   * unfollowed after that moment.
   */
  async interacted(userId: string, atMs: number): Promise<void> {
    // Every message comes through here: someone already listed costs one SISMEMBER, not two reads.
    if (await this.redis.sIsMember(this.keys.followersAll, userId)) return;
    await this.change(userId, (s) => {
      if (s.listed || (s.following === false && (s.followingChangedAt ?? 0) > atMs)) return undefined;
      return { ...s, listed: true };
    });
  }

  /** An unfollow: out of every audience; village and topics stay for a later return. */
  async unfollowed(userId: string): Promise<void> {
    await this.change(userId, (s) => (s.listed ? { ...s, listed: false } : undefined));
  }

  /**
   * A change chosen by an officer (API, CSV). Lists the user unless Zalo told us they unfollowed:
   * an officer's list names people the commune means to reach.
   */
  async update(userId: string, change: FollowerChange): Promise<UpdateResult> {
    const { state, before } = await this.change(userId, (s) => ({ ...this.apply(s, change), listed: s.listed || s.following !== false }));
    return { record: toRecord(userId, state), created: !before.exists };
  }

  /** The citizen's own choices, from the subscription conversation (they are chatting: listed already). */
  async choose(userId: string, change: FollowerChange): Promise<FollowerRecord> {
    return toRecord(userId, (await this.change(userId, (s) => this.apply(s, change))).state);
  }

  /** Adds or removes one topic; choosing a topic resumes someone who had stopped everything. */
  async toggleTopic(userId: string, topic: string): Promise<{ record: FollowerRecord; chosen: boolean }> {
    let chosen = false;
    const { state } = await this.change(userId, (s) => {
      chosen = !s.topics.includes(topic);
      const topics = chosen ? [...s.topics, topic] : s.topics.filter((t) => t !== topic);
      return this.apply(s, chosen ? { topics, stopped: false } : { topics });
    });
    return { record: toRecord(userId, state), chosen };
  }

  private apply(s: State, change: FollowerChange): Next {
    const next: Next = { ...s };
    if (change.village !== undefined) next.village = change.village ?? undefined;
    if (change.topics !== undefined) next.topics = [...new Set(change.topics)];
    if (change.locale !== undefined) next.locale = change.locale;
    if (change.stopped !== undefined) next.stopped = change.stopped;
    const segmentChosen = change.village !== undefined || change.topics !== undefined || change.stopped === false;
    if (segmentChosen) next.consentAt = new Date(this.now()).toISOString();
    return next;
  }

  // ---------------------------------------------------------------------------------------------
  // Reading and committing
  // ---------------------------------------------------------------------------------------------

  /** The `{f}` part first, then the profile (see the header: the order is what makes it safe). */
  private async read(userId: string): Promise<State> {
    const record = this.keys.follower(userId);
    const [exists, values, listed] = (await this.redis
      .multi()
      .exists(record)
      .hmGet(record, [...FIELDS])
      .sIsMember(this.keys.followersAll, userId)
      .exec()) as unknown as [number, Array<string | null>, number | boolean];
    const profile = await this.profiles.followerFacts(userId);
    const field = (name: (typeof FIELDS)[number]) => values[FIELDS.indexOf(name)] ?? undefined;
    return {
      exists: exists === 1 || profile.known,
      rev: field('segmentRev') ?? '',
      village: field('village'),
      topics: (field('topics') ?? '').split(',').filter(Boolean),
      stopped: field('stopped') === '1',
      listed: listed === 1 || listed === true,
      locale: profile.locale,
      consentAt: field('consentAt'),
      following: profile.following,
      followingChangedAt: profile.followingChangedAt,
    };
  }

  /** Reads, lets `decide` compute the next state (undefined: nothing to do), commits; again on a race. */
  private async change(userId: string, decide: (s: State) => Next | undefined): Promise<{ state: State; before: State }> {
    for (let round = 0; round < MAX_ROUNDS; round += 1) {
      const before = await this.read(userId);
      const next = decide(before);
      if (!next) return { state: before, before };
      const { keys, ops } = this.setOps(before, next);
      const committed = await commitFollowerChange.run(
        this.redis,
        [this.keys.follower(userId), ...keys],
        [userId, before.rev, JSON.stringify(fieldChanges(before, next)), ...ops],
      );
      if (committed === 1) {
        if (next.locale && next.locale !== before.locale) await this.profiles.setLocale(userId, next.locale);
        return { state: { ...before, ...next, exists: true }, before };
      }
      await jitter(round + 1);
    }
    throw new Error(`follower ${userId} kept changing under us: gave up after ${MAX_ROUNDS} rounds`);
  }

  /** Every set the next state belongs to is (re)asserted, every other one it was in is left. */
  private setOps(before: State, next: Next): { keys: string[]; ops: string[] } {
    const wanted = this.memberships(next);
    const left = [...this.memberships(before)].filter((k) => !wanted.has(k));
    return { keys: [...wanted, ...left], ops: [...[...wanted].map(() => '+'), ...left.map(() => '-')] };
  }

  private memberships(s: Next): Set<string> {
    const sets = new Set<string>();
    if (s.stopped) sets.add(this.keys.followersStopped);
    if (!s.listed) return sets;
    sets.add(this.keys.followersAll);
    if (s.village) sets.add(this.keys.followersInVillage(s.village));
    for (const topic of s.topics) sets.add(this.keys.followersOfTopic(topic));
    return sets;
  }
}

function fieldChanges(before: State, next: Next): Record<string, string | false> {
  const stored = (s: Next): Record<string, string | undefined> => ({
    village: s.village,
    topics: s.topics.length ? s.topics.join(',') : undefined,
    stopped: s.stopped ? '1' : undefined,
    consentAt: s.consentAt,
  });
  const was = stored(before);
  const changes: Record<string, string | false> = {};
  for (const [name, value] of Object.entries(stored(next))) if (value !== was[name]) changes[name] = value ?? false;
  return changes;
}

function toRecord(id: string, s: State): FollowerRecord {
  return {
    id,
    village: s.village ?? null,
    topics: s.topics,
    locale: s.locale ?? null,
    stopped: s.stopped,
    following: s.following ?? null,
    consentAt: s.consentAt ?? null,
    listed: s.listed,
  };
}
