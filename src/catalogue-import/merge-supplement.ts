/**
 * The project's supplement (data/procedures.supplement.json): commune procedures missing from the
 * crawl, written by hand from docs/domain.md and the dataset's README (docs/guides/catalogue.md), with unknowns as null. A portal
 * record with the same code wins — the portal is the primary source — and the overlap is reported.
 *
 * `overrides` correct single fields of a record (portal or supplement) where a documented source
 * says more than the portal's flattened table — e.g. a time limit the portal gives as a bare "1".
 * Each names the fields it sets and its `source`; the report lists every override applied, and an
 * override naming a code or a channel the catalogue does not have is an error, not a silent no-op.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { channelSchema, PROCEDURE_CODE, procedureSchema, type Procedure } from '../domain/catalogue/procedure';

export const fieldOverrideSchema = z
  .object({
    code: z.string().regex(PROCEDURE_CODE),
    /** Where the values come from (document, section, date), for the people who check the file. */
    source: z.string().min(1),
    /** Set on every channel of these kinds (all channels when left out). */
    channels: z
      .object({
        kinds: z.array(channelSchema.shape.kind).min(1).optional(),
        set: channelSchema.pick({ timeLimit: true, feeText: true, feeVnd: true, notes: true }).partial(),
      })
      .strict()
      .optional(),
  })
  .strict();

export type FieldOverride = z.infer<typeof fieldOverrideSchema>;

export const supplementSchema = z.object({
  /** Where the entries come from and why they are here (for the people who edit the file). */
  about: z.string().optional(),
  /**
   * `sources`: where each filled fact comes from (field → legal text and page), for the people who
   * check the file; not part of the catalogue.
   */
  procedures: z.array(
    procedureSchema.extend({ origin: z.literal('supplement'), sources: z.record(z.string(), z.string().min(1)).optional() }),
  ),
  overrides: z.array(fieldOverrideSchema).default([]),
});

export interface Supplement {
  procedures: Procedure[];
  overrides: FieldOverride[];
}

export function readSupplementFile(path: string): Supplement {
  const parsed = supplementSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) {
    const lines = parsed.error.issues.slice(0, 10).map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`${path} does not fit the supplement schema:\n${lines.join('\n')}`);
  }
  return { procedures: parsed.data.procedures.map(({ sources: _sources, ...procedure }) => procedure), overrides: parsed.data.overrides };
}

export interface AppliedOverride {
  code: string;
  /** e.g. ["channels[in_person,online,post].timeLimit", …] */
  fields: string[];
  source: string;
}

/** Applies the overrides to copies of the records; throws when one names nothing in the catalogue. */
export function applyOverrides(
  procedures: Procedure[],
  overrides: FieldOverride[],
): { procedures: Procedure[]; applied: AppliedOverride[] } {
  const byCode = new Map(procedures.map((p) => [p.code, p]));
  const applied: AppliedOverride[] = [];
  for (const o of overrides) {
    const p = byCode.get(o.code);
    if (!p) throw new Error(`override for ${o.code}: no such procedure in the catalogue`);
    const fields: string[] = [];
    if (o.channels) {
      const { kinds, set } = o.channels;
      const targets = p.channels.filter((c) => !kinds || kinds.includes(c.kind));
      if (targets.length === 0) throw new Error(`override for ${o.code}: no channel of kind ${kinds?.join(', ') ?? 'any'}`);
      const keys = Object.keys(set) as (keyof typeof set)[];
      if (keys.length === 0) throw new Error(`override for ${o.code}: channels.set is empty`);
      const channels = p.channels.map((c) => (targets.includes(c) ? { ...c, ...set } : c));
      byCode.set(p.code, { ...p, channels });
      fields.push(...keys.map((k) => `channels[${targets.map((c) => c.kind).join(',')}].${k}`));
    }
    applied.push({ code: o.code, fields, source: o.source });
  }
  return { procedures: procedures.map((p) => byCode.get(p.code)!), applied };
}

export interface SupplementMerge {
  procedures: Procedure[];
  added: string[];
  /** Supplement codes the portal also has: the portal's record was kept. */
  overridden: string[];
  /** Portal records a supplement entry replaces (e.g. the linked groups of Decree 63/2024). */
  replaced: { code: string; replacedBy: string }[];
}

export function mergeSupplement(portal: Procedure[], supplement: Procedure[]): SupplementMerge {
  const portalCodes = new Set(portal.map((p) => p.code));
  const added = supplement.filter((p) => !portalCodes.has(p.code));
  const replaced = added.flatMap((p) => p.replaces.filter((c) => portalCodes.has(c)).map((code) => ({ code, replacedBy: p.code })));
  return {
    procedures: [...portal, ...added],
    added: added.map((p) => p.code).sort(),
    overridden: supplement
      .filter((p) => portalCodes.has(p.code))
      .map((p) => p.code)
      .sort(),
    replaced: replaced.sort((a, b) => a.code.localeCompare(b.code)),
  };
}
