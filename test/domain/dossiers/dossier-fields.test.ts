/** A dossier's fields as other systems write them (shared by the CSV import and the HTTP adapter). */
import { parseDossierDate, toLastFour, toPortalStatus, toProcedureCode } from '../../../src/domain/dossiers/dossier-fields';

describe('field parsers', () => {
  it('dates', () => {
    expect(parseDossierDate('05/03/2026')).toBe('2026-03-05T00:00:00+07:00');
    expect(parseDossierDate('5/3/2026 7:05')).toBe('2026-03-05T07:05:00+07:00');
    expect(parseDossierDate('08:30 01/05/2024')).toBe('2024-05-01T08:30:00+07:00');
    expect(parseDossierDate('01-05-2024 16h00')).toBe('2024-05-01T16:00:00+07:00');
    expect(parseDossierDate('2024-05-01T01:30:00Z')).toBe('2024-05-01T08:30:00+07:00');
    expect(parseDossierDate('2024-05-01T08:30:00.123+0700')).toBe('2024-05-01T08:30:00+07:00');
    expect(parseDossierDate('2024-05-01', { endOfDay: true })).toBe('2024-05-01T23:59:59+07:00');
    expect(parseDossierDate(1714527000000)).toBe('2024-05-01T08:30:00+07:00');
    for (const bad of ['31/02/2024', '29/02/2023', '01/13/2024', '01/05/24', '24:00 01/05/2024', 'hôm qua', ''])
      expect(parseDossierDate(bad)).toBeUndefined();
    expect(parseDossierDate('29/02/2024')).toBe('2024-02-29T00:00:00+07:00');
  });

  it('status words back to portal codes', () => {
    const words: Array<[string, number]> = [
      ['submitted', 1],
      ['received', 2],
      ['refused', 3],
      ['processing', 4],
      ['needs_documents', 5],
      ['needs_payment', 6],
      ['cancelled', 7],
      ['ready', 9],
      ['returned', 10],
      ['new', 1],
      ['releasing', 9],
      ['done', 10],
      ['denied', 3],
      ['waiting', 5],
      ['Withdrawn', 7],
      ['Không được tiếp nhận', 3],
      ['yeu cau thuc hien nghia vu tai chinh', 6],
      ['Dừng xử lý', 8],
      ['ĐÃ XỬ LÝ XONG', 9],
    ];
    for (const [word, code] of words) expect([word, toPortalStatus(word)]).toEqual([word, code]);
    for (let code = 1; code <= 10; code++) expect(toPortalStatus(String(code))).toBe(code);
    for (const bad of ['0', '11', 'maybe', '']) expect(toPortalStatus(bad)).toBeUndefined();
  });

  it('last four digits and procedure codes', () => {
    expect(toLastFour('0912 345 678')).toBe('5678');
    expect(toLastFour('(+84) 912.345.678')).toBe('5678');
    expect(toLastFour('1234')).toBe('1234');
    expect(toLastFour('091xxxx67')).toBeUndefined();
    expect(toLastFour('9.12346E+08')).toBeUndefined();
    expect(toLastFour('123')).toBeUndefined();
    expect(toProcedureCode(' 2.000815 ')).toBe('2.000815');
    expect(toProcedureCode('2.00081')).toBeUndefined();
  });
});
