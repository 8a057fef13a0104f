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
import { foldPhrase } from '../text/fold';

/** Room for the "✓ " a chosen topic's button carries, within Zalo's 20-character titles. */
const TOPIC_LABEL_MAX = 18;
const bilingual = (max?: number) => {
  const text = max === undefined ? z.string().min(1) : z.string().min(1).refine((t) => [...t].length <= max, `at most ${max} characters`);
  return z.object({ vi: text, en: text });
};

const topicSchema = z.object({
  /** Stable ascii slug: stored in follower records, Redis keys and callback data. */
  id: z.string().regex(/^[a-z][a-z0-9-]{0,23}$/, 'an ascii slug (a-z, 0-9, -), at most 24 characters'),
  name: bilingual(),
  label: bilingual(TOPIC_LABEL_MAX),
  /** Other ways people type it (matched without diacritics). */
  aliases: z.array(z.string().min(1)).default([]),
});

export type Topic = z.infer<typeof topicSchema>;

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
  /** Announcement topics citizens may subscribe to; they differ per commune, so they live here. */
  topics: z.array(topicSchema).default([]),
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

/**
 * A name as people type it, reduced to what tells names apart: folded (no diacritics, lower case),
 * punctuation and every space dropped, so "phuong  nghe", " phương nghệ " and "PhuongNghe" meet
 * "Phương Nghệ". No commune has two villages or topics whose names differ only in spacing.
 */
const nameKey = (text: string) => foldPhrase(text).replace(/ /g, '');
/** "thôn Phương Nghệ" is Phương Nghệ: the prefix goes before the spaces do. */
const villageKey = (text: string) => nameKey(foldPhrase(text).replace(/^thon /, ''));

/** The village as the profile spells it, matched without regard to diacritics, case, spacing or a leading "thôn". */
export function findVillage(profile: CommuneProfile, typed: string): string | undefined {
  const wanted = villageKey(typed);
  if (!wanted) return undefined;
  return profile.villages.find((v) => villageKey(v.name) === wanted)?.name;
}

/** The topic's id, from its id, name, label or an alias typed without regard to diacritics, case or spacing. */
export function findTopic(profile: CommuneProfile, typed: string): string | undefined {
  const wanted = nameKey(typed);
  if (!wanted) return undefined;
  const names = (t: Topic) => [t.id, t.name.vi, t.name.en, t.label.vi, t.label.en, ...t.aliases];
  return profile.topics.find((t) => names(t).some((n) => nameKey(n) === wanted))?.id;
}

/** A topic's name in a language; an id no longer in the profile is shown as it is. */
export function topicName(profile: CommuneProfile, id: string, locale: 'vi' | 'en'): string {
  return profile.topics.find((t) => t.id === id)?.name[locale] ?? id;
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
