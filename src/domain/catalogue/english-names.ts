/**
 * English names and aliases for the most asked procedures (data/procedures.en.json), so that
 * people who write English find them and English replies can name them ("Birth registration
 * (Đăng ký khai sinh)"). Language data beside the catalogue: every code must be one the catalogue
 * holds, checked at load, so a renamed or withdrawn procedure cannot leave a dangling English name.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { projectRoot } from '../../project-root';

export const englishProcedureSchema = z.object({
  code: z.string().regex(/^\d\.\d{6}$/, 'a procedure code like 1.001193'),
  /** A plain English name, shown beside the Vietnamese one. */
  name: z.string().min(1),
  /** What an English speaker would type ("register my baby", "birth certificate"). */
  aliases: z.array(z.string().min(1)),
});

export const englishNamesSchema = z.object({
  description: z.string().min(1),
  /** Words that only frame a question ("how", "do", "I", "need", "to", "my" …): dropped. */
  fillers: z.array(z.string().min(1)),
  /** Words that alone say little ("register", "certificate"): they count in pairs, and little alone. */
  thin: z.array(z.string().min(1)),
  procedures: z.array(englishProcedureSchema).min(1),
});

export type EnglishProcedure = z.infer<typeof englishProcedureSchema>;
export type EnglishNames = z.infer<typeof englishNamesSchema>;

/**
 * Validates English names against the catalogue's codes: the shape, then every code known and
 * named once. Throws with each fault (the unknown code named) so a bad file stops the start.
 */
export function parseEnglishNames(raw: unknown, catalogueCodes: ReadonlySet<string>, source = 'English names'): EnglishNames {
  const schema = englishNamesSchema.superRefine((data, ctx) => {
    const seen = new Set<string>();
    data.procedures.forEach(({ code }, i) => {
      if (!catalogueCodes.has(code)) {
        ctx.addIssue({ code: 'custom', path: ['procedures', i, 'code'], message: `unknown procedure code ${code} (not in the catalogue)` });
      }
      if (seen.has(code)) ctx.addIssue({ code: 'custom', path: ['procedures', i, 'code'], message: `procedure code ${code} named twice` });
      seen.add(code);
    });
  });
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.slice(0, 20).map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`${source} does not fit the English names schema:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/** Reads and validates data/procedures.en.json (or another file) against the catalogue's codes. */
export function loadEnglishNames(
  catalogueCodes: ReadonlySet<string>,
  path = join(projectRoot(), 'data', 'procedures.en.json'),
): EnglishNames {
  return parseEnglishNames(JSON.parse(readFileSync(path, 'utf8')), catalogueCodes, path);
}
