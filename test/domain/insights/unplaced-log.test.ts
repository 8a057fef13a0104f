import { createClient } from 'redis';
import { createKeys } from '../../../src/store/keys';
import { UnplacedLog } from '../../../src/domain/insights/unplaced-log';
import { deleteKeys, uniquePrefix } from '../../helpers';

describe('the unplaced-message log', () => {
  const prefix = uniquePrefix('unplaced');
  const redis = createClient({ url: 'redis://127.0.0.1:6379' });
  const log = new UnplacedLog(redis, createKeys(prefix));
  beforeAll(() => redis.connect());
  afterAll(async () => {
    await redis.close();
    await deleteKeys(prefix);
  });

  it('keeps no phone or ID number, no user id, and what the person did next', async () => {
    const id = await log.record('9123456789012345678', 'sdt em 0905 123 456, cccd 049123456789, hỏi hồ sơ', 'clarify:procedure');
    await log.recordNext(id, 'chose:procedure');
    const [record] = await log.list(0, Date.now() + 1000);
    expect(record!.text).toBe('sdt em ••••, cccd ••••, hỏi hồ sơ');
    expect(record!.user).not.toContain('9123456789012345678');
    expect(record!.next).toBe('chose:procedure');
  });

  it('groups by folded text, counting people', async () => {
    await log.record('1', 'Hồ sơ?', 'clarify:x');
    await log.record('2', 'ho so', 'clarify:x');
    const groups = await log.groups(0, Date.now() + 1000);
    expect(groups.find((g) => g.text === 'ho so')).toMatchObject({ count: 2, users: 2 });
  });
});
