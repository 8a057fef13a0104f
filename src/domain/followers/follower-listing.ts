/**
 * The followers as the officers' console lists them: how many per village and per topic, and a
 * page of those in a segment with the least personal data that lets an officer recognise and
 * place them — the Zalo display name if one is stored, the village, the topics — never a phone.
 * Read from the segment sets the registry keeps (follower-registry.ts); nothing here writes.
 */
import type { CommuneProfile } from '../commune/commune-profile';
import type { Keys } from '../../store/keys';
import type { RedisClient } from '../../store/redis';

export interface FollowerCounts {
  /** Listed: followed or chatted, and not unfollowed since. */
  total: number;
  /** Of those, how many chose "stop all" (in no audience). */
  stopped: number;
  /** Listed followers with no village chosen. */
  withoutVillage: number;
  villages: Array<{ village: string; count: number }>;
  topics: Array<{ topic: string; name: string; count: number }>;
}

export interface FollowerSummary {
  id: string;
  displayName?: string;
  village?: string;
  topics: string[];
  stopped: boolean;
}

export interface FollowerPage {
  /** How many listed followers the filter matches. */
  matching: number;
  followers: FollowerSummary[];
}

export class FollowerListing {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
    private readonly commune: CommuneProfile,
  ) {}

  async counts(): Promise<FollowerCounts> {
    const k = this.keys;
    const villages = this.commune.villages.map((v) => v.name);
    const topics = this.commune.topics;
    // Every set sits under the `{f}` tag: one MULTI, one slot.
    const multi = this.redis.multi().sCard(k.followersAll).sInterCard([k.followersAll, k.followersStopped]);
    for (const village of villages) multi.sInterCard([k.followersAll, k.followersInVillage(village)]);
    for (const topic of topics) multi.sInterCard([k.followersAll, k.followersOfTopic(topic.id)]);
    const [total = 0, stopped = 0, ...rest] = (await multi.exec()).map(Number);
    const perVillage = villages.map((village, i) => ({ village, count: rest[i] ?? 0 }));
    return {
      total,
      stopped,
      withoutVillage: total - perVillage.reduce((sum, v) => sum + v.count, 0),
      villages: perVillage,
      topics: topics.map((t, i) => ({ topic: t.id, name: t.name.vi, count: rest[villages.length + i] ?? 0 })),
    };
  }

  /** Listed followers in the village and with the topic given (either or both), by id, `limit` from `offset`. */
  async page(filter: { village?: string; topic?: string }, offset: number, limit: number): Promise<FollowerPage> {
    const k = this.keys;
    const sets = [
      k.followersAll,
      ...(filter.village ? [k.followersInVillage(filter.village)] : []),
      ...(filter.topic ? [k.followersOfTopic(filter.topic)] : []),
    ];
    // A commune's followers number in the thousands: reading the ids whole is cheap, and sorting
    // them makes pages stable between requests.
    const ids = (await this.redis.sInter(sets)).sort();
    const shown = ids.slice(offset, offset + limit);
    return { matching: ids.length, followers: await Promise.all(shown.map((id) => this.summary(id))) };
  }

  private async summary(id: string): Promise<FollowerSummary> {
    const [[village, topics, stopped], [displayName]] = await Promise.all([
      this.redis.hmGet(this.keys.follower(id), ['village', 'topics', 'stopped']),
      this.redis.hmGet(this.keys.profile(id), ['displayName']),
    ]);
    return {
      id,
      ...(displayName ? { displayName } : {}),
      ...(village ? { village } : {}),
      topics: (topics ?? '').split(',').filter(Boolean),
      stopped: stopped === '1',
    };
  }
}
