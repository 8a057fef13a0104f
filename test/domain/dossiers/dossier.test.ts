import { CITIZEN_STATES, PORTAL_STATUS, citizenStateOf, isLate, type PortalStatus } from '../../../src/domain/dossiers/dossier';
import { canonicalDossierCode, findDossierCode } from '../../../src/domain/dossiers/dossier-code';
import { formatDate } from '../../../flows/dossier-text';
import { nextSixAmInVietnam } from '../../../src/jobs/night-ban';

describe('dossier status model', () => {
  it('maps every portal status code 1–10 to a citizen state', () => {
    const codes = Object.keys(PORTAL_STATUS).map(Number) as PortalStatus[];
    expect(codes).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    for (const code of codes) expect(CITIZEN_STATES).toContain(citizenStateOf(code));
    expect(citizenStateOf(5)).toBe('needs_documents');
    expect(citizenStateOf(6)).toBe('needs_payment');
    expect(citizenStateOf(9)).toBe('ready');
    expect(citizenStateOf(10)).toBe('returned');
  });

  it("maps other systems' words", () => {
    expect(citizenStateOf('releasing')).toBe('ready');
    expect(citizenStateOf('Denied')).toBe('refused');
    expect(citizenStateOf('waiting')).toBe('needs_documents');
    expect(citizenStateOf('teleported')).toBeUndefined();
  });

  it('computes late from the appointment date, never stores it', () => {
    const base = { status: 4, dueAt: '2026-11-20T17:00:00+07:00' };
    expect(isLate(base, Date.parse('2026-11-20T16:00:00+07:00'))).toBe(false);
    expect(isLate(base, Date.parse('2026-11-21T08:00:00+07:00'))).toBe(true);
    expect(isLate({ ...base, status: 10, finishedAt: '2026-11-19T10:00:00+07:00' }, Date.parse('2026-12-01T00:00:00Z'))).toBe(false);
    expect(isLate({ ...base, status: 3 }, Date.parse('2026-12-01T00:00:00Z'))).toBe(false);
  });

  it('shows dates as dd/mm/yyyy in Asia/Ho_Chi_Minh', () => {
    expect(formatDate('2026-03-04T18:30:00Z')).toBe('05/03/2026');
    expect(formatDate('2026-12-31T16:59:00Z')).toBe('31/12/2026');
  });
});

describe('dossier codes in what people type', () => {
  it.each([
    ['000.00.20.H47-240501-0001', '000.00.20.H47-240501-0001'],
    ['cho em hoi ho so 000.00.20.h47-240501-0001 a', '000.00.20.H47-240501-0001'],
    ['000.00.20.H47 - 240501 - 0001', '000.00.20.H47-240501-0001'],
    ['mã 000. 00. 20. H48-251127-0123 đến đâu rồi', '000.00.20.H48-251127-0123'],
  ])('finds %s', (typed, code) => {
    expect(findDossierCode(typed)).toBe(code);
  });

  it('does not take phone numbers or dates for codes', () => {
    expect(findDossierCode('so dien thoai 0905-123-456')).toBeUndefined();
    expect(findDossierCode('ngay 05/03/2026')).toBeUndefined();
    expect(findDossierCode('dang ky khai sinh')).toBeUndefined();
    expect(findDossierCode('thu tuc 1.000656-240501-0001')).toBeUndefined();
  });

  it.each([
    ['000.00.20.h47 261120 0042', '000.00.20.H47-261120-0042'],
    ['ho so em la 000.00.20.H47  240501   0001 a', '000.00.20.H47-240501-0001'],
    ['000.00.20.H47-240501 0001', '000.00.20.H47-240501-0001'],
    ['h12.34 241201 001', 'H12.34-241201-001'],
  ])('finds %s, typed with spaces instead of dashes', (typed, code) => {
    expect(findDossierCode(typed)).toBe(code);
  });

  it('takes spaces for dashes only in an unmistakable shape', () => {
    expect(findDossierCode('so dien thoai 0905 123 456')).toBeUndefined();
    expect(findDossierCode('goi 0905 123 6789 nhe')).toBeUndefined();
    expect(findDossierCode('ngay 05.03.2026 240501 0001')).toBeUndefined(); // a date: no letter in the agency part
    expect(findDossierCode('thu tuc 1.000656 240501 0001')).toBeUndefined();
    expect(findDossierCode('het 15.000 200000 300 dong')).toBeUndefined(); // an amount
    expect(findDossierCode('000.00.20.H47 241301 0001')).toBeUndefined(); // month 13: no receipt date
    expect(findDossierCode('000.00.20.H47 2405 0001')).toBeUndefined();
    expect(findDossierCode('000.00.20.H47 240501 12')).toBeUndefined();
    expect(findDossierCode('H47 240501 0001')).toBeUndefined(); // an agency part without dots
  });

  it('skips a spaced lookalike for the real code after it', () => {
    expect(findDossierCode('15.000 200000 300 cho ho so 000.00.20.H47 240501 0001')).toBe('000.00.20.H47-240501-0001');
  });

  it('takes a shorter agency part, as other systems print it', () => {
    expect(findDossierCode('ho so h12.34-241201-0001 sao roi')).toBe('H12.34-241201-0001');
  });

  it('canonicalises codes for storage', () => {
    expect(canonicalDossierCode('000.00.20.h47-240501-0001')).toBe('000.00.20.H47-240501-0001');
    expect(canonicalDossierCode('000.00.20.h47 240501 0001')).toBe('000.00.20.H47-240501-0001');
  });
});

describe('night ban on template sends', () => {
  it('waits for 06:00 in Vietnam', () => {
    expect(new Date(nextSixAmInVietnam(Date.parse('2026-11-27T23:30:00+07:00'))).toISOString()).toBe('2026-11-27T23:00:00.000Z');
    expect(new Date(nextSixAmInVietnam(Date.parse('2026-11-28T02:00:00+07:00'))).toISOString()).toBe('2026-11-27T23:00:00.000Z');
    expect(new Date(nextSixAmInVietnam(Date.parse('2026-11-28T07:00:00+07:00'))).toISOString()).toBe('2026-11-28T23:00:00.000Z');
  });
});
