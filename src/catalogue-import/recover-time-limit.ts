/**
 * Time limits the channel table gives without a unit ("1") or not at all, recovered from the
 * record's own steps text when it says them:
 * - the same-day rule of civil status ("… nếu tiếp nhận hồ sơ sau 15 giờ thì … trả kết quả trong
 *   ngày làm việc tiếp theo"): the result is due the same day;
 * - "Trong thời hạn 03 ngày làm việc kể từ ngày nhận được hồ sơ hợp lệ, …": the figure with its
 *   unit, from sentences that run from receiving the dossier (not notices about missing papers
 *   or the validity check, which run on other clocks).
 * A bare number the steps repeat with "ngày làm việc" gets that unit; one the steps contradict
 * (a single other figure) gives way to the steps' figure, reported; anything less certain stays as
 * the table says, and the card words it for a citizen.
 */
import { info, type Parsed } from './issues';
import { clean } from './text';

export const SAME_DAY = 'Trong ngày; nộp sau 15 giờ thì trả kết quả trong ngày làm việc tiếp theo';

/** "… tiếp nhận hồ sơ sau 15 giờ …" for every dossier (not "hồ sơ bổ sung … sau 15 giờ" alone). */
const SAME_DAY_RULE = /tiếp nhận hồ sơ sau 15 giờ/u;

/** "03 ngày làm việc kể từ ngày nhận (được) (đủ) hồ sơ / văn bản đề nghị". */
const FROM_RECEIPT =
  /(\d{1,2}) ngày làm việc,? kể từ (?:ngày|khi) (?:tiếp )?nhận (?:được )?(?:đủ )?(?:hồ sơ|văn bản đề nghị|giấy đề nghị)/gu;

/**
 * Notices (missing papers, refusals) and the validity check run on other clocks than the result:
 * said before the figure ("trả lời ngay tính hợp lệ …, trong thời hạn 01 ngày làm việc") or after
 * it ("…, Cơ quan … thông báo bằng văn bản"), within the same sentence.
 */
const OTHER_CLOCK_BEFORE =
  /thông báo (?:bằng văn bản )?(?:cho người|yêu cầu)|trả lời|bổ sung|tính hợp lệ của (?:thành phần )?hồ sơ|từ chối/u;
const OTHER_CLOCK_AFTER = /thông báo|trả lời|bổ sung|từ chối|không đủ điều kiện/u;

/** The distinct "N ngày làm việc from receipt" figures of the steps, as numbers. */
export function figuresFromSteps(steps: string): number[] {
  const text = clean(steps);
  const figures = new Set<number>();
  for (const m of text.matchAll(FROM_RECEIPT)) {
    // What happens within the time is said right around it ("…, Cơ quan … thông báo bằng văn bản").
    const end = m.index + m[0].length;
    const before = text
      .slice(Math.max(0, m.index - 150), m.index)
      .split(/[.:]\s/u)
      .at(-1)!;
    const after = text.slice(end, end + 90).split(/\.\s/u)[0]!;
    if (!OTHER_CLOCK_BEFORE.test(before) && !OTHER_CLOCK_AFTER.test(after)) figures.add(Number(m[1]));
  }
  return [...figures];
}

/** The channel's time limit with what the steps say, or as it was. */
export function recoverTimeLimit(timeLimit: string | null, steps: string): Parsed<string | null> {
  const bare = timeLimit !== null && /^\d+$/.test(timeLimit) ? Number(timeLimit) : null;
  if (timeLimit !== null && bare === null) return { value: timeLimit, issues: [] };
  if ((bare === 1 || timeLimit === null) && SAME_DAY_RULE.test(clean(steps))) {
    return {
      value: SAME_DAY,
      issues: [info('channels', 'time-same-day-from-steps', `time limit ${timeLimit ?? 'missing'} → the steps' same-day rule`)],
    };
  }
  const figures = figuresFromSteps(steps);
  if (bare !== null && figures.includes(bare)) {
    return {
      value: `${bare} ngày làm việc`,
      issues: [info('channels', 'time-unit-from-steps', `time limit "${bare}" → "${bare} ngày làm việc", as the steps say`)],
    };
  }
  if (figures.length === 1) {
    const kind = bare === null ? 'time-from-steps' : 'time-cell-contradicted';
    const why = bare === null ? 'no time limit in the table' : `the table's "${bare}" contradicts the steps`;
    return {
      value: `${figures[0]} ngày làm việc`,
      issues: [info('channels', kind, `${why}: "${figures[0]} ngày làm việc" from the steps`)],
    };
  }
  return { value: timeLimit, issues: [] };
}
