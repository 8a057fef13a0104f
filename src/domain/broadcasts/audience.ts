/**
 * Turns an audience into a set of user ids with Redis set algebra, in one MULTI over the follower
 * sets (all under the `{f}` hash tag, so it stays one slot on a cluster):
 *   ((∪ villages) ∩ (∪ topics)  ∩ followersAll  ∪  userIds)  ∖ followersStopped     (or all ∖ stopped)
 * Intersecting the segments with `followersAll` keeps out whoever unfollowed, even when a segment
 * set still lists them. Ids named in `userIds` are included whether or not the registry knows them
 * (docs/contract.md: "plus every id in userIds"); only who stopped announcements is taken out, and the
 * delivery skips whoever no longer follows (`unfollowed`, from the profile). Villages and topics
 * arrive as the commune profile spells them (see the service).
 */
import { randomBytes } from 'node:crypto';
import type { Keys } from '../../store/keys';
import type { RedisClient } from '../../store/redis';
import type { Audience } from './broadcast';

const token = () => randomBytes(8).toString('hex');

export class AudienceResolver {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
  ) {}

  /** Freezes the audience into `dest` (replacing it); returns its size. */
  async freeze(audience: Audience, dest: string): Promise<number> {
    return this.resolveInto(audience, dest, false);
  }

  /** How many followers the audience reaches now (the composer's preview). */
  async count(audience: Audience): Promise<number> {
    return this.resolveInto(audience, this.keys.audienceScratch(token()), true);
  }

  private async resolveInto(audience: Audience, dest: string, discard: boolean): Promise<number> {
    const k = this.keys;
    const scratch = k.audienceScratch(token());
    const tx = this.redis.multi().del(dest);
    if (audience.all) {
      tx.sUnionStore(dest, [k.followersAll]);
    } else {
      const villages = (audience.villages ?? []).map((v) => k.followersInVillage(v));
      const topics = (audience.topics ?? []).map((t) => k.followersOfTopic(t));
      if (villages.length && topics.length) {
        tx.sUnionStore(dest, villages).sUnionStore(scratch, topics).sInterStore(dest, [dest, scratch]).del(scratch);
      } else if (villages.length || topics.length) {
        tx.sUnionStore(dest, villages.length ? villages : topics);
      }
      tx.sInterStore(dest, [dest, k.followersAll]);
    }
    if (audience.userIds?.length) tx.sAdd(dest, audience.userIds);
    tx.sDiffStore(dest, [dest, k.followersStopped]);
    // A MULTI's replies come back in order: the last is the cardinality.
    tx.sCard(dest);
    if (discard) tx.del(dest);
    const replies = await tx.exec();
    return Number(replies[replies.length - (discard ? 2 : 1)]);
  }
}
