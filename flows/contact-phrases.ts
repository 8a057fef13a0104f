/**
 * How a reply tells a citizen to reach the service centre, from confirmed facts only: its phone
 * when the commune confirmed it, else the city's public-service hotline, else "ask at the centre";
 * and where the centre is, with its address and hours only when confirmed (data/commune.json).
 */
import { contactFacts, type CommuneProfile } from '../src/domain/commune/commune-profile';
import type { Translate } from '../src/i18n';
import { phoneText } from './procedure-text';

/** "gọi Trung tâm …: 0236 …" / "hỏi tại Trung tâm … hoặc gọi Tổng đài 1022: 0236 1022" / "hỏi trực tiếp tại …". */
export function reachPhrase(t: Translate, commune: CommuneProfile): string {
  const facts = contactFacts(commune);
  if (facts.phone) return t('reach.phone', { centre: facts.centre, phone: phoneText(facts.phone) });
  if (facts.hotline) return t('reach.hotline', { centre: facts.centre, hotline: facts.hotline.name, phone: phoneText(facts.hotline.phone) });
  return t('reach.centre', { centre: facts.centre });
}

/** "Trung tâm …, <address> (<hours>)", each part only when confirmed. */
export function placePhrase(commune: CommuneProfile): string {
  const facts = contactFacts(commune);
  return `${facts.centre}${facts.address ? `, ${facts.address}` : ''}${facts.hours ? ` (${facts.hours})` : ''}`;
}
