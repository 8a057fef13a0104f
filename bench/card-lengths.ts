/**
 * npm run bench:cards — the first answer's length for the 30 most asked procedures: the codes the
 * question set (bench/queries/procedures.json) expects most often, each rendered as the card a
 * citizen gets first, in Vietnamese and English. Prints the distribution (characters) and each
 * card's length against the phone-sized aim (flows/procedure-text.ts CARD_TARGET).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CARD_TARGET, procedureCard } from '../flows/procedure-text';
import { loadCatalogue } from '../src/domain/catalogue/catalogue';
import { loadCommuneProfile } from '../src/domain/commune/commune-profile';
import { createI18n } from '../src/i18n';
import { projectRoot } from '../src/project-root';
import { percentiles } from './percentiles';

const TOP = 30;

/** Codes by how many questions expect them (ties in the order first asked). */
function mostAsked(): string[] {
  const queries = (
    JSON.parse(readFileSync(join(projectRoot(), 'bench', 'queries', 'procedures.json'), 'utf8')) as {
      queries: { expect: string | string[] }[];
    }
  ).queries;
  const counts = new Map<string, number>();
  for (const q of queries) for (const code of [q.expect].flat()) if (code !== 'none') counts.set(code, (counts.get(code) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, TOP)
    .map(([code]) => code);
}

const catalogue = loadCatalogue();
const commune = loadCommuneProfile();
const i18n = createI18n('vi');
const codes = mostAsked().filter((c) => catalogue.get(c));
for (const locale of ['vi', 'en'] as const) {
  const t = i18n.translator(locale);
  const lengths = codes.map(
    (code) => [code, [...procedureCard(t, catalogue.get(code)!, commune, catalogue.replacedBy(code))].length] as const,
  );
  const p = percentiles(lengths.map(([, n]) => n));
  const within = lengths.filter(([, n]) => n <= CARD_TARGET).length;
  const min = Math.min(...lengths.map(([, n]) => n));
  console.log(
    `first answer, ${locale}, ${codes.length} most asked procedures: min ${min}, p50 ${p.p50}, mean ${Math.round(p.mean)}, p95 ${p.p95}, max ${p.max} characters; ${within}/${codes.length} within ${CARD_TARGET}`,
  );
  if (locale === 'vi') console.log(lengths.map(([code, n]) => `  ${code} ${n}`).join('\n'));
}
