/**
 * What the service remembers of a citizen beyond conversations: the chosen language and whether
 * they still follow the OA. Shares the per-user hash with the interaction ledger.
 */
import { isLocale, type Locale } from '../i18n';
import type { Keys } from '../store/keys';
import type { RedisClient } from '../store/redis';

export interface FollowerFacts {
  known: boolean;
  locale?: Locale;
  following?: boolean;
  followingChangedAt?: number;
}

export class UserProfiles {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
  ) {}

  async locale(userId: string): Promise<Locale | undefined> {
    const value = await this.redis.hGet(this.keys.profile(userId), 'locale');
    return isLocale(value) ? value : undefined;
  }

  async setLocale(userId: string, locale: Locale): Promise<void> {
    await this.redis.hSet(this.keys.profile(userId), 'locale', locale);
  }

  async setFollowing(userId: string, following: boolean, at = Date.now()): Promise<void> {
    await this.redis.hSet(this.keys.profile(userId), { following: following ? '1' : '0', followingChangedAt: String(at) });
  }

  /**
   * What the follower registry needs from the profile: whether the user is known at all, their
   * language, and Zalo's last word on following (undefined when no follow/unfollow arrived yet).
   */
  async followerFacts(userId: string): Promise<FollowerFacts> {
    const profile = this.keys.profile(userId);
    const [exists, [locale, following, changedAt]] = (await this.redis
      .multi()
      .exists(profile)
      .hmGet(profile, ['locale', 'following', 'followingChangedAt'])
      .exec()) as unknown as [number, Array<string | null>];
    return {
      known: exists === 1,
      ...(isLocale(locale) ? { locale } : {}),
      ...(following ? { following: following === '1', followingChangedAt: Number(changedAt ?? 0) } : {}),
    };
  }
}
