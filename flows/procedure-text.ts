/**
 * How a procedure reads in a chat: the card (what you get, what to bring, where and how to file,
 * time and fee per channel) and the detail pages. Labels come from locales (Vietnamese or
 * English); the procedure's own content stays in Vietnamese, as published.
 */
import type { Channel, DocumentGroup, Procedure, ProcedureDocument } from '../src/domain/catalogue/procedure';
import { openingHoursText, type CommuneProfile } from '../src/domain/commune/commune-profile';
import type { Translate } from '../src/i18n';

const CARD_DOCUMENTS = 6;
const CARD_CASES = 4;
/** A document's name in the card: long legal qualifications are left for the details page. */
const CARD_NAME_CHARS = 140;

export function procedureCard(t: Translate, p: Procedure, commune: CommuneProfile, replacedBy: Procedure[] = []): string {
  const lines = [`${p.name}`, t('procedures.card.codeField', { code: p.code, field: p.field })];
  for (const r of replacedBy) lines.push('', t('procedures.card.replacedBy', { name: r.name, code: r.code }));
  if (p.results.length) lines.push('', `${t('procedures.card.result')}: ${p.results.join('; ')}`);
  lines.push(...documentSummary(t, p));
  lines.push('', `${t('procedures.card.where')}:`, ...whereLines(t, p, commune));
  if (p.channels.length) lines.push('', `${t('procedures.card.timeFee')}:`, ...p.channels.map((c) => `• ${channelLine(t, c)}`));
  if (p.onlineLevel) lines.push('', t(`procedures.card.online.${p.onlineLevel}`));
  return lines.join('\n');
}

/**
 * What to bring, in short: the documents every case needs; where the lists differ by case, the
 * cases' names — never one case's list presented as if it were everyone's.
 */
function documentSummary(t: Translate, p: Procedure): string[] {
  const common = p.documentGroups.find((g) => g.case === null);
  const cases = p.documentGroups.filter((g) => g.case !== null);
  const lines: string[] = [];
  if (common) {
    const documents = common.documents.filter((d) => d.action === 'submit');
    if (documents.length) lines.push('', `${t('procedures.card.documents')}:`, ...documents.slice(0, CARD_DOCUMENTS).map((d) => `• ${shorten(d.name)}`));
  }
  if (cases.length) {
    lines.push('', t('procedures.card.byCase', { count: cases.length }), ...cases.slice(0, CARD_CASES).map((g) => `• ${shorten(g.case!)}`));
  }
  const shown = common ? Math.min(CARD_DOCUMENTS, common.documents.length) : 0;
  if (lines.length && (cases.length || (common?.documents.length ?? 0) > shown)) lines.push(t('procedures.card.moreDocuments'));
  return lines;
}

/** Cut at an opening parenthesis, else at a word, so a card line stays readable. */
function shorten(text: string): string {
  const bracket = text.indexOf(' (');
  const head = bracket >= 15 ? text.slice(0, bracket) : text;
  if ([...head].length <= CARD_NAME_CHARS) return head;
  const cut = head.slice(0, CARD_NAME_CHARS).lastIndexOf(' ');
  return `${head.slice(0, cut > 0 ? cut : CARD_NAME_CHARS)}…`;
}

function whereLines(t: Translate, p: Procedure, commune: CommuneProfile): string[] {
  const centre = commune.serviceCentre;
  const kinds = new Set(p.channels.map((c) => c.kind));
  // With no channel information, the service centre is still where a citizen can go and ask.
  const lines = [`• ${t('procedures.channel.in_person')}: ${centre.name}, ${centre.address} (${openingHoursText(commune)})`];
  if (kinds.has('online')) lines.push(`• ${t('procedures.channel.online')}: ${commune.onlineFiling.portalName}`);
  if (kinds.has('post')) lines.push(`• ${t('procedures.channel.post')}: ${t('procedures.card.postTo', { centre: centre.name })}`);
  return lines;
}

function channelLine(t: Translate, c: Channel): string {
  return `${t(`procedures.channel.${c.kind}`)}: ${timeText(t, c)} · ${shorten(c.feeText ?? t('procedures.unknown'))}`;
}

/** Some records give a bare number: shown as the source says it, flagged, never given a unit. */
function timeText(t: Translate, c: Channel): string {
  if (c.timeLimit === null) return t('procedures.unknown');
  return /^\d+$/.test(c.timeLimit) ? t('procedures.noUnit', { value: c.timeLimit }) : c.timeLimit;
}

export function documentsText(t: Translate, p: Procedure): string {
  if (!p.documentGroups.length) return `${p.name}\n\n${t('procedures.details.noDocuments')}`;
  const groups = p.documentGroups.map((g) => groupText(t, g));
  return [`${t('procedures.details.documentsOf', { name: p.name })}`, ...groups].join('\n\n');
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
      `– ${t('procedures.details.fee')}: ${c.feeText ?? t('procedures.unknown')}`,
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
