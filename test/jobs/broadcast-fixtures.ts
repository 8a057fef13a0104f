/**
 * What the broadcast tests share: followers written straight into the follower sets, the follower
 * hash and the profile hash (the layout of store/keys.ts, independent of the follower registry's code), and a
 * broadcast put into the `sending` state without the API.
 */
import type { Keys } from '../../src/store/keys';
import type { RedisClient } from '../../src/store/redis';
import type { FakeZalo } from '../../src/dev/fake-zalo';
import type { BroadcastContent } from '../../src/domain/broadcasts/broadcast';
import type { BroadcastStore } from '../../src/domain/broadcasts/broadcast-store';

export interface FollowerFixture {
  village?: string;
  topics?: string[];
  stopped?: boolean;
  /** Removed from followersAll and marked `following: 0`. */
  unfollowed?: boolean;
  /** ms epoch of the last interaction; also told to the fake Zalo. Default: now. */
  lastInteraction?: number;
}

export async function writeFollower(
  redis: RedisClient,
  keys: Keys,
  userId: string,
  f: FollowerFixture = {},
  fake?: FakeZalo,
): Promise<void> {
  const last = f.lastInteraction ?? Date.now();
  const tx = redis.multi();
  if (!f.unfollowed) tx.sAdd(keys.followersAll, userId);
  if (f.village) tx.sAdd(keys.followersInVillage(f.village), userId);
  for (const t of f.topics ?? []) tx.sAdd(keys.followersOfTopic(t), userId);
  if (f.stopped) tx.sAdd(keys.followersStopped, userId);
  const record = {
    ...(f.village ? { village: f.village } : {}),
    ...(f.topics ? { topics: f.topics.join(',') } : {}),
    ...(f.stopped ? { stopped: '1' } : {}),
  };
  if (Object.keys(record).length) tx.hSet(keys.follower(userId), record);
  await tx.exec();
  // The per-user profile sits in another cluster slot: its own command.
  await redis.hSet(keys.profile(userId), { lastInteraction: String(last), following: f.unfollowed ? '0' : '1' });
  fake?.recordInteraction(userId, last);
}

let seq = 0;

export function content(patch: Partial<BroadcastContent> = {}): BroadcastContent {
  seq += 1;
  return {
    id: `t${Date.now().toString(36)}${seq}`,
    text: 'Thông báo: ngày mai cắt điện từ 7:00 đến 11:00.',
    audience: { all: true },
    createdAt: new Date().toISOString(),
    createdBy: { kind: 'token', id: 'test', name: 'Cán bộ thử' },
    ...patch,
  };
}

/** A broadcast already planned for `planned` recipients, as the plan job leaves it. */
export async function sendingBroadcast(
  store: BroadcastStore,
  planned: number,
  patch: Partial<BroadcastContent> = {},
): Promise<BroadcastContent> {
  const b = content(patch);
  await store.create(b, 'sending');
  await store.markPlanned(b.id, planned, new Date());
  return b;
}
