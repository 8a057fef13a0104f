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

export class ProfileCitizenDirectory implements CitizenDirectory {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
    private readonly followers: Pick<FollowerRegistry, 'get' | 'choose'>,
  ) {}

  async villageOf(userId: string): Promise<string | undefined> {
    return (await this.followers.get(userId))?.village ?? undefined;
  }

  async setVillage(userId: string, village: string): Promise<void> {
    await this.followers.choose(userId, { village });
  }

  async displayNameOf(userId: string): Promise<string | undefined> {
    return (await this.redis.hGet(this.keys.profile(userId), 'displayName')) ?? undefined;
  }
}
