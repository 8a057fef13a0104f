/**
 * How a reply tells a citizen to reach the service centre, from confirmed facts only (contactFacts
 * in data/commune.json): the centre's phone when the commune confirmed it, else the city's
 * public-service hotline a public source confirms, else the centre itself with no number — as a
 * sentence (askLine), a phrase inside another text (reachPhrase) or a call button (callTarget); and
 * the whole contact answer (contactText). Numbers are written by phoneText, where the centre is by
 * placePhrase (src/domain/commune: commune data, no wording of ours).
 */
import { contactFacts, type CommuneProfile } from '../src/domain/commune/commune-profile';
import { phoneText } from '../src/domain/commune/phone-text';
import type { Translate } from '../src/i18n';

/** Whom to reach: the one choice every wording below is made from. */
function reachOf(commune: CommuneProfile): { kind: 'phone' | 'hotline' | 'centre'; values: Record<string, string> } {
  const facts = contactFacts(commune);
  if (facts.phone) return { kind: 'phone', values: { centre: facts.centre, phone: phoneText(facts.phone) } };
  if (facts.hotline)
    return { kind: 'hotline', values: { centre: facts.centre, hotline: facts.hotline.name, phone: phoneText(facts.hotline.phone) } };
  return { kind: 'centre', values: { centre: facts.centre } };
}

/** Whom to ask, as a sentence ("Bạn gọi …: 0236 … để được hướng dẫn."). */
export function askLine(t: Translate, commune: CommuneProfile): string {
  const { kind, values } = reachOf(commune);
  return t(`procedures.ask.${kind}`, values);
}

/** "gọi Trung tâm …: 0236 …" / "hỏi tại Trung tâm … hoặc gọi Tổng đài 1022: 0236 1022" / "hỏi trực tiếp tại …". */
export function reachPhrase(t: Translate, commune: CommuneProfile): string {
  const { kind, values } = reachOf(commune);
  return t(`reach.${kind}`, values);
}

/** The number a "call" button may dial (confirmed centre phone, else the hotline), with its label key; null = no button. */
export function callTarget(commune: CommuneProfile): { labelKey: string; phone: string } | null {
  const facts = contactFacts(commune);
  if (facts.phone) return { labelKey: 'procedures.buttons.call', phone: facts.phone };
  if (facts.hotline) return { labelKey: 'procedures.buttons.callHotline', phone: facts.hotline.phone };
  return null;
}

/** The answer to "số điện thoại / địa chỉ / giờ làm việc của xã": confirmed facts, and what to do for the rest. */
export function contactText(t: Translate, commune: CommuneProfile): string {
  const facts = contactFacts(commune);
  const lines = [facts.centre];
  if (facts.address) lines.push(`${t('procedures.contactInfo.address')}: ${facts.address}`);
  if (facts.hours) lines.push(`${t('procedures.contactInfo.hours')}: ${facts.hours}`);
  if (facts.phone) lines.push(`${t('procedures.contactInfo.phone')}: ${phoneText(facts.phone)}`);
  if (!facts.address || !facts.hours || !facts.phone) {
    lines.push('', t('procedures.contactInfo.notConfirmed'));
    if (!facts.phone && facts.hotline)
      lines.push(t('procedures.contactInfo.hotline', { hotline: facts.hotline.name, phone: phoneText(facts.hotline.phone) }));
    lines.push(t('procedures.contactInfo.portal', { portal: commune.onlineFiling.portalName, url: commune.onlineFiling.fallbackUrl }));
  }
  return lines.join('\n');
}
