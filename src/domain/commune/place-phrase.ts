/** Where the service centre is, from confirmed facts only (contactFacts): the same in every language. */
import { contactFacts, type CommuneProfile } from './commune-profile';

/** "Trung tâm …, <address> (<hours>)", each part only when confirmed. */
export function placePhrase(commune: CommuneProfile): string {
  const facts = contactFacts(commune);
  return `${facts.centre}${facts.address ? `, ${facts.address}` : ''}${facts.hours ? ` (${facts.hours})` : ''}`;
}
