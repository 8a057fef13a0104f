import axios from 'axios';
import { createClient } from 'redis';
import { main } from '../../src/tools/sync-followers';
import { createKeys } from '../../src/store/keys';
import type { RedisClient } from '../../src/store/redis';
import { FollowerRegistry } from '../../src/domain/followers/follower-registry';
import { createHarness, userId, type Harness } from '../helpers';
import { toolRunner } from './tool-harness';

describe('npm run followers:sync (fake Zalo, real Redis)', () => {
  let h: Harness;
  let redis: RedisClient;
  let registry: FollowerRegistry;
  let keys: ReturnType<typeof createKeys>;
  beforeAll(async () => {
    h = await createHarness('followers-sync');
    redis = createClient();
    await redis.connect();
    keys = createKeys(h.prefix);
    registry = new FollowerRegistry(redis, keys);
  });
  afterAll(async () => {
    await redis.close();
    await h.close();
  });

  // The harness (and its env) exists only once beforeAll has run.
  const run = (...argv: string[]) => toolRunner(main, h.env)(...argv);

  it("lists every follower on Zalo's list, page by page (50 a call)", async () => {
    const followers = Array.from({ length: 120 }, () => userId());
    for (const id of followers) h.fake.setUserState(id, 'follower');
    const gone = userId();
    h.fake.setUserState(gone, 'unfollowed');
    const result = await run();
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/followers on Zalo: 120, listed: 120/);
    expect(await redis.sCard(keys.followersAll)).toBe(120);
    expect(await redis.sIsMember(keys.followersAll, gone)).toBeFalsy();
  });

  it('--tags mirrors village and topics as Zalo tags, and removes the ones that no longer apply', async () => {
    const user = userId();
    h.fake.setUserState(user, 'follower');
    await registry.update(user, { village: 'Phương Nghệ', topics: ['power'] });
    const first = await run('--tags');
    expect(first.code).toBe(0);
    expect(h.fake.tagsOf(user).sort()).toEqual(['Chủ đề: Lịch cắt điện', 'Thôn Phương Nghệ']);
    await registry.update(user, { village: 'Đồng Tràm Tây', topics: ['power', 'health'] });
    const second = await run('--tags');
    expect(second.stdout).toMatch(/2 tags added, 1 removed/);
    expect(h.fake.tagsOf(user).sort()).toEqual(['Chủ đề: Lịch cắt điện', 'Chủ đề: Y tế, tiêm chủng', 'Thôn Đồng Tràm Tây']);
    expect((await run('--tags')).stdout).toMatch(/0 tags added, 0 removed/);
  });

  it("the fake Zalo holds the client to getlist's limits: count ≤ 50, offset ≤ 9951", async () => {
    const ask = (data: unknown) =>
      axios
        .get(`${h.zaloUrl}/v3.0/oa/user/getlist`, { params: { data: JSON.stringify(data) }, headers: { access_token: 'access-0' } })
        .then((r) => r.data.error);
    expect(await ask({ offset: 0, count: 50 })).toBe(0);
    expect(await ask({ offset: 0, count: 51 })).toBe(-201);
    expect(await ask({ offset: 9952, count: 10 })).toBe(-201);
  });

  it('exits 2 on bad usage; 1 when Zalo refuses', async () => {
    expect((await run('--everything')).code).toBe(2);
    h.fake.failNext('/v3.0/oa/user/getlist', -224);
    const refused = await run();
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/-224/);
  });
});
