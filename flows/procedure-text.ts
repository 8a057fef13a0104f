/**
 * How a procedure reads in a chat: the card (what you get, what to bring, where and how to file,
 * time and fee per channel) and the detail pages. Labels come from locales (Vietnamese or
 * English); the procedure's own content stays in Vietnamese, as published.
 */
import type { Channel, DocumentGroup, Procedure, ProcedureDocument } from '../src/domain/catalogue/procedure';
import { openingHoursText, type CommuneProfile } from '../src/domain/commune/commune-profile';
import type { Translate } from '../src/i18n';

const CARD_DOCUMENTS = 6;

export function procedureCard(t: Translate, p: Procedure, commune: CommuneProfile): string {
  const lines = [`${p.name}`, t('procedures.card.codeField', { code: p.code, field: p.field })];
  if (p.results.length) lines.push('', `${t('procedures.card.result')}: ${p.results.join('; ')}`);
  const documents = p.documentGroups.flatMap((g) => g.documents.filter((d) => d.action === 'submit'));
  if (documents.length) {
    lines.push('', `${t('procedures.card.documents')}:`);
    lines.push(...documents.slice(0, CARD_DOCUMENTS).map((d) => `• ${d.name}`));
    if (documents.length > CARD_DOCUMENTS || p.documentGroups.length > 1) lines.push(t('procedures.card.moreDocuments'));
  }
  lines.push('', `${t('procedures.card.where')}:`, ...whereLines(t, p, commune));
  if (p.channels.length) lines.push('', `${t('procedures.card.timeFee')}:`, ...p.channels.map((c) => `• ${channelLine(t, c)}`));
  if (p.onlineLevel) lines.push('', t(`procedures.card.online.${p.onlineLevel}`));
  return lines.join('\n');
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
  const time = c.timeLimit ?? t('procedures.unknown');
  const fee = c.feeText ?? t('procedures.unknown');
  return `${t(`procedures.channel.${c.kind}`)}: ${time} · ${fee}`;
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
      `– ${t('procedures.details.time')}: ${c.timeLimit ?? t('procedures.unknown')}`,
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
