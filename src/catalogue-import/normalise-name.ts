/**
 * A procedure's name as the catalogue shows it: NFC, one line, without the leading "Thủ tục "
 * every civil-status record carries, without a trailing "." and without the code some records
 * repeat in brackets ("… (cấp xã) (1.010736)"). Diacritics are kept.
 */
import { capitalise, clean } from './text';

export function normaliseName(name: string): string {
  const text = clean(name)
    .replace(/^Thủ tục\s+/iu, '')
    .replace(/\s*\(\d\.\d{6}\)\s*$/u, '')
    .replace(/[\s.]+$/u, '');
  return capitalise(text);
}
