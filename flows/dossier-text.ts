/**
 * The status answer: state with a plain explanation and the next step, procedure name, dates as
 * dd/mm/yyyy in Asia/Ho_Chi_Minh, the late flag, missing documents, where to collect. Never the
 * applicant's name, address or phone — the dossier model does not even hold them.
 */
import { citizenStateOf, isLate, type Dossier, type PortalStatus } from '../src/domain/dossiers/dossier';
import type { CommuneProfile } from '../src/domain/commune/commune-profile';
import { placePhrase } from '../src/domain/commune/place-phrase';
import { reachPhrase } from './contact-phrases';
import type { Translate } from '../src/i18n';

const DATE = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' });

/** dd/mm/yyyy, zero-padded, in Vietnam's time zone (docs/contract.md). */
export function formatDate(iso: string): string {
  return DATE.format(new Date(iso));
}

export function dossierStatusText(
  t: Translate,
  d: Dossier,
  procedureName: string | undefined,
  commune: CommuneProfile,
  now = Date.now(),
): string {
  const state = stateOf(d);
  const late = isLate(d, now) ? ` (${t('dossiers.status.late')})` : '';
  const lines = [
    t('dossiers.status.title', { code: d.code }),
    `${t('dossiers.status.procedure')}: ${procedureName ?? d.procedureCode}`,
    `${t('dossiers.status.state')}: ${t(`dossiers.state.${state}.label`)} — ${t(`dossiers.state.${state}.explain`)}`,
    `${t('dossiers.status.received')}: ${formatDate(d.receivedAt)}`,
    `${t('dossiers.status.due')}: ${formatDate(d.dueAt)}${late}`,
  ];
  if (d.finishedAt) lines.push(`${t('dossiers.status.finished')}: ${formatDate(d.finishedAt)}`);
  if (d.missingDocuments?.length) lines.push('', `${t('dossiers.status.missing')}:`, ...d.missingDocuments.map((m) => `• ${m}`));
  return [...lines, ...closingLines(t, d, commune)].join('\n');
}

/** "thiếu gì?" asked about a dossier just shown: its missing documents again, the note and the next step. */
export function missingDocumentsText(t: Translate, d: Dossier, commune: CommuneProfile): string {
  const missing = (d.missingDocuments ?? []).map((m) => `• ${m}`);
  return [t('dossiers.missingOf', { code: d.code }), ...missing, ...closingLines(t, d, commune)].join('\n');
}

function stateOf(d: Dossier) {
  return citizenStateOf(d.status as PortalStatus) ?? 'processing';
}

/** The officer's note, then what to do next. */
function closingLines(t: Translate, d: Dossier, commune: CommuneProfile): string[] {
  const place = { reach: reachPhrase(t, commune), place: placePhrase(commune) };
  const note = d.note ? ['', `${t('dossiers.status.note')}: ${d.note}`] : [];
  return [...note, '', `${t('dossiers.status.next')}: ${t(`dossiers.state.${stateOf(d)}.next`, place)}`];
}
