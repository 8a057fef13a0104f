/**
 * Who follows which dossier, and their ratings. Following needs a grant: only a user who passed
 * the second factor for that code in the last day may follow it (a typed button payload is
 * untrusted). Following ends some days after the result is returned.
 */
import { hashId } from '../../logger';
import type { Keys } from '../../store/keys';
import type { RedisClient } from '../../store/redis';

export const RATING_LEVELS = ['very_satisfied', 'satisfied', 'dissatisfied'] as const;
export type RatingLevel = (typeof RATING_LEVELS)[number];

export interface Rating {
  code: string;
  procedureCode: string;
  level: RatingLevel;
  reason?: string;
  /** ISO time of the rating. */
  at: string;
  /** The rater, hashed: ratings are reported, people are not. */
  rater: string;
}

const GRANT_SEC = 24 * 3600;

export class DossierFollows {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
    /** How long followers keep following after the result was returned. */
    private readonly daysAfterReturn = 7,
  ) {}

  /** Recorded when the second factor was right: this user may follow and rate this code. */
  async grant(userId: string, code: string): Promise<void> {
    await this.redis.set(this.keys.dossierGrant(userId, code), '1', { expiration: { type: 'EX', value: GRANT_SEC } });
  }

  async follow(userId: string, code: string): Promise<boolean> {
    const granted = (await this.redis.exists(this.keys.dossierGrant(userId, code))) === 1;
    if (!granted) return false;
    // The index of followed codes first, then the follower: two commands, since on a cluster the
    // keys sit in different slots. A crash in between leaves only an index entry, which
    // `followedCodes` drops when it finds nobody following — never a follower whose code goes unchecked.
    await this.redis.sAdd(this.keys.followedDossiers, code);
    await this.redis.sAdd(this.keys.dossierFollowers(code), userId);
    return true;
  }

  async unfollow(userId: string, code: string): Promise<void> {
    await this.redis.sRem(this.keys.dossierFollowers(code), userId);
  }

  async isFollowing(userId: string, code: string): Promise<boolean> {
    return (await this.redis.sIsMember(this.keys.dossierFollowers(code), userId)) === 1;
  }

  async followers(code: string): Promise<string[]> {
    return this.redis.sMembers(this.keys.dossierFollowers(code));
  }

  /** Codes someone follows (for checking a remote source); codes nobody follows any more drop out. */
  async followedCodes(): Promise<string[]> {
    const codes = await this.redis.sMembers(this.keys.followedDossiers);
    const followed: string[] = [];
    for (const code of codes) {
      if ((await this.redis.sCard(this.keys.dossierFollowers(code))) > 0) followed.push(code);
      else await this.redis.sRem(this.keys.followedDossiers, code);
    }
    return followed;
  }

  /** The result was returned: following ends after the configured days. */
  async endAfterReturn(code: string): Promise<void> {
    await this.redis.expire(this.keys.dossierFollowers(code), this.daysAfterReturn * 86_400);
  }

  /** One rating per user and dossier; a second one replaces the first. Only followers may rate. */
  async rate(userId: string, rating: Omit<Rating, 'rater' | 'at'>, at = new Date()): Promise<boolean> {
    if (!(await this.isFollowing(userId, rating.code))) return false;
    const member = `${rating.code}|${hashId(userId)}`;
    const record: Rating = { ...rating, at: at.toISOString(), rater: hashId(userId) };
    // The record first, then its place in the time index (different slots on a cluster): a crash in
    // between leaves a record nobody lists, replaced by the user's next rating of the dossier.
    await this.redis.hSet(this.keys.ratingData, member, JSON.stringify(record));
    await this.redis.zAdd(this.keys.ratings, { score: at.getTime(), value: member });
    return true;
  }

  /** Adds the reason to the user's rating of this dossier. */
  async addReason(userId: string, code: string, reason: string): Promise<void> {
    const member = `${code}|${hashId(userId)}`;
    const raw = await this.redis.hGet(this.keys.ratingData, member);
    if (!raw) return;
    await this.redis.hSet(this.keys.ratingData, member, JSON.stringify({ ...(JSON.parse(raw) as Rating), reason: reason.slice(0, 500) }));
  }

  async ratings(from: Date, to: Date): Promise<Rating[]> {
    const members = await this.redis.zRangeByScore(this.keys.ratings, from.getTime(), to.getTime());
    if (!members.length) return [];
    const raws = await this.redis.hmGet(this.keys.ratingData, members);
    return raws.filter((r): r is string => Boolean(r)).map((r) => JSON.parse(r) as Rating);
  }
}

/** The share rated satisfied (very satisfied or satisfied), as government scoring counts it. */
export function satisfiedShare(ratings: ReadonlyArray<{ level: RatingLevel }>): number | null {
  if (!ratings.length) return null;
  return ratings.filter((r) => r.level !== 'dissatisfied').length / ratings.length;
}
