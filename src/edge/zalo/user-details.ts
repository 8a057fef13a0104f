/**
 * A citizen's Zalo display name (`GET /v3.0/oa/user/detail`, docs/zalo-platform.md §5). Team members
 * see this name instead of an id or a phone number. A name is a courtesy: when Zalo will not
 * say (the user never followed, the call fails) the caller goes on without one.
 */
import { z } from 'zod';
import type { Logger } from '../../logger';
import { hashId } from '../../logger';
import type { ZaloOaClient } from './oa-client';

export const USER_DETAIL_ENDPOINT = '/v3.0/oa/user/detail';

const detailSchema = z.object({ display_name: z.string().trim().min(1).max(100) });

export type DisplayNameLookup = (userId: string) => Promise<string | undefined>;

export function zaloDisplayNames(client: Pick<ZaloOaClient, 'query'>, logger: Logger): DisplayNameLookup {
  return async (userId) => {
    try {
      const parsed = detailSchema.safeParse(await client.query(USER_DETAIL_ENDPOINT, { user_id: userId }));
      return parsed.success ? parsed.data.display_name : undefined;
    } catch (err) {
      logger.debug({ user: hashId(userId), err: (err as Error).message }, 'no display name from zalo');
      return undefined;
    }
  };
}
