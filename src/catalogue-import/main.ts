/**
 * CLI: npm run catalogue:import -- <folder> [--out data/procedures.json] [--date YYYY-MM-DD]
 *      [--supplement data/procedures.supplement.json] [--report report.json] [--verbose]
 * Reads the portal records in <folder>, merges the supplement, validates the catalogue, writes it
 * as pretty JSON sorted by code and prints the report. Re-running with the same inputs and date
 * writes the same file.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { projectRoot } from '../project-root';
import { importCatalogue } from './import-catalogue';
import { readSupplementFile } from './merge-supplement';
import { readRawFolder } from './read-raw-record';
import { formatReport } from './report';

export interface CliOptions {
  folder: string;
  out: string;
  date: string;
  supplement: string | null;
  report: string | null;
  verbose: boolean;
}

const USAGE =
  'usage: npm run catalogue:import -- <folder> [--out data/procedures.json] [--date YYYY-MM-DD] [--supplement <file>|--no-supplement] [--report <file>] [--verbose]';

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

export function parseArgs(argv: string[], root = projectRoot()): CliOptions {
  const options: CliOptions = {
    folder: '',
    out: join(root, 'data', 'procedures.json'),
    date: today(),
    supplement: join(root, 'data', 'procedures.supplement.json'),
    report: null,
    verbose: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = (): string => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${arg} needs a value\n${USAGE}`);
      return next;
    };
    if (arg === '--out') options.out = resolve(value());
    else if (arg === '--date') options.date = value();
    else if (arg === '--supplement') options.supplement = resolve(value());
    else if (arg === '--no-supplement') options.supplement = null;
    else if (arg === '--report') options.report = resolve(value());
    else if (arg === '--verbose') options.verbose = true;
    else if (arg.startsWith('--')) throw new Error(`unknown option ${arg}\n${USAGE}`);
    else if (options.folder === '') options.folder = resolve(arg);
    else throw new Error(`one folder only\n${USAGE}`);
  }
  if (options.folder === '') throw new Error(USAGE);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(options.date) || Number.isNaN(Date.parse(options.date)))
    throw new Error(`--date must be YYYY-MM-DD, got "${options.date}"`);
  return options;
}

export function run(options: CliOptions): string {
  const { files, unreadable } = readRawFolder(options.folder);
  const supplement = options.supplement ? readSupplementFile(options.supplement) : { procedures: [], overrides: [] };
  const { catalogue, report } = importCatalogue({
    files,
    unreadable,
    supplement: supplement.procedures,
    overrides: supplement.overrides,
    extractedAt: options.date,
  });
  mkdirSync(dirname(options.out), { recursive: true });
  writeFileSync(options.out, `${JSON.stringify(catalogue, null, 2)}\n`);
  if (options.report) writeFileSync(options.report, `${JSON.stringify(report, null, 2)}\n`);
  return `${formatReport(report, options.verbose)}\nWrote ${catalogue.procedures.length} procedures to ${options.out}\n`;
}

if (require.main === module) {
  try {
    process.stdout.write(run(parseArgs(process.argv.slice(2))));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  }
}
