import { createClient } from 'redis';
import { main } from '../../src/tools/import-followers';
import { createKeys } from '../../src/store/keys';
import type { RedisClient } from '../../src/store/redis';
import { FollowerRegistry } from '../../src/domain/followers/follower-registry';
import { deleteKeys, uniquePrefix, userId } from '../helpers';
import { inputFiles, toolEnv, toolRunner } from './tool-harness';

describe('npm run followers:import (real Redis)', () => {
  const prefix = uniquePrefix('followers-csv');
  const keys = createKeys(prefix);
  const env = toolEnv(prefix);
  let redis: RedisClient;
  beforeAll(async () => {
    redis = createClient();
    await redis.connect();
  });
  afterAll(async () => {
    await redis.close();
    await deleteKeys(prefix);
  });

  const run = toolRunner(main, env);
  const write = inputFiles('followers');

  it('imports the good rows into the registry and its segment sets, reports the bad ones, exits 0', async () => {
    const [a, b] = [userId(), userId()];
    await new FollowerRegistry(redis, keys).update(b, { locale: 'en' });
    const file = write(
      'list.csv',
      `user_id,village,topics,locale\n${a},phuong nghe,cat dien|y te,vi\n${b},Đồng Tràm Tây,,\nabc,Phương Nghệ,,\n`,
    );
    const result = await run(file);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/imported 2 \(new 1, updated 1\), bad rows: 1/);
    expect(result.stdout).toMatch(/line 4: user_id: "abc"/);
    expect(await redis.sIsMember(keys.followersInVillage('Phương Nghệ'), a)).toBeTruthy();
    expect(await redis.sIsMember(keys.followersOfTopic('health'), a)).toBeTruthy();
    expect(await new FollowerRegistry(redis, keys).get(b)).toMatchObject({ village: 'Đồng Tràm Tây', locale: 'en' });
  });

  it('exits 1 when nothing could be imported, 2 on bad usage', async () => {
    const allBad = await run(write('bad.csv', 'user_id,village\nabc,Phương Nghệ\n123,Hà Nội\n'));
    expect(allBad.code).toBe(1);
    expect(allBad.stderr).toMatch(/line 2: user_id[\s\S]*line 3: village: unknown village "Hà Nội"/);
    const noHeader = await run(write('noheader.csv', '1234,Phương Nghệ\n'));
    expect(noHeader.code).toBe(1);
    expect(noHeader.stderr).toMatch(/header with a user_id column/);
    expect((await run('/nonexistent/missing.csv')).stderr).toMatch(/no such file/);
    expect((await run()).code).toBe(2);
  });
});
