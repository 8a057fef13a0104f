/**
 * The "Thời gian" cell of a channel: "5 Ngày làm việc", "40 Ngày", "8 Giờ", a bare "7", "0" or
 * "Không có thông tin". Kept as text (the schema stores it as the source says it), with the unit in
 * lower case. A bare number is kept — it is what the source says — but reported, because a citizen
 * cannot tell "7" days from "7" working days; a "0" is no time limit at all, so it is unknown.
 */
import { warning, type Parsed } from './issues';
import { clean, isNoInfo } from './text';
import { captures } from '../domain/text/regex-captures';

const UNITS = ['ngày làm việc', 'giờ làm việc', 'ngày', 'giờ', 'tháng', 'năm', 'phút'];

/** The time limit at the start of a channel run, with the number of characters it took. */
export const TIME_CELL =
  /^\s*(?:Không có thông tin|\d+(?:[.,]\d+)?(?:\s*(?:[Nn]gày làm việc|[Gg]iờ làm việc|[Nn]gày|[Gg]iờ|[Tt]háng|[Nn]ăm|[Pp]hút)(?!\p{Ll}))?)/u;

export function parseTimeLimit(cell: string): Parsed<string | null> {
  const text = clean(cell);
  if (isNoInfo(text)) return { value: null, issues: [] };
  const match = /^(\d+(?:[.,]\d+)?)\s*(.*)$/u.exec(text);
  if (!match) {
    return { value: text, issues: [warning('channels', 'time-unreadable', 'time limit is not "<number> <unit>"; kept as written', text)] };
  }
  const [amount, writtenUnit] = captures(match, 1, 2);
  const unit = writtenUnit.toLocaleLowerCase('vi');
  if (Number(amount.replace(',', '.')) === 0) {
    return { value: null, issues: [warning('channels', 'time-zero', 'time limit "0" means none was entered; left unknown', text)] };
  }
  if (unit === '') {
    return {
      value: amount,
      issues: [warning('channels', 'time-without-unit', `time limit "${amount}" has no unit (days? working days?); kept as written`)],
    };
  }
  if (!UNITS.includes(unit)) {
    return { value: `${amount} ${unit}`, issues: [warning('channels', 'time-unknown-unit', `unknown time unit "${unit}"`, text)] };
  }
  return { value: `${amount} ${unit}`, issues: [] };
}
