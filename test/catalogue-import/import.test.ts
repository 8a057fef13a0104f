/**
 * The whole import of the real crawl (../shared/data/dvcqg-cap-xa) with the project's supplement.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importCatalogue } from '../../src/catalogue-import/import-catalogue';
import { parseArgs, run } from '../../src/catalogue-import/main';
import { applyOverrides, readSupplementFile } from '../../src/catalogue-import/merge-supplement';
import { readRawFolder } from '../../src/catalogue-import/read-raw-record';
import { formatReport } from '../../src/catalogue-import/report';
import { SAME_DAY } from '../../src/catalogue-import/recover-time-limit';
import { MAX_SUMMARY } from '../../src/catalogue-import/summarise-steps';
import { catalogueSchema, PROCEDURE_CODE, type Procedure } from '../../src/domain/catalogue/procedure';
import { projectRoot } from '../../src/project-root';

const ROOT = projectRoot();
const FOLDER = join(ROOT, '..', 'shared', 'data', 'dvcqg-cap-xa');
const SUPPLEMENT = join(ROOT, 'data', 'procedures.supplement.json');
const DATE = '2026-11-27';

const { files, unreadable } = readRawFolder(FOLDER);
const { procedures: supplement, overrides } = readSupplementFile(SUPPLEMENT);
const { catalogue, report } = importCatalogue({ files, unreadable, supplement, overrides, extractedAt: DATE });
const byCode = (code: string): Procedure => {
  const found = catalogue.procedures.find((p) => p.code === code);
  if (!found) throw new Error(`${code} missing`);
  return found;
};

/** Every string in a value, for the NFC check. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

describe('importing the real crawl', () => {
  it('fits the catalogue schema', () => {
    expect(() => catalogueSchema.parse(catalogue)).not.toThrow();
    expect(catalogue.generatedAt).toBe(DATE);
  });

  it('has the expected counts', () => {
    expect(report.counts).toMatchObject({
      files: 208,
      unreadable: 0,
      sameCodeMerged: 0,
      artefactsDropped: 17,
      rejected: 0,
      portal: 191,
      supplementAdded: 4,
      supplementOverridden: 0,
      procedures: 195,
    });
    expect(report.counts.clean + report.counts.withWarnings).toBe(191);
    expect(report.counts.clean).toBeGreaterThanOrEqual(100);
  });

  it('has one procedure per valid code, sorted by code', () => {
    const codes = catalogue.procedures.map((p) => p.code);
    expect(codes.every((c) => /^\d\.\d{6}$/.test(c) && PROCEDURE_CODE.test(c))).toBe(true);
    expect(new Set(codes).size).toBe(codes.length);
    expect([...codes].sort()).toEqual(codes);
  });

  it('drops the crawl artefacts and reports both groups', () => {
    for (const code of ['1.002544', '3.000332', '2.001428', '3.000331'])
      expect(catalogue.procedures.some((p) => p.code === code)).toBe(false);
    expect(report.duplicates.map((d) => [d.pageCode, d.dropped.length])).toEqual(
      expect.arrayContaining([
        ['1.014023', 10],
        ['3.000579', 7],
      ]),
    );
    expect(catalogue.procedures.some((p) => /^Công bố Danh mục|^Hỗ trợ phát triển sản xuất cộng đồng/.test(p.name))).toBe(false);
  });

  it('adds the supplement with unknowns left null', () => {
    const linked = byCode('3.000722');
    expect(linked).toMatchObject({
      origin: 'supplement',
      replaces: ['2.000986', '2.001023'],
      sourceUrl: null,
      decision: '296/QĐ-VPCP',
      onlineLevel: null,
      results: [],
    });
    expect(linked.channels).toEqual([expect.objectContaining({ kind: 'online', feeText: null, feeVnd: null })]);
    expect(byCode('2.002913')).toMatchObject({ origin: 'supplement', replaces: ['2.002622'] });
    // The social-welfare procedures are filled from Nghị định 20/2021/NĐ-CP (sources in the supplement);
    // what no source gave stays unknown: the time limit (and the monthly allowance's fee).
    for (const code of ['1.001731', '1.001776']) {
      const p = byCode(code);
      expect(p).toMatchObject({
        origin: 'supplement',
        legalBases: [expect.objectContaining({ number: '20/2021/NĐ-CP' })],
        sourceUrl: null,
      });
      expect(p.documentGroups.length).toBeGreaterThan(0);
      expect(p.channels.map((c) => c.timeLimit)).toEqual([null]);
    }
    expect(byCode('1.001776').channels[0]).toMatchObject({ feeText: null, feeVnd: null });
    expect(byCode('1.001731').documentGroups[0]!.documents.map((d) => d.name)).toEqual(
      expect.arrayContaining([expect.stringMatching(/Mẫu số 04/), 'Bản sao giấy chứng tử của người đã mất']),
    );
    expect(byCode('3.000722').channels[0]).toMatchObject({ kind: 'online', timeLimit: '3 ngày làm việc' });
    // Every filled entry names its sources in the file (not in the catalogue).
    const file = JSON.parse(readFileSync(SUPPLEMENT, 'utf8')) as { procedures: { code: string; sources?: Record<string, string> }[] };
    for (const code of ['1.001731', '1.001776', '3.000722'])
      expect(Object.keys(file.procedures.find((p) => p.code === code)!.sources ?? {}).length).toBeGreaterThan(0);
    expect(JSON.stringify(catalogue)).not.toMatch(/"sources"/);
    expect(report.supplement.replaced).toEqual([
      { code: '2.000986', replacedBy: '3.000722' },
      { code: '2.001023', replacedBy: '3.000722' },
    ]);
  });

  it("reads the known fees of the commune's common procedures", () => {
    const fee = (code: string, kind: string) =>
      byCode(code)
        .channels.filter((c) => c.kind === kind)
        .map((c) => c.feeVnd);
    expect(fee('1.004222', 'in_person')).toEqual([20000]);
    expect(fee('1.004222', 'online')).toEqual([10000]);
    expect(fee('2.000884', 'in_person')).toEqual([10000]); // the 10 USD row (missions abroad) is dropped
    expect(fee('2.000815', 'in_person')).toEqual([null]);
    // Khai sinh is free only within 60 days of birth (docs/domain.md, via the supplement's overrides).
    expect(fee('1.001193', 'in_person')).toEqual([null]);
  });

  it('never writes a bare "Miễn phí" the amount does not back', () => {
    const unbacked = catalogue.procedures.flatMap((p) =>
      p.channels.filter((c) => /^Miễn (?:lệ )?phí$/u.test(c.feeText ?? '') && c.feeVnd !== 0).map(() => p.code),
    );
    expect(unbacked).toEqual([]);
    const khaiTu = byCode('1.000656').channels[0]!;
    expect(khaiTu.feeVnd).toBeNull();
    expect(khaiTu.feeText).toMatch(/đúng hạn/);
    expect(byCode('3.000322').channels.find((c) => c.kind === 'in_person')!.feeText).toMatch(/^Theo mức do HĐND cấp tỉnh quy định/);
  });

  it('names the agency to file with when it is not the commune centre', () => {
    expect(byCode('1.004222').agency).toBe('Công an cấp xã');
    expect(byCode('3.000228').agency).toBe('Công an cấp xã');
    expect(byCode('1.001613').agency).toBe('Cơ quan Bảo hiểm xã hội');
    expect(byCode('1.001193').agency).toBeNull();
    expect(byCode('2.000815').agency).toBeNull();
  });

  it('applies the documented overrides and reports them with their source', () => {
    const khaiSinh = byCode('1.001193');
    for (const c of khaiSinh.channels) {
      expect(c.timeLimit).toBe('Trong ngày; nộp sau 15 giờ thì trả kết quả trong ngày làm việc tiếp theo');
      expect(c.feeText).toBe('Miễn phí nếu đăng ký trong 60 ngày kể từ ngày sinh');
    }
    // Khai tử's bare "1" is the same-day rule its own steps state (recover-time-limit.ts).
    expect(byCode('1.000656').channels.map((c) => c.timeLimit)).toEqual([SAME_DAY, SAME_DAY, SAME_DAY]);
    expect(report.supplement.fieldOverrides.map((o) => o.code)).toEqual(['1.001193', '1.000656']);
    for (const o of report.supplement.fieldOverrides) expect(o.source).toMatch(/domain\.md/);
    expect(formatReport(report)).toMatch(/1\.001193: channels\[online,post,in_person\]\.timeLimit/);
    expect(() => applyOverrides(catalogue.procedures, [{ code: '9.999999', source: 'x', channels: { set: { feeVnd: 0 } } }])).toThrow(
      /9\.999999/,
    );
    expect(() =>
      applyOverrides(catalogue.procedures, [{ code: '2.002913', source: 'x', channels: { kinds: ['post'], set: { feeVnd: 0 } } }]),
    ).toThrow(/no channel/);
  });

  it('fills the other fields from the record', () => {
    const khaiSinh = byCode('1.001193');
    expect(khaiSinh).toMatchObject({
      name: 'Đăng ký khai sinh',
      field: 'Hộ tịch',
      level: 'Cấp xã',
      results: ['Giấy khai sinh'],
      decision: '163/QĐ-BTP',
      origin: 'portal',
      extractedAt: DATE,
      sourceUrl: 'https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-3fe0-70ac-b9d6-5e9e20d6eef7',
    });
    expect(khaiSinh.legalBases).toContainEqual({ title: 'Luật 60/2014/QH13', number: '60/2014/QH13' });
    // The BHXH records get their real document tables back from raw_text.
    expect(byCode('1.001613').documentGroups.some((g) => g.case === '1. Trường hợp hưởng BHXH một lần')).toBe(true);
  });

  it('keeps summaries short and everything NFC', () => {
    for (const p of catalogue.procedures) expect((p.stepsSummary ?? '').length).toBeLessThanOrEqual(MAX_SUMMARY);
    const notNfc = strings(catalogue).filter((s) => s !== s.normalize('NFC'));
    expect(notNfc).toEqual([]);
  });

  it('reports per record what could not be parsed', () => {
    const khaiTu = report.records.find((r) => r.code === '1.000656')!;
    expect(khaiTu.issues.map((i) => i.kind)).toEqual(expect.arrayContaining(['time-same-day-from-steps', 'fee-free-but-set-elsewhere']));
    // A bare number the steps do not explain stays a warning for a person to look at.
    expect(report.records.find((r) => r.code === '1.000080')!.issues.map((i) => i.kind)).toContain('time-without-unit');
    expect(report.warningKinds['time-without-unit']).toBeGreaterThan(0);
    const text = formatReport(report);
    expect(text).toContain('portal procedures: 191');
    expect(text).toContain('1.000656 Đăng ký khai tử');
    expect(text).toContain('crawl artefacts dropped: 17');
  });
});

describe('re-running', () => {
  it('gives the same catalogue and report', () => {
    const again = importCatalogue({
      files: readRawFolder(FOLDER).files,
      unreadable,
      supplement: readSupplementFile(SUPPLEMENT).procedures,
      overrides: readSupplementFile(SUPPLEMENT).overrides,
      extractedAt: DATE,
    });
    expect(again).toEqual({ catalogue, report });
  });

  it('the CLI writes the same bytes twice, equal to the committed data/procedures.json', () => {
    const dir = mkdtempSync(join(tmpdir(), 'catalogue-'));
    const outputs = ['a.json', 'b.json'].map((name) => {
      const options = parseArgs([FOLDER, '--out', join(dir, name), '--date', DATE]);
      run(options);
      return readFileSync(options.out, 'utf8');
    });
    expect(outputs[0]).toBe(outputs[1]);
    expect(outputs[0]).toBe(readFileSync(join(ROOT, 'data', 'procedures.json'), 'utf8'));
  });
});

describe('parseArgs', () => {
  it('defaults the output and the supplement to data/, the date to today', () => {
    const options = parseArgs([FOLDER], ROOT);
    expect(options.out).toBe(join(ROOT, 'data', 'procedures.json'));
    expect(options.supplement).toBe(join(ROOT, 'data', 'procedures.supplement.json'));
    expect(options.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('refuses a bad date, an unknown option and a missing folder', () => {
    expect(() => parseArgs([FOLDER, '--date', '27/11/2026'])).toThrow(/--date/);
    expect(() => parseArgs([FOLDER, '--frobnicate'])).toThrow(/unknown option/);
    expect(() => parseArgs([])).toThrow(/usage/);
  });
});
