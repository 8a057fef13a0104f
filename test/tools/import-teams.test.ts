import { createClient } from 'redis';
import { main } from '../../src/tools/import-teams';
import { createKeys } from '../../src/store/keys';
import type { RedisClient } from '../../src/store/redis';
import { TeamRegistry } from '../../src/domain/teams/team-registry';
import { loadCommuneProfile } from '../../src/domain/commune/commune-profile';
import { deleteKeys, uniquePrefix, userId } from '../helpers';
import { inputFiles, toolEnv, toolRunner } from './tool-harness';

describe('npm run teams:import (real Redis)', () => {
  const prefix = uniquePrefix('teams-import');
  const keys = createKeys(prefix);
  const env = toolEnv(prefix);
  let redis: RedisClient;
  let teams: TeamRegistry;
  beforeAll(async () => {
    redis = createClient();
    await redis.connect();
    teams = new TeamRegistry(redis, keys, loadCommuneProfile());
  });
  afterAll(async () => {
    await redis.close();
    await deleteKeys(prefix);
  });

  const run = toolRunner(main, env);
  const write = inputFiles('teams');

  it('a CSV (one row per member, ";" separated, Vietnamese headers) sets each team listed; bad lines are reported', async () => {
    const [a, b, c] = [userId(), userId(), userId()];
    const untouched = userId();
    await teams.put('Hương Quế Đông', { members: [{ zaloId: untouched }] });
    const file = write(
      'teams.csv',
      `Thôn;Zalo_ID;Tên;Tên tổ\nphuong nghe;${a};Anh Tuấn;Tổ CNS Phương Nghệ\nPhương Nghệ;${b};;\ncommune;${c};Chị Hoa;\nAtlantis;123;;\nĐồng Tràm Tây;09x;;\n`,
    );
    const result = await run(file);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/teams written 2 \(Phương Nghệ: 2 member\(s\), commune: 1 member\(s\)\), problems: 2/);
    expect(result.stdout).toMatch(/line 5: "Atlantis" is not a village/);
    expect(result.stdout).toMatch(/line 6: zaloId must be a Zalo user id/);
    expect(await teams.get('Phương Nghệ')).toMatchObject({
      name: 'Tổ CNS Phương Nghệ',
      members: [{ zaloId: a, displayName: 'Anh Tuấn' }, { zaloId: b }],
    });
    expect((await teams.get('commune')).members).toEqual([{ zaloId: c, displayName: 'Chị Hoa' }]);
    expect((await teams.get('Hương Quế Đông')).members).toEqual([{ zaloId: untouched }]);
  });

  it('a CSV team of more than 50 members is refused as the API would, the others still written', async () => {
    const rows = Array.from({ length: 51 }, () => `Hương Quế Đông,${userId()}`).join('\n');
    const ok = userId();
    const before = await teams.get('Hương Quế Đông');
    const result = await run(write('big.csv', `village,zalo_id\n${rows}\nĐồng Tràm Tây,${ok}\n`));
    expect(result.code).toBe(0);
    expect(result.stdout + result.stderr).toMatch(/Hương Quế Đông: members at most 50 members; not written/);
    expect((await teams.get('Hương Quế Đông')).members).toEqual(before.members);
    expect((await teams.get('Đồng Tràm Tây')).members.map((m) => m.zaloId)).toEqual([ok]);
  });

  it('JSON as a list or as an object by village', async () => {
    const [a, b] = [userId(), userId()];
    expect(
      (await run(write('list.json', JSON.stringify([{ village: 'Hương Quế Đông', members: [a, { zaloId: b, displayName: 'Bác Năm' }] }]))))
        .code,
    ).toBe(0);
    expect((await teams.get('Hương Quế Đông')).members).toEqual([{ zaloId: a }, { zaloId: b, displayName: 'Bác Năm' }]);
    const byVillage = await run(
      write('object.json', JSON.stringify({ 'dong tram tay': { name: 'Tổ Đồng Tràm', members: [a] }, Atlantis: { members: [] } })),
    );
    expect(byVillage.code).toBe(0);
    expect(byVillage.stdout).toMatch(/team "Atlantis": "Atlantis" is not a village/);
    expect(await teams.get('Đồng Tràm Tây')).toMatchObject({ name: 'Tổ Đồng Tràm', members: [{ zaloId: a }] });
  });

  it('exit 1 when nothing can be used, 2 on bad usage', async () => {
    expect((await run(write('bad.json', '{"Phương Nghệ": {"members": ["x"]}}'))).stderr).toMatch(
      /members\.0\.zaloId must be a Zalo user id/,
    );
    expect((await run(write('none.csv', 'name,phone\nA,0912\n'))).code).toBe(1);
    expect((await run('/nonexistent/missing.csv')).stderr).toMatch(/no such file/);
    expect((await run()).code).toBe(2);
  });
});
