import { dropArtefacts, mergeSameCode, pageCode } from '../../src/catalogue-import/merge-duplicates';
import { mergeSupplement } from '../../src/catalogue-import/merge-supplement';
import { parseRawRecord, type RawFile } from '../../src/catalogue-import/read-raw-record';
import type { Procedure } from '../../src/domain/catalogue/procedure';

/** The head of the real page crawled under ten codes (its own code is 1.014023). */
const SHARED_PAGE =
  'Hỗ trợ phát triển sản xuất cộng đồng.Tên thủ tụcHỗ trợ phát triển sản xuất cộng đồng.Mã thủ tục1.014023Số quyết định226/QĐ-UBNDCấp thực hiệnCấp xã';
const SHARED_URL = 'https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019dd30d-0166-77b0-bc90-1237ac947345';

function file(code: string, rawText: string, extra: Record<string, string> = {}): RawFile {
  const parsed = parseRawRecord({
    ma_thu_tuc: code,
    ten_thu_tuc: 'Hỗ trợ phát triển sản xuất cộng đồng.',
    so_quyet_dinh: '226/QĐ-UBND',
    linh_vuc: 'Nông nghiệp',
    detail_url: SHARED_URL,
    raw_text: rawText,
    ...extra,
  });
  if (!parsed.ok) throw new Error(parsed.reason);
  return { file: `${code}.json`, record: parsed.record };
}

describe('pageCode', () => {
  it('reads the code the page shows', () => {
    expect(pageCode(SHARED_PAGE)).toBe('1.014023');
    expect(pageCode('no code here')).toBeNull();
  });
});

describe('dropArtefacts', () => {
  it('drops every copy of a page saved under codes that are not its own, and says why', () => {
    const { files, findings } = dropArtefacts([
      file('1.002544', SHARED_PAGE),
      file('3.000332', SHARED_PAGE),
      file('1.001193', 'Mã thủ tục1.001193', { ten_thu_tuc: 'Thủ tục đăng ký khai sinh' }),
    ]);
    expect(files.map((f) => f.record.ma_thu_tuc)).toEqual(['1.001193']);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      codes: ['1.002544', '3.000332'],
      pageCode: '1.014023',
      kept: [],
      dropped: ['1.002544', '3.000332'],
      sourceUrls: [SHARED_URL],
    });
  });

  it('keeps the page under its own code', () => {
    const own = SHARED_PAGE; // shows 1.014023
    const { files, findings } = dropArtefacts([file('1.014023', own), file('3.000224', own)]);
    expect(files.map((f) => f.record.ma_thu_tuc)).toEqual(['1.014023']);
    expect(findings[0]).toMatchObject({ kept: ['1.014023'], dropped: ['3.000224'] });
  });

  it('keeps equal content under different codes when each page names its own code (codes are real)', () => {
    const { files, findings } = dropArtefacts([file('1.000001', 'Mã thủ tục1.000001'), file('1.000002', 'Mã thủ tục1.000002')]);
    expect(files).toHaveLength(2);
    expect(findings[0]).toMatchObject({ kept: ['1.000001', '1.000002'], dropped: [] });
  });
});

describe('mergeSameCode', () => {
  it('merges files holding the same code and says whether they agree', () => {
    const a = file('1.000001', 'Mã thủ tục1.000001');
    const b = { ...file('1.000001', 'Mã thủ tục1.000001'), file: 'copy.json' };
    const c = { ...file('1.000001', 'Mã thủ tục1.000001', { linh_vuc: 'Khác' }), file: 'other.json' };
    expect(mergeSameCode([a, b]).merges).toEqual([{ code: '1.000001', kept: '1.000001.json', dropped: ['copy.json'], identical: true }]);
    const conflicting = mergeSameCode([a, c]);
    expect(conflicting.files).toHaveLength(1);
    expect(conflicting.merges[0]!.identical).toBe(false);
  });
});

describe('mergeSupplement', () => {
  const base = (code: string, origin: Procedure['origin'], replaces: string[] = []): Procedure => ({
    code,
    name: code,
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
    replaces,
    sourceUrl: null,
    decision: null,
    extractedAt: '2026-11-27',
    origin,
  });

  it('adds missing procedures, lets the portal win on overlap, lists what is replaced', () => {
    const merged = mergeSupplement(
      [base('1.001193', 'portal'), base('2.000986', 'portal')],
      [base('1.001193', 'supplement'), base('3.000722', 'supplement', ['2.000986', '2.001023'])],
    );
    expect(merged.added).toEqual(['3.000722']);
    expect(merged.overridden).toEqual(['1.001193']);
    expect(merged.procedures.find((p) => p.code === '1.001193')!.origin).toBe('portal');
    expect(merged.replaced).toEqual([{ code: '2.000986', replacedBy: '3.000722' }]);
  });
});
