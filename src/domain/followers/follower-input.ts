/**
 * Typed follower input (API body, CSV row) → a change with the village and topics as the commune
 * profile spells them, or the fields at fault. Shared by the API and the CSV import so that both
 * accept exactly the same names.
 */
import { findTopic, findVillage, type CommuneProfile } from '../commune/commune-profile';
import type { FollowerChange, FollowerInput } from './follower';

export type ResolvedInput = { ok: true; change: FollowerChange } | { ok: false; fields: Record<string, string> };

export function resolveFollowerInput(commune: CommuneProfile, input: FollowerInput): ResolvedInput {
  const fields: Record<string, string> = {};
  const change: FollowerChange = {};
  if (input.village === null) change.village = null;
  else if (input.village !== undefined) {
    const village = findVillage(commune, input.village);
    if (village) change.village = village;
    else fields.village = `unknown village "${input.village}" (known: ${commune.villages.map((v) => v.name).join(', ')})`;
  }
  if (input.topics !== undefined) {
    const found = input.topics.map((t) => findTopic(commune, t));
    const unknown = input.topics.filter((_, i) => found[i] === undefined);
    if (unknown.length) fields.topics = `unknown topic${unknown.length > 1 ? 's' : ''} ${unknown.map((t) => `"${t}"`).join(', ')} (known: ${commune.topics.map((t) => t.id).join(', ')})`;
    else change.topics = [...new Set(found as string[])];
  }
  if (input.locale !== undefined) change.locale = input.locale;
  return Object.keys(fields).length ? { ok: false, fields } : { ok: true, change };
}
