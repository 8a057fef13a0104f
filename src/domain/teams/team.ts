/**
 * A community digital technology team (tổ công nghệ số cộng đồng): one per village, plus the
 * commune-level team under the key `commune`. Members are Zalo user ids (digits only); the
 * team's name signs its answers to citizens. Names default from the commune profile.
 */
import { z } from 'zod';
import { findVillage, type CommuneProfile } from '../commune/commune-profile';
import { fold } from '../text/fold';

/** The key of the commune-level team, beside the villages' names. */
export const COMMUNE_TEAM = 'commune';

const zaloIdSchema = z
  .string()
  .trim()
  .regex(/^\d{1,30}$/, 'must be a Zalo user id (digits only)');

export const memberSchema = z.strictObject({
  zaloId: zaloIdSchema,
  displayName: z.string().trim().min(1).max(100).optional(),
});
export type TeamMember = z.infer<typeof memberSchema>;

/** A member given as a bare id or as `{zaloId, displayName}`. */
const memberInputSchema = z.preprocess((v) => (typeof v === 'string' ? { zaloId: v } : v), memberSchema);

export const teamInputSchema = z.strictObject({
  members: z
    .array(memberInputSchema)
    .max(50, 'at most 50 members')
    .refine((m) => new Set(m.map((x) => x.zaloId)).size === m.length, 'lists a member twice'),
  name: z.string().trim().min(1, 'must not be empty').max(100).optional(),
});
export type TeamInput = z.infer<typeof teamInputSchema>;

export interface Team {
  /** A village's name as the commune profile spells it, or `commune`. */
  key: string;
  name: string;
  members: TeamMember[];
  updatedAt?: string;
}

/** The team key for what someone typed: `commune` (or the commune's own name), or a village. */
export function findTeamKey(profile: CommuneProfile, typed: string): string | undefined {
  const folded = fold(typed).trim();
  if (folded === COMMUNE_TEAM || folded === fold(profile.shortName) || folded === fold(profile.name)) return COMMUNE_TEAM;
  return findVillage(profile, typed);
}

export function defaultTeamName(profile: CommuneProfile, key: string): string {
  return key === COMMUNE_TEAM ? profile.team.name : `Tổ công nghệ số thôn ${key}`;
}
