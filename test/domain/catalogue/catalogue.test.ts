import { forOrganisations, loadCatalogue, ProcedureCatalogue } from '../../../src/domain/catalogue/catalogue';
import type { Procedure } from '../../../src/domain/catalogue/procedure';

function procedure(code: string, name: string, extra: Partial<Procedure> = {}): Procedure {
  return {
    code,
    name,
    field: 'Hộ tịch',
    level: 'Cấp xã',
    applicants: [],
    agency: null,
    channels: [],
    documentGroups: [],
    stepsSummary: null,
    conditions: null,
    results: [],
    legalBases: [],
    onlineLevel: null,
    related: [],
    replaces: [],
    sourceUrl: null,
    decision: null,
    extractedAt: '2026-11-27',
    origin: 'portal',
    ...extra,
  };
}

describe('ProcedureCatalogue', () => {
  it('relates procedures both ways: a group naming its parts is related to each part', () => {
    const c = new ProcedureCatalogue([
      procedure('1.001193', 'Đăng ký khai sinh'),
      procedure('3.000722', 'Liên thông khai sinh', { related: ['1.001193'], replaces: ['2.000986'] }),
      procedure('2.000986', 'Liên thông cũ'),
    ]);
    expect(c.relatedTo(c.get('1.001193')!).map((p) => p.code)).toEqual(['3.000722']);
    expect(
      c
        .relatedTo(c.get('3.000722')!)
        .map((p) => p.code)
        .sort(),
    ).toEqual(['1.001193', '2.000986']);
    expect(c.relatedTo(c.get('2.000986')!).map((p) => p.code)).toEqual(['3.000722']);
  });

  it('lists a field’s procedures for citizens before those for organisations', () => {
    const c = new ProcedureCatalogue([
      procedure('1.000001', 'Cấp tài khoản định danh điện tử đối với tổ chức'),
      procedure('1.000002', 'Đăng ký khai sinh'),
      procedure('1.000003', 'Đăng ký khai tử'),
    ]);
    expect(c.inField('Hộ tịch').map((p) => p.code)).toEqual(['1.000002', '1.000003', '1.000001']);
    expect(forOrganisations(procedure('1.000004', 'Cấp tài khoản định danh điện tử cho cơ quan, tổ chức'))).toBe(true);
    expect(forOrganisations(procedure('1.000005', 'Đăng ký kết hôn'))).toBe(false);
  });

  it('on the real catalogue, khai sinh and khai tử offer their linked groups', () => {
    const c = loadCatalogue();
    expect(c.relatedTo(c.get('1.001193')!).map((p) => p.code)).toContain('3.000722');
    expect(c.relatedTo(c.get('1.000656')!).map((p) => p.code)).toContain('2.002913');
  });
});
