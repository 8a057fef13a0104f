/**
 * Dossier codes as printed on the receipt: AAA.BB.CC.Hnn-YYMMDD-NNNN (e.g.
 * 000.00.20.H47-240501-0001); other systems vary the agency part (down to two groups, H47.20).
 * The date and serial after it make the shape a code's, whatever the agency part. Citizens type them with
 * spaces, in lower case, inside a sentence: found leniently, stored in one canonical form.
 */
const CODE = /(?<![A-Z0-9.])([A-Z0-9]{2,4}(?:\.[A-Z0-9]{2,4}){1,3})-(\d{6})-(\d{3,6})(?![0-9])/;

/** Upper case, and the spaces people put around "." and "-" removed. */
function compact(text: string): string {
  return text
    .normalize('NFC')
    .toUpperCase()
    .replace(/\s*([.\-–])\s*/g, (_, sep: string) => (sep === '–' ? '-' : sep));
}

/** The first dossier code in the text, canonical, or undefined. */
export function findDossierCode(text: string): string | undefined {
  const match = CODE.exec(compact(text));
  return match ? `${match[1]}-${match[2]}-${match[3]}` : undefined;
}

export function canonicalDossierCode(code: string): string {
  return findDossierCode(code) ?? compact(code).trim();
}

/** A code as stored and asked for: canonical, 6–60 letters, digits, "." or "-"; undefined otherwise. */
export function toDossierCode(value: string): string | undefined {
  const code = canonicalDossierCode(value);
  return /^[A-Z0-9.-]{6,60}$/.test(code) ? code : undefined;
}
