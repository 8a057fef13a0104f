/**
 * Dossier codes as printed on the receipt: AAA.BB.CC.Hnn-YYMMDD-NNNN (e.g.
 * 000.00.20.H47-240501-0001); other systems vary the agency part (down to two groups, H47.20).
 * The date and serial after it make the shape a code's, whatever the agency part. Citizens type them with
 * spaces (even instead of the dashes), in lower case, inside a sentence: found leniently, stored in one
 * canonical form.
 */
import { captures } from '../text/regex-captures';

const CODE = /(?<![A-Z0-9.])([A-Z0-9]{2,4}(?:\.[A-Z0-9]{2,4}){1,3})(-|\s+)(\d{6})(-|\s+)(\d{3,6})(?![0-9])/g;
/** YYMMDD with a real month and day. */
const RECEIPT_DATE = /^\d\d(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$/;

/**
 * Spaced "agency date serial" is a code only when nothing else has that shape: an agency part
 * with a letter (H47; a date or an amount has none) and a date a receipt could print.
 */
const unmistakable = (agency: string, date: string) => /[A-Z]/.test(agency) && RECEIPT_DATE.test(date);

/** Upper case, and the spaces people put around "." and "-" removed. */
function compact(text: string): string {
  return text
    .normalize('NFC')
    .toUpperCase()
    .replace(/\s*([.\-–])\s*/g, (_, sep: string) => (sep === '–' ? '-' : sep));
}

/** The first dossier code in the text, canonical, or undefined. */
export function findDossierCode(text: string): string | undefined {
  for (const match of compact(text).matchAll(CODE)) {
    const [agency, dateSep, date, serialSep, serial] = captures(match, 1, 2, 3, 4, 5);
    // People type spaces where the dashes belong.
    const spaced = dateSep !== '-' || serialSep !== '-';
    if (!spaced || unmistakable(agency, date)) return `${agency}-${date}-${serial}`;
  }
  return undefined;
}

export function canonicalDossierCode(code: string): string {
  return findDossierCode(code) ?? compact(code).trim();
}

/** A code as stored and asked for: canonical, 6–60 letters, digits, "." or "-"; undefined otherwise. */
export function toDossierCode(value: string): string | undefined {
  const code = canonicalDossierCode(value);
  return /^[A-Z0-9.-]{6,60}$/.test(code) ? code : undefined;
}
