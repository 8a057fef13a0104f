/** Segment resolution over the follower sets (docs/contract.md): villages ∩ topics ∪ ids, never stopped; unfollowed only when named. */
import { createClient } from 'redis';
import { createKeys, type Keys } from '../../../src/store/keys';
import type { RedisClient } from '../../../src/store/redis';
import { AudienceResolver } from '../../../src/domain/broadcasts/audience';
import { deleteKeys, uniquePrefix } from '../../helpers';
import { writeFollower } from '../../jobs/broadcast-fixtures';

describe('audience resolution', () => {
  let redis: RedisClient;
  let keys: Keys;
  let prefix: string;
  let resolver: AudienceResolver;
  const members = async (key: string) => (await redis.sMembers(key)).sort();

  beforeAll(async () => {
    redis = createClient();
    await redis.connect();
    prefix = uniquePrefix('audience');
    keys = createKeys(prefix);
    resolver = new AudienceResolver(redis, keys);
    // ids name what each follower is: village initials, topics, flags.
    const followers: Array<[string, Parameters<typeof writeFollower>[3]]> = [
      ['101', { village: 'Phương Nghệ', topics: ['power'] }],
      ['102', { village: 'Phương Nghệ', topics: ['weather'] }],
      ['103', { village: 'Phương Nghệ', topics: ['health'] }],
      ['104', { village: 'Đồng Tràm Tây', topics: ['power', 'health'] }],
      ['105', { village: 'Hương Quế Đông' }],
      ['106', { village: 'Phương Nghệ', topics: ['power'], stopped: true }],
      ['107', { village: 'Phương Nghệ', topics: ['power'], unfollowed: true }],
      ['108', {}],
    ];
    for (const [id, f] of followers) await writeFollower(redis, keys, id, f);
  });
  afterAll(async () => {
    await deleteKeys(prefix);
    await redis.close();
  });

  const freeze = async (audience: Parameters<AudienceResolver['freeze']>[0]) => {
    const dest = keys.broadcastAudience(`a${Math.random().toString(36).slice(2)}`);
    const size = await resolver.freeze(audience, dest);
    const ids = await members(dest);
    expect(ids).toHaveLength(size);
    return ids;
  };

  it('villages (any of) AND topics (any of), PLUS user ids', async () => {
    expect(await freeze({ villages: ['Phương Nghệ', 'Đồng Tràm Tây'], topics: ['power', 'weather'] })).toEqual(['101', '102', '104']);
    expect(await freeze({ villages: ['Phương Nghệ'], topics: ['power'], userIds: ['105', '108'] })).toEqual(['101', '105', '108']);
    expect(await freeze({ villages: ['Hương Quế Đông'] })).toEqual(['105']);
    expect(await freeze({ topics: ['health'] })).toEqual(['103', '104']);
  });

  it('all = every follower; stopped never included, even named by id; unfollowed only when named', async () => {
    expect(await freeze({ all: true })).toEqual(['101', '102', '103', '104', '105', '108']);
    expect(await freeze({ villages: ['Phương Nghệ'], topics: ['power'] })).toEqual(['101']);
    // Named ids are kept even when the registry does not know them (the delivery skips who unfollowed).
    expect(await freeze({ userIds: ['106', '107', '999'] })).toEqual(['107', '999']);
    expect(await freeze({ villages: ['Hương Quế Đông'], userIds: ['106', '999'] })).toEqual(['105', '999']);
    expect(await freeze({ all: true, userIds: ['999'] })).toEqual(['101', '102', '103', '104', '105', '108', '999']);
  });

  it('counts without leaving keys behind', async () => {
    const before = await redis.keys(`${prefix}:*`);
    expect(await resolver.count({ villages: ['Phương Nghệ'] })).toBe(3);
    expect(await resolver.count({ all: true, userIds: ['106'] })).toBe(6);
    expect((await redis.keys(`${prefix}:*`)).sort()).toEqual(before.sort());
  });
});
