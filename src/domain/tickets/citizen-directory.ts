/**
 * What tickets need to know about a citizen: their village (kept by the follower registry, so
 * that answering "which village?" here also places them in that village's announcements) and
 * the display name members may see. Nothing else — never a phone number.
 */
import type { FollowerRegistry } from '../followers/follower-registry';
import type { Keys } from '../../store/keys';
import type { RedisClient } from '../../store/redis';

export interface CitizenDirectory {
  villageOf(userId: string): Promise<string | undefined>;
  setVillage(userId: string, village: string): Promise<void>;
  displayNameOf(userId: string): Promise<string | undefined>;
}

/** A display name is asked of Zalo again after a week: people rename themselves. */
const NAME_FRESH_MS = 7 * 24 * 3_600_000;

export class ProfileCitizenDirectory implements CitizenDirectory {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
    private readonly followers: Pick<FollowerRegistry, 'get' | 'choose'>,
    /** Asks Zalo for a name (edge/zalo/user-details.ts); without it only a stored name is used. */
    private readonly lookupName?: (userId: string) => Promise<string | undefined>,
    private readonly now: () => number = Date.now,
  ) {}

  async villageOf(userId: string): Promise<string | undefined> {
    return (await this.followers.get(userId))?.village ?? undefined;
  }

  async setVillage(userId: string, village: string): Promise<void> {
    await this.followers.choose(userId, { village });
  }

  async displayNameOf(userId: string): Promise<string | undefined> {
    const [stored, storedAt] = await this.redis.hmGet(this.keys.profile(userId), ['displayName', 'displayNameAt']);
    if (stored && this.now() - Number(storedAt ?? 0) < NAME_FRESH_MS) return stored;
    const fetched = await this.lookupName?.(userId);
    if (!fetched) return stored ?? undefined;
    await this.redis.hSet(this.keys.profile(userId), { displayName: fetched, displayNameAt: String(this.now()) });
    return fetched;
  }
}
