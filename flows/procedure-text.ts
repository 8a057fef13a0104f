/**
 * How a procedure reads in a chat: the card (what you get, what to bring, where and how to file,
 * time and fee per channel) and the detail pages. Labels come from locales (Vietnamese or
 * English); the procedure's own content stays in Vietnamese, as published.
 */
import type { Channel, DocumentGroup, Procedure, ProcedureDocument } from '../src/domain/catalogue/procedure';
import { FEE_EXEMPTIONS, feeSetElsewhere, isBareFree, isSetElsewhereFeeText } from '../src/domain/catalogue/fee';
import { openingHoursText, type CommuneProfile } from '../src/domain/commune/commune-profile';
import type { Translate } from '../src/i18n';

const CARD_DOCUMENTS = 6;
const CARD_CASES = 4;
const CARD_RESULTS = 2;
/** A document's name in the card: long legal qualifications are left for the details page. */
const CARD_NAME_CHARS = 140;
/** The documents page is listed case by case once it would run past about two messages. */
const DOCUMENTS_PAGE_CHARS = 4000;

/** A document needed only in one case ("Trường hợp trẻ em bị bỏ rơi thì …", "… trong trường hợp ủy quyền"). */
const CASE_CONDITIONAL = /^(?:trường hợp|đối với|nếu|ngoài các thành phần)(?![\p{L}])|trong trường hợp/iu;
/** Results that only happen when things go wrong or change a decision: not what a citizen comes for. */
const SIDE_RESULT = /từ chối|sửa đổi, bổ sung/iu;

/** A card must fit one message. */
const CARD_CHARS = 2000;

export function procedureCard(t: Translate, p: Procedure, commune: CommuneProfile, replacedBy: Procedure[] = []): string {
  // The fullest card that fits one message: the steps' summary goes first, then document lines.
  let card = '';
  for (const fit of [{ steps: true, documents: CARD_DOCUMENTS }, { steps: false, documents: CARD_DOCUMENTS }, { steps: false, documents: 3 }, { steps: false, documents: 1 }]) {
    card = cardText(t, p, commune, replacedBy, fit);
    if ([...card].length <= CARD_CHARS) return card;
  }
  return card;
}

interface CardFit {
  steps: boolean;
  documents: number;
}

function cardText(t: Translate, p: Procedure, commune: CommuneProfile, replacedBy: Procedure[], fit: CardFit): string {
  const lines = [`${p.name}`, t('procedures.card.codeField', { code: p.code, field: p.field })];
  for (const r of replacedBy) lines.push('', t('procedures.card.replacedBy', { name: r.name, code: r.code }));
  if (fit.steps && p.stepsSummary) lines.push('', `${t('procedures.card.how')}: ${p.stepsSummary.replace(/\s*\n\s*/g, ' ')}`);
  const results = p.results.filter((r) => !SIDE_RESULT.test(r)).slice(0, CARD_RESULTS).map((r) => shorten(r));
  if (results.length) lines.push('', `${t('procedures.card.result')}: ${results.join('; ')}`);
  lines.push(...documentSummary(t, p, fit.documents));
  lines.push('', `${t('procedures.card.where')}:`, ...whereLines(t, p, commune));
  if (p.channels.length) lines.push('', `${t('procedures.card.timeFee')}:`, ...channelLines(t, p, commune));
  if (p.onlineLevel) lines.push('', t(`procedures.card.online.${p.onlineLevel}`));
  if (hasNoDetails(p)) lines.push('', t('procedures.card.noDetails', { centre: commune.serviceCentre.name, phone: phoneText(commune.serviceCentre.phone) }));
  return lines.join('\n');
}

/** A record with neither documents nor ways to file: the card says so and offers the centre's phone. */
export function hasNoDetails(p: Procedure): boolean {
  return p.documentGroups.length === 0 && p.channels.length === 0;
}

/**
 * What to bring, in short: the documents every case needs to submit; where the lists differ by
 * case, the cases' names — never one case's document presented as if it were everyone's. The
 * "more" hint counts documents to submit left off; documents to show are named briefly.
 */
function documentSummary(t: Translate, p: Procedure, max: number): string[] {
  const common = p.documentGroups.find((g) => g.case === null);
  const cases = p.documentGroups.filter((g) => g.case !== null);
  const lines: string[] = [];
  const submit = common?.documents.filter((d) => d.action === 'submit') ?? [];
  const shown = submit.filter((d) => !CASE_CONDITIONAL.test(d.name)).slice(0, max);
  if (shown.length) lines.push('', `${t('procedures.card.documents')}:`, ...shown.map((d) => `• ${shorten(d.name)}`));
  const toShow = (common?.documents ?? []).filter((d) => d.action === 'show' && !CASE_CONDITIONAL.test(d.name)).map((d) => briefName(d.name));
  if (toShow.length) lines.push(`${t('procedures.card.bring')}: ${[...new Set(toShow)].slice(0, 2).join('; ')}`);
  const hidden = submit.length - shown.length;
  if (cases.length === 1) {
    lines.push('', t('procedures.card.oneCase', { case: caseCondition(cases[0]!.case!) }));
  } else if (cases.length > 1) {
    lines.push('', t('procedures.card.byCase', { count: cases.length }), ...cases.slice(0, CARD_CASES).map((g) => `• ${shorten(g.case!)}`));
  }
  // One case already says "tap Documents"; several, or documents to submit left off, get the hint.
  if (hidden > 0 || cases.length > 1) lines.push(t('procedures.card.moreDocuments'));
  return lines;
}

/** "Trường hợp 1: Đăng ký cho người …" → "đăng ký cho người …", to follow "Nếu". */
function caseCondition(name: string): string {
  const text = shorten(name).replace(/^(?:\d+[.)]\s*|[a-zđ]\)\s*)?(?:trường hợp\s*\d*\s*[:.–-]?\s*|đối với\s+|nếu\s+)?/iu, '');
  return text.charAt(0).toLocaleLowerCase('vi') + text.slice(1);
}

/** A document to show, named briefly: "… (sau đây gọi tắt là giấy tờ tùy thân) …" → "giấy tờ tùy thân". */
function briefName(name: string): string {
  const called = /gọi tắt là ([^)]+)\)/iu.exec(name);
  if (called) return called[1]!.trim();
  return shorten(name, 80);
}

/**
 * Cut at an opening parenthesis, else at a word, so a card line stays readable. A bracket that
 * states a condition ("(nếu người có yêu cầu lựa chọn nộp hồ sơ theo hình thức trực tuyến)") is
 * kept, shortened ("(nếu nộp trực tuyến)"): without it the line would read as everyone's.
 */
export function shorten(text: string, limit = CARD_NAME_CHARS): string {
  // "Giấy báo tử …. Trường hợp người yêu cầu đã nộp …": the exception is for the details page.
  const exception = /[.;]\s+(?=(?:trường hợp|nếu|đối với)(?![\p{L}]))/iu.exec(text);
  if (exception && exception.index >= 10) return `${shorten(text.slice(0, exception.index), limit - 1)}…`;
  const bracket = text.indexOf(' (');
  let head = text;
  let condition = '';
  if (bracket >= 15) {
    head = text.slice(0, bracket);
    const inside = bracketed(text.slice(bracket + 1));
    const stated = /(?:^|,\s*)((?:nếu|trường hợp)(?![\p{L}]).*)$/iu.exec(inside);
    if (stated) condition = ` (${shortCondition(stated[1]!)})`;
  }
  const room = limit - [...condition].length;
  if ([...head].length <= room) return `${head}${condition}`;
  const cut = head.slice(0, room).lastIndexOf(' ');
  return `${head.slice(0, cut > 0 ? cut : room)}…${condition}`;
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
  if ([...short].length <= 60) return short;
  const cut = short.slice(0, 59).lastIndexOf(' ');
  return `${short.slice(0, cut > 0 ? cut : 59)}…`;
}

/**
 * Where to file: in person only when the record has an in-person channel (or says nothing about
 * channels: the service centre is still where a citizen can ask), at the agency the record names
 * (the commune police, the social insurance office) when it is not the commune's centre.
 */
function whereLines(t: Translate, p: Procedure, commune: CommuneProfile): string[] {
  const centre = commune.serviceCentre;
  const kinds = new Set(p.channels.map((c) => c.kind));
  const lines: string[] = [];
  if (kinds.has('in_person') || kinds.size === 0) {
    const place = p.agency ?? `${centre.name}, ${centre.address} (${openingHoursText(commune)})`;
    lines.push(`• ${t('procedures.channel.in_person')}: ${place}`);
  }
  if (kinds.has('online')) lines.push(`• ${t('procedures.channel.online')}: ${commune.onlineFiling.portalName}`);
  if (kinds.has('post')) lines.push(`• ${t('procedures.channel.post')}: ${t('procedures.card.postTo', { centre: p.agency ?? centre.name })}`);
  return lines;
}

/**
 * Time and fee per way of filing: rows of one kind (stages or cases) merged into one line
 * ("3–7 ngày làm việc tùy trường hợp"), and kinds that read the same sharing a line.
 */
function channelLines(t: Translate, p: Procedure, commune: CommuneProfile): string[] {
  const byKind = new Map<Channel['kind'], Channel[]>();
  for (const c of p.channels) byKind.set(c.kind, [...(byKind.get(c.kind) ?? []), c]);
  const texts = new Map<string, string[]>();
  for (const [kind, channels] of byKind) {
    const text = `${mergedTime(t, channels)} · ${mergedFee(t, channels, commune)}`;
    texts.set(text, [...(texts.get(text) ?? []), t(`procedures.channel.${kind}`)]);
  }
  return [...texts.entries()].map(([text, kinds]) => `• ${kinds.join(', ')}: ${text}`);
}

function distinct(values: string[]): string[] {
  return [...new Set(values)];
}

function mergedTime(t: Translate, channels: Channel[]): string {
  const times = distinct(channels.map((c) => timeText(t, c)));
  if (times.length === 1) return times[0]!;
  const counted = times.map((x) => /^(\d+) (\p{L}[\p{L} ]*)$/iu.exec(x));
  if (counted.every((m) => m !== null)) {
    // One range per unit: "2–7 ngày làm việc; 1 giờ tùy trường hợp".
    const byUnit = new Map<string, number[]>();
    for (const m of counted) byUnit.set(m![2]!.toLowerCase(), [...(byUnit.get(m![2]!.toLowerCase()) ?? []), Number(m![1])]);
    const ranges = [...byUnit].map(([unit, n]) => (Math.min(...n) === Math.max(...n) ? `${n[0]} ${unit}` : `${Math.min(...n)}–${Math.max(...n)} ${unit}`));
    return `${ranges.join('; ')} ${t('procedures.card.varies')}`;
  }
  return `${times.slice(0, 2).map((x) => shorten(x, 60)).join('; ')}${times.length > 2 ? '…' : ''} ${t('procedures.card.varies')}`;
}

function mergedFee(t: Translate, channels: Channel[], commune: CommuneProfile): string {
  const fees = distinct(channels.map((c) => feeShort(t, c, commune)));
  return fees.length === 1 ? fees[0]! : t('procedures.card.feeVaries');
}

/**
 * The fee in one line. "Miễn phí" only when the amount read is 0; a fee the province (HĐND) or a
 * fee act sets is said so — with "some are exempt" only when the notes name exemptions.
 */
function feeShort(t: Translate, c: Channel, commune: CommuneProfile): string {
  if (c.feeVnd === 0) return t('procedures.fee.free');
  if (c.feeText && !isBareFree(c.feeText) && !isSetElsewhereFeeText(c.feeText)) return shorten(c.feeText);
  const setter = feeSetElsewhere(c.notes) ?? feeSetElsewhere(c.feeText);
  if (setter) return t(`procedures.fee.${setter}`, { city: commune.city, exempt: FEE_EXEMPTIONS.test(c.notes ?? '') ? t('procedures.fee.someExempt') : '' });
  return t('procedures.unknown');
}

/** The fee on the details page: the source's text, but never a bare "Miễn phí" the amount does not back. */
function feeDetail(t: Translate, c: Channel): string {
  if (c.feeVnd === 0) return c.feeText ?? t('procedures.fee.free');
  if (c.feeText === null || isBareFree(c.feeText)) return t('procedures.unknown');
  return c.feeText;
}

/** Some records give a bare number: shown as the source says it, flagged, never given a unit. */
function timeText(t: Translate, c: Channel): string {
  if (c.timeLimit === null) return t('procedures.unknown');
  return /^\d+$/.test(c.timeLimit) ? t('procedures.noUnit', { value: c.timeLimit }) : c.timeLimit;
}

/** "02363000000" → "0236 300 0000", "0912345678" → "0912 345 678": for reading; call buttons keep digits. */
export function phoneText(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (phone.startsWith('+')) return phone;
  if (digits.length === 11 && digits.startsWith('02')) return `${digits.slice(0, 4)} ${digits.slice(4, 7)} ${digits.slice(7)}`;
  if (digits.length === 10) return `${digits.slice(0, 4)} ${digits.slice(4, 7)} ${digits.slice(7)}`;
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
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

function groupText(t: Translate, g: DocumentGroup): string {
  const heading = g.case ? `${t('procedures.details.case')}: ${g.case}` : t('procedures.details.allCases');
  return [heading, ...g.documents.map((d, i) => `${i + 1}. ${documentLine(t, d)}`)].join('\n');
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

export function feesText(t: Translate, p: Procedure): string {
  if (!p.channels.length) return `${p.name}\n\n${t('procedures.details.noFees')}`;
  const blocks = p.channels.map((c) => {
    const lines = [
      `${t(`procedures.channel.${c.kind}`)}:`,
      `– ${t('procedures.details.time')}: ${timeText(t, c)}`,
      `– ${t('procedures.details.fee')}: ${feeDetail(t, c)}`,
    ];
    if (c.notes) lines.push(`– ${c.notes}`);
    return lines.join('\n');
  });
  return [t('procedures.details.feesOf', { name: p.name }), ...blocks].join('\n\n');
}

/** The numbered list shown with number buttons: full names in the text, nothing cut. */
export function numberedList(items: string[], offset = 0): string {
  return items.map((name, i) => `${offset + i + 1}. ${name}`).join('\n');
}
