/**
 * CLI: npm run insights [-- --from <date> --to <date>]
 *
 * The learning loop in the terminal: the 50 largest groups of messages the bot could not place
 * (grouped by folded text) over the period — by default the last 30 days; dates are days in
 * Vietnam, `--to` included — each with how many times and by how many people it was sent, one
 * way it was typed, what the bot offered and what people did next. The same report as
 * GET /api/v1/insights/unanswered.
 *
 * Exit codes: 0 done · 1 reading failed mid-way · 2 bad usage, bad configuration or Redis unreachable.
 */
import { parseArgs } from 'node:util';
import { UnplacedLog, type UnplacedGroup } from '../domain/insights/unplaced-log';
import { inputFields } from '../domain/input-fields';
import { periodQuery } from '../domain/period';
import { createKeys } from '../store/keys';
import { processOutput, runAsProgram, withRedis, type Output } from './cli';

const USAGE = 'usage: npm run insights [-- --from YYYY-MM-DD --to YYYY-MM-DD]';
const TOP = 50;
/** Enough of a message to recognise it on one terminal line. */
const SHOWN = 100;
const VIETNAM_OFFSET_MS = 7 * 3_600_000;

/** A citizen's text on one line, without control characters that could drive the terminal. */
function shown(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what this removes
  const line = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim();
  return line.length > SHOWN ? `${line.slice(0, SHOWN - 1)}…` : line;
}

const vietnamTime = (ms: number) => new Date(ms + VIETNAM_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');

/** `clarify:dossier,procedure ×3, nothing-fits ×1`, the most frequent first. */
const tally = (counts: Record<string, number>) =>
  Object.entries(counts)
    .sort(([, a], [, b]) => b - a)
    .map(([what, n]) => `${shown(what)} ×${n}`)
    .join(', ') || '—';

function report(from: number, to: number, groups: UnplacedGroup[]): string {
  const head = `Messages the bot could not place, ${vietnamTime(from)} – ${vietnamTime(to)} (Vietnam time)`;
  if (!groups.length) return `${head}: none\n`;
  const lines = [`${head}: the ${groups.length} largest groups`, 'count  users  what people typed'];
  for (const g of groups) {
    lines.push(`${String(g.count).padStart(5)}  ${String(g.users).padStart(5)}  "${shown(g.example)}"`);
    lines.push(`${' '.repeat(14)}offered: ${tally(g.offered)} · then: ${tally(g.next)}`);
  }
  return `${lines.join('\n')}\n`;
}

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env, io: Output = processOutput): Promise<number> {
  let values: { from?: string; to?: string };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { from: { type: 'string' }, to: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    io.err(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const period = periodQuery().safeParse(values);
  if (!period.success) {
    const fields = Object.entries(inputFields(period.error)).map(([field, message]) => `--${field}: ${message}`);
    io.err(`${fields.join('\n')}\n${USAGE}\n`);
    return 2;
  }
  const { from, to } = period.data;
  return withRedis(env, io, { what: 'insights', failureCode: 1 }, async (redis, config) => {
    // The period's end is exclusive; the log's range is inclusive.
    const groups = await new UnplacedLog(redis, createKeys(config.keyPrefix)).groups(from, to - 1, TOP);
    io.out(report(from, to, groups));
    return 0;
  });
}

runAsProgram(module, main);
