/**
 * Keeping the registry and Zalo's own view in step (docs/zalo-platform.md §5):
 * - `syncFollowers` pages through Zalo's follower list and lists everyone on it, so people who
 *   followed before the bot existed (or whose follow event was lost) are reachable too;
 * - `mirrorTags` gives every listed follower Zalo tags for their village and topics ("Thôn
 *   Phương Nghệ", "Chủ đề: Lịch cắt điện"), the way OA Manager users segment, and removes the
 *   tags it set earlier that no longer apply. What was mirrored is remembered in the profile
 *   (`zaloTags`), so only differences cost API calls; tags set by hand in OA Manager are left alone.
 * Zalo lists at most 10,000 followers per query (offset ≤ 9951): beyond that the result says
 * `truncated`, and the follow events keep the registry right for everyone else.
 */
import { topicName, type CommuneProfile } from '../commune/commune-profile';
import type { Keys } from '../../store/keys';
import type { RedisClient } from '../../store/redis';
import type { FollowerRecord } from './follower';
import type { FollowerRegistry } from './follower-registry';

/** What the mirror needs of Zalo (src/edge/zalo/follower-directory.ts). */
export interface FollowerDirectory {
  page(offset: number, count: number): Promise<{ userIds: string[]; total: number }>;
  /** 'unreachable': Zalo says the user cannot be tagged (unfollowed, blocked). */
  tag(userId: string, tag: string, add: boolean): Promise<'done' | 'unreachable'>;
}

export const FOLLOWER_PAGE_SIZE = 50;
export const FOLLOWER_OFFSET_MAX = 9951;
const TAG_SEPARATOR = '\n';

export interface SyncResult {
  seen: number;
  total: number;
  truncated: boolean;
}

export async function syncFollowers(
  directory: FollowerDirectory,
  registry: Pick<FollowerRegistry, 'interacted'>,
  now = Date.now(),
): Promise<SyncResult> {
  let seen = 0;
  let total = 0;
  for (let offset = 0; offset <= FOLLOWER_OFFSET_MAX; offset += FOLLOWER_PAGE_SIZE) {
    const page = await directory.page(offset, FOLLOWER_PAGE_SIZE);
    total = page.total;
    // Listed as of the sync's start: an unfollow that arrived meanwhile wins.
    for (const userId of page.userIds) await registry.interacted(userId, now);
    seen += page.userIds.length;
    if (page.userIds.length < FOLLOWER_PAGE_SIZE || offset + FOLLOWER_PAGE_SIZE >= total) break;
  }
  return { seen, total, truncated: seen < total };
}

function tagsFor(record: Pick<FollowerRecord, 'village' | 'topics'>, commune: CommuneProfile): string[] {
  const topics = record.topics.map((id) => `Chủ đề: ${topicName(commune, id, 'vi')}`);
  return [...(record.village ? [`Thôn ${record.village}`] : []), ...topics];
}

export interface MirrorResult {
  followers: number;
  tagged: number;
  untagged: number;
  unreachable: number;
}

export class ZaloTagMirror {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
    private readonly registry: Pick<FollowerRegistry, 'get'>,
    private readonly directory: FollowerDirectory,
    private readonly commune: CommuneProfile,
  ) {}

  /** Every listed follower's tags, brought in step with their record. */
  async mirrorAll(): Promise<MirrorResult> {
    const result: MirrorResult = { followers: 0, tagged: 0, untagged: 0, unreachable: 0 };
    for await (const batch of this.redis.sScanIterator(this.keys.followersAll, { COUNT: 500 })) {
      for (const userId of Array.isArray(batch) ? batch : [batch]) {
        result.followers += 1;
        await this.mirror(userId, result);
      }
    }
    return result;
  }

  private async mirror(userId: string, result: MirrorResult): Promise<void> {
    const record = await this.registry.get(userId);
    if (!record) return;
    const wanted = tagsFor(record, this.commune);
    const raw = await this.redis.hGet(this.keys.profile(userId), 'zaloTags');
    const mirrored = raw ? raw.split(TAG_SEPARATOR) : [];
    const changes = [
      ...wanted.filter((t) => !mirrored.includes(t)).map((t) => [t, true] as const),
      ...mirrored.filter((t) => !wanted.includes(t)).map((t) => [t, false] as const),
    ];
    for (const [tag, add] of changes) {
      if ((await this.directory.tag(userId, tag, add)) === 'unreachable') {
        result.unreachable += 1;
        return;
      }
      if (add) result.tagged += 1;
      else result.untagged += 1;
    }
    if (changes.length) await this.redis.hSet(this.keys.profile(userId), 'zaloTags', wanted.join(TAG_SEPARATOR));
  }
}
