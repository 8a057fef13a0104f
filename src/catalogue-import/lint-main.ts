/**
 * CLI: npm run catalogue:lint [-- --verbose] [--json]
 * Counts in data/procedures.json and data/commune.json what a citizen would be told wrong or
 * unhelpfully (see lint-catalogue.ts). Prints the counts (and with --verbose every finding);
 * exits 0 — the floors are held by test/catalogue-import/lint.test.ts.
 */
import { loadCatalogue } from '../domain/catalogue/catalogue';
import { loadCommuneProfile } from '../domain/commune/commune-profile';
import { formatLint, lintCatalogue } from './lint-catalogue';

if (require.main === module) {
  const args = process.argv.slice(2);
  const result = lintCatalogue(loadCatalogue().procedures, loadCommuneProfile());
  process.stdout.write(
    args.includes('--json')
      ? `${JSON.stringify({ counts: result.counts, affected: result.affected }, null, 2)}\n`
      : formatLint(result, args.includes('--verbose')),
  );
}
