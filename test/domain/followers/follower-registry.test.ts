import { createClient } from 'redis';
import { createKeys } from '../../../src/store/keys';
import type { RedisClient } from '../../../src/store/redis';
import { UserProfiles } from '../../../src/domain/user-profiles';
import { FollowerRegistry } from '../../../src/domain/followers/follower-registry';
import { deleteKeys, uniquePrefix, userId } from '../../helpers';

describe('follower registry', () => {
  const prefix = uniquePrefix('followers');
  const keys = createKeys(prefix);
  let redis: RedisClient;
  let registry: FollowerRegistry;
  let profiles: UserProfiles;
  beforeAll(async () => {
    redis = createClient();
    await redis.connect();
    registry = new FollowerRegistry(redis, keys, () => Date.parse('2026-11-27T03:00:00Z'));
    profiles = new UserProfiles(redis, keys);
  });
  afterAll(async () => {
    await redis.close();
    await deleteKeys(prefix);
  });

  /** Every segment set the user is in, named briefly. */
  async function setsOf(user: string): Promise<string[]> {
    const names: Array<[string, string]> = [
      ['all', keys.followersAll],
      ['stopped', keys.followersStopped],
      ...['Đồng Tràm Tây', 'Phương Nghệ', 'Hương Quế Đông'].map((v): [string, string] => [`village:${v}`, keys.followersInVillage(v)]),
      ...['power', 'weather', 'health', 'meetings'].map((t): [string, string] => [`topic:${t}`, keys.followersOfTopic(t)]),
    ];
    const found: string[] = [];
    for (const [name, key] of names) if (await redis.sIsMember(key, user)) found.push(name);
    return found;
  }

  /** What the event handler does for a follow / unfollow event. */
  const follow = async (user: string, at: number) => {
    await profiles.setFollowing(user, true, at);
    await registry.interacted(user, at);
  };
  const unfollow = async (user: string, at: number) => {
    await profiles.setFollowing(user, false, at);
    await registry.unfollowed(user);
  };

  it('a follow lists the user; an unfollow takes them out of every set but keeps their choices', async () => {
    const user = userId();
    await follow(user, 1000);
    expect(await setsOf(user)).toEqual(['all']);
    await registry.choose(user, { village: 'Phương Nghệ', topics: ['power', 'health'] });
    expect(await setsOf(user)).toEqual(['all', 'village:Phương Nghệ', 'topic:power', 'topic:health']);
    await unfollow(user, 2000);
    expect(await setsOf(user)).toEqual([]);
    expect(await registry.get(user)).toMatchObject({
      village: 'Phương Nghệ',
      topics: ['power', 'health'],
      following: false,
      listed: false,
    });
    await follow(user, 3000);
    expect(await setsOf(user)).toEqual(['all', 'village:Phương Nghệ', 'topic:power', 'topic:health']);
  });

  it('an interaction lists the user unless they unfollowed after it', async () => {
    const chatted = userId();
    await registry.interacted(chatted, 1000);
    expect(await setsOf(chatted)).toEqual(['all']);

    const late = userId();
    await unfollow(late, 5000);
    await registry.interacted(late, 4000); // an older message handled after the unfollow
    expect(await setsOf(late)).toEqual([]);
    await registry.interacted(late, 6000); // wrote again after unfollowing
    expect(await setsOf(late)).toEqual(['all']);
  });

  it('moving village leaves the old village set; topics follow the profile exactly', async () => {
    const user = userId();
    await registry.interacted(user, 1000);
    await registry.choose(user, { village: 'Đồng Tràm Tây', topics: ['power'] });
    await registry.choose(user, { village: 'Hương Quế Đông', topics: ['weather', 'meetings'] });
    expect(await setsOf(user)).toEqual(['all', 'village:Hương Quế Đông', 'topic:weather', 'topic:meetings']);
    expect(await redis.hGet(keys.follower(user), 'topics')).toBe('weather,meetings');
    await registry.choose(user, { village: null, topics: [] });
    expect(await setsOf(user)).toEqual(['all']);
    expect(await redis.hmGet(keys.follower(user), ['village', 'topics'])).toEqual([null, null]);
  });

  it('stop all puts the user in the stopped set; choosing a topic again resumes', async () => {
    const user = userId();
    await registry.interacted(user, 1000);
    await registry.choose(user, { topics: ['health'] });
    await registry.choose(user, { stopped: true });
    expect(await setsOf(user)).toEqual(['all', 'stopped', 'topic:health']);
    const removed = await registry.toggleTopic(user, 'health');
    expect(removed).toMatchObject({ chosen: false, record: { stopped: true, topics: [] } });
    const added = await registry.toggleTopic(user, 'power');
    expect(added).toMatchObject({ chosen: true, record: { stopped: false, topics: ['power'] } });
    expect(await setsOf(user)).toEqual(['all', 'topic:power']);
  });

  it('values set through the API survive later follow and interaction events; consent time is recorded', async () => {
    const user = userId();
    const { created, record } = await registry.update(user, { village: 'Phương Nghệ', topics: ['power'], locale: 'en' });
    expect(created).toBe(true);
    expect(record).toMatchObject({
      id: user,
      village: 'Phương Nghệ',
      topics: ['power'],
      locale: 'en',
      stopped: false,
      consentAt: '2026-11-27T03:00:00.000Z',
      listed: true,
    });
    // The segment record sits under `{f}` with the sets; the language stays in the profile.
    expect(await redis.hGetAll(keys.profile(user))).toEqual({ locale: 'en' });
    expect(await redis.hmGet(keys.follower(user), ['village', 'topics', 'consentAt', 'locale'])).toEqual([
      'Phương Nghệ',
      'power',
      '2026-11-27T03:00:00.000Z',
      null,
    ]);
    await follow(user, 2000);
    await registry.interacted(user, 3000);
    await unfollow(user, 4000);
    await follow(user, 5000);
    expect(await registry.get(user)).toMatchObject({ village: 'Phương Nghệ', topics: ['power'], locale: 'en', following: true });
    expect((await registry.update(user, { topics: ['health'] })).created).toBe(false);
    expect(await setsOf(user)).toEqual(['all', 'village:Phương Nghệ', 'topic:health']);
  });

  it('an officer does not list someone Zalo says unfollowed', async () => {
    const user = userId();
    await unfollow(user, 1000);
    const { record, created } = await registry.update(user, { village: 'Phương Nghệ' });
    expect(created).toBe(false);
    expect(record.listed).toBe(false);
    expect(await setsOf(user)).toEqual([]);
  });

  it('concurrent moves leave the user in exactly one village', async () => {
    const user = userId();
    await registry.interacted(user, 1000);
    const villages = ['Đồng Tràm Tây', 'Phương Nghệ', 'Hương Quế Đông'];
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        registry.update(user, { village: villages[i % 3]!, topics: [['power', 'health', 'weather'][i % 3]!] }),
      ),
    );
    const record = (await registry.get(user))!;
    expect(await setsOf(user)).toEqual(['all', `village:${record.village}`, `topic:${record.topics[0]}`]);
  });
});
