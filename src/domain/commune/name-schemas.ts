/**
 * Villages and topics as people type them, matched against the commune profile inside a zod
 * schema. The lookup is a field's own transform, so it runs beside the other fields' checks and
 * one 400 names every bad field at once: an unknown village together with a bad locale. Output:
 * villages as the profile spells them, topic ids, each once.
 */
import { z } from 'zod';
import { findTopic, findVillage, type CommuneProfile } from './commune-profile';

const TYPED_MAX = 100;
const typedName = z.string().trim().min(1).max(TYPED_MAX);
const quoted = (names: string[]) => names.map((n) => `"${n}"`).join(', ');

interface Lookup {
  find(typed: string): string | undefined;
  /** "village", "topic" */
  what: string;
  known: string[];
}

const villages = (commune: CommuneProfile): Lookup => ({
  find: (t) => findVillage(commune, t),
  what: 'village',
  known: commune.villages.map((v) => v.name),
});
const topics = (commune: CommuneProfile): Lookup => ({
  find: (t) => findTopic(commune, t),
  what: 'topic',
  known: commune.topics.map((t) => t.id),
});

function unknownMessage(lookup: Lookup, unknown: string[]): string {
  return `unknown ${lookup.what}${unknown.length > 1 ? 's' : ''} ${quoted(unknown)} (known: ${lookup.known.join(', ') || 'none'})`;
}

function namesSchema(lookup: Lookup, max: number) {
  return z
    .array(typedName)
    .max(max)
    .transform((typed, ctx) => {
      const found = typed.map((t) => lookup.find(t));
      const unknown = typed.filter((_, i) => found[i] === undefined);
      if (!unknown.length) return [...new Set(found as string[])];
      ctx.addIssue({ code: 'custom', message: unknownMessage(lookup, unknown) });
      return z.NEVER;
    });
}

/** One village → its name in the profile. */
export function villageNameSchema(commune: CommuneProfile) {
  const lookup = villages(commune);
  return typedName.transform((typed, ctx) => {
    const found = lookup.find(typed);
    if (found) return found;
    ctx.addIssue({ code: 'custom', message: unknownMessage(lookup, [typed]) });
    return z.NEVER;
  });
}

/** Up to `max` villages → their names in the profile. */
export const villageNamesSchema = (commune: CommuneProfile, max: number) => namesSchema(villages(commune), max);

/** Up to `max` topics (ids, names, labels or aliases) → topic ids. */
export const topicIdsSchema = (commune: CommuneProfile, max: number) => namesSchema(topics(commune), max);
