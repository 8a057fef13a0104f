/**
 * How a procedure reads in a chat. The card is the first answer and is sized for a phone (about
 * 800 characters, so the title stays on screen): what you get, how to file, the time limit and the
 * fee in plain words (a line per fact, channels merged when they say the same), and the main
 * documents; the full lists are behind buttons (documents, fees and time). Labels come from
 * locales (Vietnamese or English); the procedure's own content stays in Vietnamese, as published.
 * Nothing the commune has not confirmed is stated (contactFacts), and no internal wording
 * ("no unit in the source") reaches a citizen: a time limit the record does not give is said as
 * what happens (the centre sets the date on the appointment slip).
 */
import type { Channel, DocumentGroup, Procedure, ProcedureDocument } from '../src/domain/catalogue/procedure';
import { FEE_EXEMPTIONS, feeSetElsewhere, isBareFree, isSetElsewhereFeeText } from '../src/domain/catalogue/fee';
import { contactFacts, type CommuneProfile } from '../src/domain/commune/commune-profile';
import type { Translate } from '../src/i18n';
import { captures } from '../src/domain/text/regex-captures';
import { askLine } from './contact-phrases';

/** The first answer's aim (characters): the title stays on a phone's screen. */
export const CARD_TARGET = 800;
/** A title longer than this (a few run to 900 characters) is cut at a word; the pages behind the buttons have it whole. */
const CARD_TITLE_CHARS = 220;
/** Documents named on the card, at most. */
const CARD_DOCUMENTS = 3;
const CARD_RESULTS = 2;
/** A document's name in the card: long legal qualifications are left for the details page. */
const CARD_NAME_CHARS = 90;
/** The documents page is listed case by case once it would run past about two messages. */
const DOCUMENTS_PAGE_CHARS = 4000;

/** A document needed only in one case ("Trường hợp trẻ em bị bỏ rơi thì …", "… trong trường hợp ủy quyền"). */
const CASE_CONDITIONAL = /^(?:trường hợp|đối với|nếu|ngoài các thành phần)(?![\p{L}])|trong trường hợp/iu;
/** Results that only happen when things go wrong or change a decision: not what a citizen comes for. */
const SIDE_RESULT = /từ chối|sửa đổi, bổ sung/iu;

export function procedureCard(t: Translate, p: Procedure, commune: CommuneProfile, replacedBy: Procedure[] = []): string {
  // The fullest card within the aim: first fewer documents, then shorter lines, then no documents.
  let card = '';
  for (const fit of [
    { documents: CARD_DOCUMENTS, chars: CARD_NAME_CHARS },
    { documents: 2, chars: 70 },
    { documents: 1, chars: 60 },
    { documents: 0, chars: 60 },
  ]) {
    card = cardText(t, p, commune, replacedBy, fit);
    if ([...card].length <= CARD_TARGET) return card;
  }
  return card;
}

interface CardFit {
  documents: number;
  chars: number;
}

function cardText(t: Translate, p: Procedure, commune: CommuneProfile, replacedBy: Procedure[], fit: CardFit): string {
  const lines = [cutAtWord(p.name, CARD_TITLE_CHARS), t('procedures.card.codeField', { code: p.code, field: p.field })];
  for (const r of replacedBy) lines.push(t('procedures.card.replacedBy', { name: shorten(r.name, 90), code: r.code }));
  if (hasNoDetails(p)) {
    lines.push('', t('procedures.card.noDetails', { ask: askLine(t, commune) }));
    return lines.join('\n');
  }
  lines.push('');
  const results = p.results
    .filter((r) => !SIDE_RESULT.test(r))
    .slice(0, CARD_RESULTS)
    .map((r) => shorten(r, fit.chars));
  if (results.length) lines.push(`${t('procedures.card.result')}: ${results.join('; ')}`);
  lines.push(`${t('procedures.card.how')}: ${waysText(t, p, commune)}`);
  if (p.channels.length) {
    lines.push(`${t('procedures.card.time')}: ${mergedByKind(t, p.channels, (c) => timeText(t, c))}`);
    lines.push(`${t('procedures.card.fee')}: ${mergedByKind(t, p.channels, (c) => feeShort(t, c, commune))}`);
  }
  lines.push(...documentSummary(t, p, fit));
  return lines.join('\n');
}

/** A record with neither documents nor ways to file: the card says so and says whom to ask. */
export function hasNoDetails(p: Procedure): boolean {
  return p.documentGroups.length === 0 && p.channels.length === 0;
}

/**
 * How to file, in one line: "trực tiếp tại Công an cấp xã; trực tuyến (Cổng Dịch vụ công quốc gia,
 * toàn trình); qua bưu chính". No address unless the commune confirmed it.
 */
function waysText(t: Translate, p: Procedure, commune: CommuneProfile): string {
  const kinds = new Set(p.channels.map((c) => c.kind));
  const parts: string[] = [];
  if (kinds.has('in_person') || kinds.size === 0)
    parts.push(t('procedures.card.inPersonAt', { place: p.agency ?? commune.serviceCentre.name }));
  if (kinds.has('online'))
    parts.push(
      t(p.onlineLevel === 'full' ? 'procedures.card.onlineFull' : 'procedures.card.online', { portal: commune.onlineFiling.portalName }),
    );
  if (kinds.has('post')) parts.push(t('procedures.card.byPost'));
  return parts.join('; ');
}

/**
 * Channels that say the same share one statement ("1 ngày làm việc"); otherwise each kind says its
 * own ("Trực tiếp: 20.000 đồng; Trực tuyến: 10.000 đồng"). Rows of one kind (stages, cases) merge
 * into a range where they count the same unit.
 */
function mergedByKind(t: Translate, channels: Channel[], say: (c: Channel) => string): string {
  const byKind = new Map<Channel['kind'], Channel[]>();
  for (const c of channels) byKind.set(c.kind, [...(byKind.get(c.kind) ?? []), c]);
  const texts = new Map<string, string[]>();
  for (const [kind, rows] of byKind) {
    const text = mergedRows(t, rows.map(say));
    texts.set(text, [...(texts.get(text) ?? []), t(`procedures.channel.${kind}`)]);
  }
  const [first, second] = texts.keys();
  if (first !== undefined && second === undefined) return first;
  return [...texts.entries()].map(([text, kinds]) => `${kinds.join(', ')}: ${text}`).join('; ');
}

function mergedRows(t: Translate, values: string[]): string {
  const distinct = [...new Set(values)];
  const [only] = distinct;
  if (only !== undefined && distinct.length === 1) return only;
  const counted = distinct.map((x) => /^(\d+) (\p{L}[\p{L} ]*)$/iu.exec(x));
  if (counted.every((m) => m !== null)) {
    // One range per unit: "2–7 ngày làm việc; 1 giờ tùy trường hợp".
    const byUnit = new Map<string, number[]>();
    for (const m of counted) {
      const [count, unit] = captures(m, 1, 2);
      byUnit.set(unit.toLowerCase(), [...(byUnit.get(unit.toLowerCase()) ?? []), Number(count)]);
    }
    const ranges = [...byUnit].map(([unit, n]) =>
      Math.min(...n) === Math.max(...n) ? `${n[0]} ${unit}` : `${Math.min(...n)}–${Math.max(...n)} ${unit}`,
    );
    return `${ranges.join('; ')} ${t('procedures.card.varies')}`;
  }
  return t('procedures.card.seeDetails');
}

/**
 * The main documents: those every case submits; where lists differ by case, how many cases.
 * Never one case's document presented as if it were everyone's.
 */
function documentSummary(t: Translate, p: Procedure, fit: CardFit): string[] {
  const common = p.documentGroups.find((g) => g.case === null);
  const cases = p.documentGroups.filter((g): g is DocumentGroup & { case: string } => g.case !== null);
  const submit = (common?.documents ?? []).filter((d) => d.action === 'submit' && !CASE_CONDITIONAL.test(d.name));
  const shown = submit.slice(0, fit.documents);
  const lines: string[] = [];
  if (shown.length) lines.push('', `${t('procedures.card.documents')}:`, ...shown.map((d) => `• ${shorten(d.name, fit.chars)}`));
  const [onlyCase] = cases;
  if (onlyCase && cases.length === 1) lines.push(t('procedures.card.oneCase', { case: shorten(caseCondition(onlyCase.case), 70) }));
  else if (cases.length > 1) lines.push(t('procedures.card.byCase', { count: cases.length }));
  else if (p.documentGroups.length > 0 && (submit.length > shown.length || shown.length === 0))
    lines.push(t('procedures.card.moreDocuments'));
  return lines;
}

/** "Trường hợp 1: Đăng ký cho người …" → "đăng ký cho người …", to follow "Nếu". */
function caseCondition(name: string): string {
  const text = name.replace(/^(?:\d+[.)]\s*|[a-zđ]\)\s*)?(?:trường hợp\s*\d*\s*[:.–-]?\s*|đối với\s+|nếu\s+)?/iu, '');
  return text.charAt(0).toLocaleLowerCase('vi') + text.slice(1);
}

/**
 * Cut at an opening parenthesis, else at a word, so a card line stays readable. A bracket that
 * states a condition ("(nếu người có yêu cầu lựa chọn nộp hồ sơ theo hình thức trực tuyến)") is
 * kept, shortened ("(nếu nộp trực tuyến)"): without it the line would read as everyone's.
 */
export function shorten(text: string, limit = CARD_NAME_CHARS): string {
  // "Giấy báo tử …. Trường hợp người yêu cầu đã nộp …": the exception is for the details page.
  const exception = /[.;]\s+(?=(?:trường hợp|nếu|đối với)(?![\p{L}]))/iu.exec(text);
  if (exception && exception.index >= 10) return shorten(text.slice(0, exception.index), limit);
  const bracket = text.indexOf(' (');
  let head = text;
  let condition = '';
  if (bracket >= 15) {
    head = text.slice(0, bracket);
    const inside = bracketed(text.slice(bracket + 1));
    const stated = /(?:^|,\s*)((?:nếu|trường hợp)(?![\p{L}]).*)$/iu.exec(inside);
    if (stated) condition = ` (${shortCondition(captures(stated, 1)[0])})`;
    // A condition that would leave the name a word or two is for the details page.
    if ([...condition].length > (limit * 2) / 3) condition = '';
  }
  return `${cutAtWord(head, limit - [...condition].length)}${condition}`;
}

/** At most `limit` characters, cut at a space (never inside a word), with "…" when cut. */
export function cutAtWord(text: string, limit: number): string {
  const chars = [...text];
  if (chars.length <= limit) return text;
  const head = chars.slice(0, Math.max(1, limit - 1)).join('');
  // The head ends a word when the next character is a space; otherwise back to the last space.
  const space = chars[head.length] === ' ' ? head.length : head.lastIndexOf(' ');
  return `${(space > 0 ? head.slice(0, space) : head).replace(/[\s,;:.–-]+$/u, '')}…`;
}

/** The text inside the balanced "( … )" that `text` starts with. */
function bracketed(text: string): string {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return text.slice(1, i);
  }
  return text.slice(1);
}

/** "nếu người có yêu cầu lựa chọn nộp hồ sơ theo hình thức trực tiếp hoặc gửi hồ sơ qua hệ thống bưu chính" → "nếu nộp trực tiếp hoặc qua bưu chính". */
export function shortCondition(text: string): string {
  const short = text
    .replace(/người (?:có )?yêu cầu (?:lựa chọn |chọn )?/giu, '')
    .replace(/hồ sơ theo hình thức\s+/giu, '')
    .replace(/gửi hồ sơ qua (?:hệ thống )?/giu, 'qua ')
    .replace(/hệ thống bưu chính/giu, 'bưu chính')
    .replace(/\s+/g, ' ')
    .trim();
  return cutAtWord(short, 60);
}

/**
 * Where to file, a line per way: in person only when the record has an in-person channel (or
 * says nothing about channels: the service centre is still where a citizen can ask), at the agency
 * the record names when it is not the commune's centre, with the centre's address and hours only
 * when the commune confirmed them.
 */
export function whereLines(t: Translate, p: Procedure, commune: CommuneProfile): string[] {
  const facts = contactFacts(commune);
  const kinds = new Set(p.channels.map((c) => c.kind));
  const lines: string[] = [];
  if (kinds.has('in_person') || kinds.size === 0) {
    const place = p.agency ?? [facts.centre, facts.address, facts.hours && `(${facts.hours})`].filter(Boolean).join(', ');
    lines.push(`• ${t('procedures.channel.in_person')}: ${place}`);
  }
  if (kinds.has('online')) lines.push(`• ${t('procedures.channel.online')}: ${commune.onlineFiling.portalName}`);
  if (kinds.has('post'))
    lines.push(`• ${t('procedures.channel.post')}: ${t('procedures.card.postTo', { centre: p.agency ?? facts.centre })}`);
  return lines;
}

/**
 * The fee in one line. "Miễn phí" only when the amount read is 0; a fee the province (HĐND) or a
 * fee act sets is said so — with "some are exempt" only when the notes name exemptions.
 */
function feeShort(t: Translate, c: Channel, commune: CommuneProfile): string {
  if (c.feeVnd === 0) return t('procedures.fee.free');
  if (c.feeText && !isBareFree(c.feeText) && !isSetElsewhereFeeText(c.feeText)) return shorten(c.feeText, 110);
  const setter = feeSetElsewhere(c.notes) ?? feeSetElsewhere(c.feeText);
  if (setter)
    return t(`procedures.fee.${setter}`, {
      city: commune.city,
      exempt: FEE_EXEMPTIONS.test(c.notes ?? '') ? t('procedures.fee.someExempt') : '',
    });
  return t('procedures.fee.unknown');
}

/** The fee on the details page: the source's text, but never a bare "Miễn phí" the amount does not back. */
function feeDetail(t: Translate, c: Channel): string {
  if (c.feeVnd === 0) return c.feeText ?? t('procedures.fee.free');
  if (c.feeText === null || isBareFree(c.feeText)) return t('procedures.fee.unknown');
  return c.feeText;
}

/**
 * The time limit in a citizen's words. A record without one: the centre sets the date when it
 * takes the dossier. A bare number ("3", the source gives no unit): "about 3 days", with the
 * appointment slip as the sure date — never "no unit in the source".
 */
export function timeText(t: Translate, c: Channel): string {
  if (c.timeLimit === null) return t('procedures.time.none');
  return /^\d+$/.test(c.timeLimit) ? t('procedures.time.about', { count: Number(c.timeLimit) }) : c.timeLimit;
}

/** The document lists' names, in order: the list for every case, then each case. */
export function documentCaseNames(t: Translate, p: Procedure): string[] {
  return p.documentGroups.map((g) => g.case ?? t('procedures.details.allCases'));
}

export function documentsText(t: Translate, p: Procedure): string {
  if (!p.documentGroups.length) return `${p.name}\n\n${t('procedures.details.noDocuments')}`;
  const groups = p.documentGroups.map((g) => groupText(t, g));
  return [`${t('procedures.details.documentsOf', { name: p.name })}`, ...groups].join('\n\n');
}

/** Whether the documents page is too long to read at once: then cases are offered one by one. */
export function documentsByCase(t: Translate, p: Procedure): boolean {
  return p.documentGroups.length > 1 && [...documentsText(t, p)].length > DOCUMENTS_PAGE_CHARS;
}

/** One list of documents (group `index`), with the procedure's name. */
export function documentCaseText(t: Translate, p: Procedure, index: number): string {
  const g = p.documentGroups[index];
  if (!g) return documentsText(t, p);
  return [t('procedures.details.documentsOf', { name: p.name }), groupText(t, g)].join('\n\n');
}

/** What everyone brings first, then what only some cases need (the source lists them as they come). */
function groupText(t: Translate, g: DocumentGroup): string {
  const heading = g.case ? `${t('procedures.details.case')}: ${g.case}` : t('procedures.details.allCases');
  const notes = (g.notes ?? []).map((n) => `${t('procedures.details.note')}: ${n}`);
  const ordered = [...g.documents].sort((a, b) => Number(CASE_CONDITIONAL.test(a.name)) - Number(CASE_CONDITIONAL.test(b.name)));
  return [heading, ...ordered.map((d, i) => `${i + 1}. ${documentLine(t, d)}`), ...notes].join('\n');
}

function documentLine(t: Translate, d: ProcedureDocument): string {
  const parts = [d.name, t(`procedures.details.action.${d.action}`)];
  const counts = [
    d.originals ? t('procedures.details.originals', { count: d.originals }) : '',
    d.copies ? t('procedures.details.copies', { count: d.copies }) : '',
  ].filter(Boolean);
  if (counts.length) parts.push(counts.join(', '));
  if (d.form) parts.push(`${t('procedures.details.form')}: ${d.form}`);
  return parts.join(' · ');
}

/**
 * Time, fee and notes per way of filing; ways that read the same share one block, and a note every
 * way carries (the fee act's paragraph, often) is said once after the blocks, not in each.
 */
export function feesText(t: Translate, p: Procedure): string {
  if (!p.channels.length) return `${p.name}\n\n${t('procedures.details.noFees')}`;
  const notes = p.channels.map((c) =>
    (c.notes ?? '')
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean),
  );
  const shared = notes.length > 1 ? (notes[0] ?? []).filter((line) => notes.every((lines) => lines.includes(line))) : [];
  const blocks = new Map<string, string[]>();
  p.channels.forEach((c, i) => {
    const own = (notes[i] ?? []).filter((line) => !shared.includes(line)).map((line) => `– ${line}`);
    const body = [
      `– ${t('procedures.details.time')}: ${timeText(t, c)}`,
      `– ${t('procedures.details.fee')}: ${feeDetail(t, c)}`,
      ...own,
    ].join('\n');
    blocks.set(body, [...(blocks.get(body) ?? []), t(`procedures.channel.${c.kind}`)]);
  });
  const text = [...blocks.entries()].map(([body, kinds]) => `${[...new Set(kinds)].join(', ')}:\n${body}`);
  return [t('procedures.details.feesOf', { name: p.name }), ...text, ...(shared.length ? [shared.join('\n')] : [])].join('\n\n');
}

/** The numbered list shown with number buttons: full names in the text, nothing cut. */
export function numberedList(items: string[], offset = 0): string {
  return items.map((name, i) => `${offset + i + 1}. ${name}`).join('\n');
}
