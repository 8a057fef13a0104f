/** Zalo's follower list and tags (docs/zalo-platform.md §5) over the OA client, for the follower mirror. */
import type { FollowerDirectory } from '../../domain/followers/zalo-mirror';
import { isZaloApiError } from './errors';
import type { ZaloOaClient } from './oa-client';

interface FollowerPage {
  total?: number;
  users?: Array<{ user_id?: string }>;
}

export class ZaloFollowerDirectory implements FollowerDirectory {
  constructor(private readonly client: Pick<ZaloOaClient, 'call' | 'query'>) {}

  async page(offset: number, count: number): Promise<{ userIds: string[]; total: number }> {
    const data = await this.client.query<FollowerPage>('/v3.0/oa/user/getlist', { offset, count, is_follower: true });
    const userIds = (data?.users ?? []).flatMap((u) => (typeof u.user_id === 'string' && /^\d{1,30}$/.test(u.user_id) ? [u.user_id] : []));
    return { userIds, total: Number(data?.total ?? userIds.length) };
  }

  async tag(userId: string, tag: string, add: boolean): Promise<'done' | 'unreachable'> {
    try {
      await this.client.call(add ? '/v2.0/oa/tag/tagfollower' : '/v2.0/oa/tag/rmfollowerfromtag', { user_id: userId, tag_name: tag });
      return 'done';
    } catch (err) {
      if (isZaloApiError(err) && err.errorClass === 'unreachable') return 'unreachable';
      throw err;
    }
  }
}
