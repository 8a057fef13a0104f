/**
 * The commune's own facts (data/commune.json): names old and new, the public administrative
 * service centre, villages, the commune team, the online-filing link. The commune edits this file;
 * nothing commune-specific lives in code. Values the commune has not confirmed are listed in
 * `samples` ("<path>: why", e.g. "serviceCentre.phone: sample number"): the start-up log names
 * them, and no reply shows them as facts (contactFacts gives only confirmed ones).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { projectRoot } from '../../project-root';
import { foldPhrase } from '../text/fold';

/** Room for the "✓ " a chosen topic's button carries, within Zalo's 20-character titles. */
const TOPIC_LABEL_MAX = 18;
const bilingual = (max?: number) => {
  const text =
    max === undefined
      ? z.string().min(1)
      : z
          .string()
          .min(1)
          .refine((t) => [...t].length <= max, `at most ${max} characters`);
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

/** A value's path in the profile ("serviceCentre.phone"), then optionally ": why it is unconfirmed". */
const SAMPLE_ENTRY = /^([A-Za-z]+(?:\.[A-Za-z]+)*)(?::\s*(.+))?$/su;

const villageSchema = z.object({
  name: z.string().min(1),
  /** Where the name comes from (a public source), for the people who check the file. */
  source: z.string().min(1).optional(),
});

export const communeProfileSchema = z.object({
  /** Values still to be confirmed by the commune: "<path>: why" (see SAMPLE_ENTRY). */
  samples: z.array(z.string().regex(SAMPLE_ENTRY, 'a path such as "serviceCentre.phone", then ": why"')),
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
  villages: z.array(villageSchema).min(1),
  /**
   * Villages (thôn, tổ dân phố) of the former communes found in public sources but not yet
   * confirmed by the commune: not offered to citizens until the commune moves them to `villages`.
   */
  villagesToConfirm: z.array(villageSchema.extend({ formerCommune: z.string().min(1), source: z.string().min(1) })).default([]),
  /**
   * A city-wide public-service hotline a public source confirms (with that source): what a reply
   * offers to call while the centre's own phone is unconfirmed.
   */
  cityHotline: z
    .object({ name: z.string().min(1), phone: z.string().regex(/^\+?\d{4,15}$/, 'digits only'), source: z.string().min(1) })
    .optional(),
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

export interface UnconfirmedValue {
  path: string;
  note: string | null;
}

/** The values the commune has not confirmed, with why, from `samples`. */
export function unconfirmedValues(profile: CommuneProfile): UnconfirmedValue[] {
  return profile.samples.map((entry) => {
    const match = SAMPLE_ENTRY.exec(entry.trim());
    return { path: match?.[1] ?? entry, note: match?.[2]?.trim() ?? null };
  });
}

/** Whether a value (or the object holding it) is confirmed: no sample names it or a parent of it. */
export function isConfirmed(profile: CommuneProfile, path: string): boolean {
  return !unconfirmedValues(profile).some((v) => path === v.path || path.startsWith(`${v.path}.`));
}

/** The contact facts a reply may state: unconfirmed ones are null, never the sample value. */
export interface ContactFacts {
  centre: string;
  address: string | null;
  /** Digits, as dialled. */
  phone: string | null;
  hours: string | null;
  /** A confirmed city public-service hotline, offered while the centre's phone is not confirmed. */
  hotline: { name: string; phone: string } | null;
}

export function contactFacts(profile: CommuneProfile): ContactFacts {
  const centre = profile.serviceCentre;
  const phone = isConfirmed(profile, 'serviceCentre.phone') ? centre.phone : null;
  const hotline =
    profile.cityHotline && isConfirmed(profile, 'cityHotline')
      ? { name: profile.cityHotline.name, phone: profile.cityHotline.phone }
      : null;
  return {
    centre: centre.name,
    address: isConfirmed(profile, 'serviceCentre.address') ? centre.address : null,
    phone,
    hours: isConfirmed(profile, 'serviceCentre.openingHours') ? openingHoursText(profile) : null,
    hotline,
  };
}
