/**
 * The commune's own facts (data/commune.json): names old and new, the public administrative
 * service centre, villages, the commune team, the online-filing link. The commune edits this file;
 * nothing commune-specific lives in code. Values the commune has not confirmed are listed in
 * `samples`, and the service says so in its start-up log.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { projectRoot } from '../../project-root';
import { fold } from '../text/fold';

export const communeProfileSchema = z.object({
  /** Which values are samples still to be confirmed by the commune (free text paths). */
  samples: z.array(z.string()),
  name: z.string().min(1),
  shortName: z.string().min(1),
  city: z.string().min(1),
  statisticsCode: z.string().regex(/^\d+$/).nullable(),
  formerNames: z.array(z.string().min(1)),
  serviceCentre: z.object({
    name: z.string().min(1),
    address: z.string().min(1),
    /** Digits only, as dialled: used for "call" buttons. */
    phone: z.string().regex(/^\+?\d{6,15}$/, 'digits only'),
    openingHours: z.array(z.object({ days: z.string().min(1), hours: z.string().min(1) })).min(1),
  }),
  onlineFiling: z.object({
    portalName: z.string().min(1),
    /** `{code}` and `{sourceUrl}` are replaced per procedure. */
    linkTemplate: z.string().min(1),
    fallbackUrl: z.string().url(),
  }),
  villages: z.array(z.object({ name: z.string().min(1) })).min(1),
  team: z.object({ name: z.string().min(1) }),
});

export type CommuneProfile = z.infer<typeof communeProfileSchema>;

export function loadCommuneProfile(path = join(projectRoot(), 'data', 'commune.json')): CommuneProfile {
  const parsed = communeProfileSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) {
    throw new Error(`${path} is invalid:\n${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n')}`);
  }
  return parsed.data;
}

/** The village as the profile spells it, matched without regard to diacritics or case. */
export function findVillage(profile: CommuneProfile, typed: string): string | undefined {
  const wanted = fold(typed).replace(/^thon\s+/, '').trim();
  return profile.villages.find((v) => fold(v.name).replace(/^thon\s+/, '') === wanted)?.name;
}

/** The online-filing link of a procedure, from the commune's template. */
export function onlineFilingUrl(profile: CommuneProfile, procedure: { code: string; sourceUrl: string | null }): string {
  const template = profile.onlineFiling.linkTemplate;
  if (template.includes('{sourceUrl}') && !procedure.sourceUrl) return profile.onlineFiling.fallbackUrl;
  return template.replaceAll('{code}', procedure.code).replaceAll('{sourceUrl}', procedure.sourceUrl ?? '');
}

export function openingHoursText(profile: CommuneProfile): string {
  return profile.serviceCentre.openingHours.map((h) => `${h.days}: ${h.hours}`).join('; ');
}
