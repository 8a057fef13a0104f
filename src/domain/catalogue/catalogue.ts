/**
 * The procedure catalogue in memory: loaded once from data/procedures.json, validated, indexed by
 * code and by field. Read-only at run time; the importer is the update path.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../project-root';
import { catalogueSchema, type Procedure } from './procedure';

export class ProcedureCatalogue {
  private readonly byCode: Map<string, Procedure>;
  /** Fields in order of how many procedures they hold: the busiest first when browsing. */
  readonly fields: string[];

  constructor(readonly procedures: Procedure[]) {
    this.byCode = new Map(procedures.map((p) => [p.code, p]));
    const counts = new Map<string, number>();
    for (const p of procedures) counts.set(p.field, (counts.get(p.field) ?? 0) + 1);
    this.fields = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'vi')).map(([f]) => f);
  }

  get(code: string): Procedure | undefined {
    return this.byCode.get(code);
  }

  /** A field's procedures, those for citizens before those only for organisations ("đối với tổ chức"). */
  inField(field: string): Procedure[] {
    const all = this.procedures.filter((p) => p.field === field);
    return [...all.filter((p) => !forOrganisations(p)), ...all.filter(forOrganisations)];
  }

  /** The procedures that replace this one (e.g. a linked group of Decree 63/2024). */
  replacedBy(code: string): Procedure[] {
    return this.procedures.filter((p) => p.replaces.includes(code));
  }

  /**
   * Related, replacing and replaced procedures that are in the catalogue, without repeats — both
   * ways: a procedure whose `related` lists this one (a linked group naming its parts) counts too.
   */
  relatedTo(p: Procedure): Procedure[] {
    const pointing = this.procedures.filter((o) => o.related.includes(p.code)).map((o) => o.code);
    const codes = new Set([...this.replacedBy(p.code).map((r) => r.code), ...pointing, ...p.related, ...p.replaces]);
    codes.delete(p.code);
    return [...codes].map((c) => this.get(c)).filter((r): r is Procedure => r !== undefined);
  }
}

/** A procedure only organisations file ("… đối với tổ chức", "… cho tổ chức"). */
export function forOrganisations(p: Procedure): boolean {
  return /(?:đối với|cho|của) (?:cơ quan, )?tổ chức|doanh nghiệp/iu.test(p.name);
}

export function loadCatalogue(path = join(projectRoot(), 'data', 'procedures.json')): ProcedureCatalogue {
  const parsed = catalogueSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) {
    const lines = parsed.error.issues.slice(0, 20).map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`${path} does not fit the catalogue schema (run npm run catalogue:import):\n${lines.join('\n')}`);
  }
  return new ProcedureCatalogue(parsed.data.procedures);
}
