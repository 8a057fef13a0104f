/**
 * A short summary of how to get the procedure done, written by the project from the structured
 * data (channels, place, time limit, results) rather than copied from the portal's long steps:
 * "Nộp hồ sơ trực tiếp tại Công an cấp xã hoặc trực tuyến trên Cổng Dịch vụ công quốc gia;
 * thời hạn giải quyết 7 ngày làm việc; nhận kết quả: …". At most MAX_SUMMARY characters.
 */
import type { Channel, Procedure } from '../domain/catalogue/procedure';
import { capitalise, clean, shorten } from './text';

export const MAX_SUMMARY = 300;

/** Results that only happen when things go wrong, not what the citizen comes for. */
const SIDE_RESULT = /từ chối|không đủ điều kiện|không được|bổ sung|Văn bản trả lời|lý do|^Phiếu/iu;

/**
 * Where to file in person, read from the record: the public administrative service centre when
 * the steps name it, the commune police when it is the implementing agency (residence, ID,
 * vehicles), the social insurance office for BHXH/BHYT fields (their agencies also list
 * coordinating offices, so the field decides), else the one-stop desk or the commune People's
 * Committee the steps name. Null when the source does not say.
 */
export function filingPlace(agencies: string, steps: string, field: string): string | null {
  const who = clean(agencies);
  if (/Trung tâm Phục vụ hành chính công/iu.test(steps)) return 'Trung tâm Phục vụ hành chính công';
  if (/Công an (?:cấp )?xã/iu.test(who)) return 'Công an cấp xã';
  if (/BHXH|BHYT|bảo hiểm xã hội/iu.test(field)) return 'cơ quan Bảo hiểm xã hội';
  if (/Bộ phận (?:tiếp nhận và trả kết quả|một cửa)/iu.test(steps)) return 'Bộ phận một cửa';
  if (/Ủy ban nhân dân (?:cấp )?xã|UBND (?:cấp )?xã/iu.test(`${who} ${steps}`)) return 'Ủy ban nhân dân cấp xã';
  return null;
}

function joinOr(parts: string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} hoặc ${parts[parts.length - 1]}`;
}

function ways(channels: Channel[], place: string | null, onlineLevel: Procedure['onlineLevel']): string | null {
  const kinds = new Set(channels.map((c) => c.kind));
  const parts: string[] = [];
  if (kinds.has('in_person')) parts.push(place ? `trực tiếp tại ${place}` : 'trực tiếp');
  if (kinds.has('online')) parts.push(`trực tuyến${onlineLevel === 'full' ? ' toàn trình' : ''} trên Cổng Dịch vụ công quốc gia`);
  if (kinds.has('post')) parts.push('qua dịch vụ bưu chính');
  return parts.length > 0 ? `nộp hồ sơ ${joinOr(parts)}` : null;
}

/** The time limit when every channel gives the same one with a unit; a bare "7" says too little. */
function timeLimit(channels: Channel[]): string | null {
  const limits = new Set(channels.map((c) => c.timeLimit));
  const only = limits.size === 1 ? [...limits][0] : null;
  return only && /\p{L}/u.test(only) ? `thời hạn giải quyết ${only}` : null;
}

function mainResults(results: string[], max: number): string | null {
  const main = results.filter((r) => !SIDE_RESULT.test(r)).slice(0, 2);
  return main.length > 0 ? `nhận kết quả: ${main.map((r) => shorten(r, max)).join('; ')}` : null;
}

export interface StepsInput {
  channels: Channel[];
  onlineLevel: Procedure['onlineLevel'];
  results: string[];
  place: string | null;
}

export function summariseSteps(input: StepsInput): string | null {
  const how = ways(input.channels, input.place, input.onlineLevel);
  const time = timeLimit(input.channels);
  // Drop detail until it fits: first shorter results, then the time limit, then the results.
  for (const [withTime, resultLength] of [
    [true, 100],
    [true, 60],
    [false, 60],
    [false, 0],
  ] as const) {
    const parts = [how, withTime ? time : null, resultLength > 0 ? mainResults(input.results, resultLength) : null];
    const text = parts.filter((p): p is string => !!p).join('; ');
    if (text === '') return null;
    const sentence = `${capitalise(text)}${text.endsWith('…') ? '' : '.'}`;
    if (sentence.length <= MAX_SUMMARY) return sentence;
  }
  return shorten(`${capitalise(how ?? '')}.`, MAX_SUMMARY);
}
