/**
 * The ways to file (cach_thuc_thuc_hien). The portal's table is flattened to
 * "Hình thức nộpThời gianPhí, lệ phíMô tả" followed by one run per row:
 * "<Trực tiếp|Trực tuyến|Dịch vụ bưu chính><time><fee>(<remark>)<description>".
 * A run starts where a channel name is followed by a time cell (a digit or "Không có thông tin"):
 * descriptions also say "Trực tuyến qua Cổng dịch vụ công…", and that must not start a run.
 */
import type { Channel } from '../domain/catalogue/procedure';
import { info, warning, type Issue, type Parsed } from './issues';
import { FEE_CELL, parseFee, perUnit } from './parse-fee';
import { parseTimeLimit, TIME_CELL } from './parse-time-limit';
import { reconcileFee } from './reconcile-fee';
import { clean, excerpt, isNoInfo } from './text';
import { captures } from '../domain/text/regex-captures';

const HEADER = /^\s*Hình thức nộp\s*Thời gian\s*Phí, lệ phí\s*Mô tả/u;
const RUN_START = /(Trực tiếp|Trực tuyến|Dịch vụ bưu chính)(?=\s*(?:\d|Không có thông tin))/gu;
const KINDS: Record<string, Channel['kind']> = {
  'Trực tiếp': 'in_person',
  'Trực tuyến': 'online',
  'Dịch vụ bưu chính': 'post',
};

/** The channel a RUN_START word opens. */
function kindOf(word: string): Channel['kind'] {
  const kind = KINDS[word];
  if (kind === undefined) throw new Error(`"${word}" opens a run but names no channel kind`);
  return kind;
}

/** One row of the flattened table, still as text. */
export interface ChannelRun {
  kind: Channel['kind'];
  time: string;
  fee: string | null;
  remark: string | null;
  description: string | null;
}

/** The text inside a balanced "( … )" at the start of `text`, and what follows it. */
function takeParenthesised(text: string): { inside: string; rest: string } | null {
  if (!text.startsWith('(')) return null;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return { inside: text.slice(1, i), rest: text.slice(i + 1) };
  }
  return { inside: text.slice(1), rest: '' };
}

/** Undoes the crawler's wrapping artefacts: "((…))" and "(Đồng (…))" around a remark. */
export function unwrapRemark(inside: string): string {
  let text = clean(inside).replace(/^Đồng\s*(?=\()/u, '');
  for (let inner = takeParenthesised(text); inner && inner.rest.trim() === ''; inner = takeParenthesised(text)) {
    text = clean(inner.inside);
  }
  return text;
}

/** Splits one run (after its channel name) into time, fee, remark and description. */
function readRun(kind: Channel['kind'], body: string): ChannelRun {
  const time = TIME_CELL.exec(body)?.[0] ?? '';
  let rest = body.slice(time.length);
  const feeMatch = FEE_CELL.exec(rest);
  const fee = feeMatch ? feeMatch[0] : null;
  rest = rest.slice(fee?.length ?? 0).trimStart();
  const paren = takeParenthesised(rest);
  const remark = paren ? unwrapRemark(paren.inside) : null;
  const description = clean((paren ? paren.rest : rest).replace(/^[\s\-–]+(?=\S)/u, ''));
  return { kind, time: clean(time), fee: fee === null ? null : clean(fee), remark: remark || null, description: description || null };
}

/** Cuts the flattened table into runs; reports text that belongs to no run. */
export function splitRuns(text: string): Parsed<ChannelRun[]> {
  const issues: Issue[] = [];
  const body = text.replace(HEADER, '');
  const starts = [...body.matchAll(RUN_START)];
  const before = clean(body.slice(0, starts[0]?.index ?? body.length));
  if (before && !isNoInfo(before))
    issues.push(warning('channels', 'channels-unreadable', 'text before the first channel could not be read', excerpt(before)));
  const runs = starts.map((start, i) => {
    const end = starts[i + 1]?.index ?? body.length;
    return readRun(kindOf(captures(start, 1)[0]), body.slice(start.index + start[0].length, end));
  });
  return { value: runs, issues };
}

/** One run as a catalogue channel. */
function runToChannel(run: ChannelRun): Parsed<Channel> {
  const time = parseTimeLimit(run.time);
  const unit = perUnit(run.remark);
  // A "(/trang)" remark is the fee's unit, not a note; other remarks and the description are notes.
  const remark = unit ? null : run.remark;
  const notes = [remark, run.description].filter((n): n is string => !!n).join('\n') || null;
  const issues: Issue[] = [...time.issues];
  let feeText: string | null = null;
  let feeVnd: number | null = null;
  if (run.fee === null) {
    issues.push(
      warning('channels', 'fee-cell-missing', 'no fee cell after the time limit; fee left unknown', excerpt(run.description ?? '')),
    );
  } else {
    const fee = parseFee(run.fee, unit, notes ?? '');
    const reconciled = reconcileFee(run.kind, fee.value, notes);
    ({ feeText, feeVnd } = reconciled.value);
    // A remark that settles the fee replaces the cell's doubts ("several amounts") with its repair.
    issues.push(
      ...(reconciled.issues.length > 0 ? fee.issues.filter((i) => i.kind !== 'fee-several-amounts') : fee.issues),
      ...reconciled.issues,
    );
  }
  return { value: { kind: run.kind, timeLimit: time.value, feeText, feeVnd, notes }, issues };
}

/** One issue per problem, naming every channel it affects ("online, post: time limit … no unit"). */
function byChannel(perRun: { kind: Channel['kind']; issues: Issue[] }[]): Issue[] {
  const merged = new Map<string, { issue: Issue; kinds: string[] }>();
  for (const run of perRun) {
    for (const issue of run.issues) {
      const key = JSON.stringify([issue.kind, issue.message]);
      const entry = merged.get(key) ?? { issue, kinds: [] };
      if (!entry.kinds.includes(run.kind)) entry.kinds.push(run.kind);
      merged.set(key, entry);
    }
  }
  return [...merged.values()].map(({ issue, kinds }) => ({ ...issue, message: `${kinds.join(', ')}: ${issue.message}` }));
}

/** A row about filing at a Vietnamese representative mission abroad (cơ quan đại diện). */
function isAbroad(run: ChannelRun): boolean {
  return /^Tại cơ quan đại diện/iu.test(run.description ?? '') || /^Tại cơ quan đại diện/iu.test(run.remark ?? '');
}

/** Reads the ways to file: one channel per run, in the source's order. */
export function parseChannels(text: string): Parsed<Channel[]> {
  if (isNoInfo(text)) return { value: [], issues: [warning('channels', 'no-channels', 'no ways to file in the source')] };
  const runs = splitRuns(text);
  const issues: Issue[] = [...runs.issues];
  if (runs.value.length === 0) issues.push(warning('channels', 'no-channels', 'no channel could be read', excerpt(text)));
  // Rows for filing at a Vietnamese embassy abroad ("Tại cơ quan đại diện: 10 USD/bản") are not a
  // way to file at the commune: dropped, and said so.
  const abroad = runs.value.filter(isAbroad);
  if (abroad.length > 0)
    issues.push(
      info('channels', 'channel-abroad-dropped', `${abroad.length} row(s) for filing at a representative mission abroad dropped`),
    );
  const perRun = runs.value.filter((run) => !isAbroad(run)).map((run) => ({ kind: run.kind, ...runToChannel(run) }));
  issues.push(...byChannel(perRun));
  const channels = perRun.map((r) => r.value);
  for (const kind of new Set(channels.map((c) => c.kind))) {
    const count = channels.filter((c) => c.kind === kind).length;
    if (count > 1)
      issues.push(
        info('channels', 'channel-repeated', `${count} rows for ${kind} (different stages or cases); kept apart, see their notes`),
      );
  }
  return { value: channels, issues };
}
