/**
 * A follower as officers and tools see it, and the changes that may be made to one. The segment
 * record is kept in a follower hash under the `{f}` tag with the segment sets (store/keys.ts); the
 * language and follow state come from the per-user profile. The registry (follower-registry.ts)
 * keeps the sets in step with the record.
 */
import { z } from 'zod';
import type { Locale } from '../../i18n';

/** A Zalo user id: digits only (they exceed 2^53, so they stay strings). */
export const zaloUserIdSchema = z.string().regex(/^\d{1,25}$/, 'must be 1–25 digits');

export interface FollowerRecord {
  id: string;
  /** The village as the commune profile spells it. */
  village: string | null;
  /** Topic ids from the commune profile. */
  topics: string[];
  locale: Locale | null;
  /** Chose "stop all announcements": in no audience until they resume. */
  stopped: boolean;
  /** What Zalo last told us (follow / unfollow); null when no such event arrived yet. */
  following: boolean | null;
  /** When the citizen or an officer last chose a segment (ISO). */
  consentAt: string | null;
  /** In the set of followers that audiences are built from (followed or chatted, not unfollowed since). */
  listed: boolean;
}

/** What the API, the CSV import and the subscription conversation may change. */
export interface FollowerChange {
  /** null clears the village. */
  village?: string | null;
  topics?: string[];
  locale?: Locale;
  stopped?: boolean;
}
