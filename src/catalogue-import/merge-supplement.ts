/**
 * The project's supplement (data/procedures.supplement.json): commune procedures missing from the
 * crawl, written by hand from domain.md and the dataset README, with unknowns as null. A portal
 * record with the same code wins — the portal is the primary source — and the overlap is reported.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { procedureSchema, type Procedure } from '../domain/catalogue/procedure';

export const supplementSchema = z.object({
  /** Where the entries come from and why they are here (for the people who edit the file). */
  about: z.string().optional(),
  procedures: z.array(procedureSchema.extend({ origin: z.literal('supplement') })),
});

export function readSupplement(path: string): Procedure[] {
  const parsed = supplementSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) {
    const lines = parsed.error.issues.slice(0, 10).map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`${path} does not fit the supplement schema:\n${lines.join('\n')}`);
  }
  return parsed.data.procedures;
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
    overridden: supplement.filter((p) => portalCodes.has(p.code)).map((p) => p.code).sort(),
    replaced: replaced.sort((a, b) => a.code.localeCompare(b.code)),
  };
}
