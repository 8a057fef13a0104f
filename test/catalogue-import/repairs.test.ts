/**
 * The importer's repairs, each on the real record it was written for (../shared/data/dvcqg-cap-xa):
 * time limits from the steps, fees reconciled with their remark, notes kept out of the document
 * lists, repeated and alternative documents, the vehicle case, the post channel's rule, the agency,
 * legal titles and typos.
 */
import { join } from 'node:path';
import { buildProcedure } from '../../src/catalogue-import/build-procedure';
import { figuresFromSteps, recoverTimeLimit, SAME_DAY } from '../../src/catalogue-import/recover-time-limit';
import { readRawFolder } from '../../src/catalogue-import/read-raw-record';
import { recordSections } from '../../src/catalogue-import/repair-sections';
import { projectRoot } from '../../src/project-root';
import type { Procedure } from '../../src/domain/catalogue/procedure';

const { files } = readRawFolder(join(projectRoot(), '..', 'shared', 'data', 'dvcqg-cap-xa'));
const record = (code: string) => files.find((f) => f.record.ma_thu_tuc.trim() === code)!.record;
const built = (code: string) => buildProcedure(record(code), '2026-11-27');
const steps = (code: string) => recordSections(record(code)).value.steps;
const times = (p: Procedure) => [...new Set(p.channels.map((c) => c.timeLimit))];
const channel = (p: Procedure, kind: string) => p.channels.find((c) => c.kind === kind)!;
const documents = (p: Procedure) => p.documentGroups.flatMap((g) => g.documents.map((d) => d.name));
const kinds = (code: string) => built(code).issues.map((i) => i.kind);

describe('time limits from the steps', () => {
  it('the same-day rule of the steps replaces a bare "1" (1.000656 khai tử) and fills a missing one (2.000635)', () => {
    expect(times(built('1.000656').procedure)).toEqual([SAME_DAY]);
    expect(kinds('1.000656')).toContain('time-same-day-from-steps');
    expect(times(built('2.000635').procedure)).toEqual([SAME_DAY]);
  });

  it('a bare number the steps repeat with "ngày làm việc" gets the unit (1.001570, 1.014034, 2.000575, 1.004873)', () => {
    expect(times(built('1.001570').procedure)).toEqual(['1 ngày làm việc']);
    expect(times(built('1.014034').procedure)).toEqual(['1 ngày làm việc']);
    expect(times(built('2.000575').procedure)).toEqual(['1 ngày làm việc']);
    expect(times(built('1.004873').procedure)).toEqual(['3 ngày làm việc']);
  });

  it('a bare number the steps contradict gives way to the steps, and says so (1.001266: "1" vs "05 ngày làm việc")', () => {
    expect(times(built('1.001266').procedure)).toEqual(['5 ngày làm việc']);
    expect(kinds('1.001266')).toContain('time-cell-contradicted');
    expect(times(built('1.011471').procedure)).toEqual(['7 ngày làm việc']); // not the 01-day validity check
  });

  it('a missing time limit the steps state is filled (1.001612 hộ kinh doanh: 03 ngày làm việc)', () => {
    expect(times(built('1.001612').procedure)).toEqual(['3 ngày làm việc']);
  });

  it('notices and validity checks are other clocks; a figure the steps do not settle stays as it is', () => {
    expect(figuresFromSteps(steps('2.002165'))).toEqual([]); // "thông báo yêu cầu bổ sung … 05 ngày làm việc"
    expect(times(built('1.000080').procedure)).toEqual(['7']);
    expect(kinds('1.000080')).toContain('time-without-unit');
    expect(recoverTimeLimit('5 ngày làm việc', steps('1.001266')).value).toBe('5 ngày làm việc');
  });
});

describe('fees reconciled with their remark', () => {
  it('no flat amount where the remark says the provincial council sets it (1.001612)', () => {
    for (const c of built('1.001612').procedure.channels)
      expect(c).toMatchObject({ feeText: 'Theo mức do HĐND cấp tỉnh quy định', feeVnd: null });
  });

  it('keeps the per-page unit and the lower rate from page 3 (2.000942, 2.000815)', () => {
    for (const code of ['2.000942', '2.000815']) {
      expect(channel(built(code).procedure, 'in_person')).toMatchObject({
        feeText: '2.000 đồng/trang; từ trang thứ 3 trở lên 1.000 đồng/trang, tối đa 200.000 đồng/bản',
        feeVnd: null,
      });
    }
  });

  it('the amount the remark states for the channel, and an amount limited to registration by list (1.002755, 1.004194)', () => {
    expect(channel(built('1.002755').procedure, 'online')).toMatchObject({ feeText: '7.000 đồng/lần đăng ký', feeVnd: 7000 });
    expect(channel(built('1.004194').procedure, 'in_person')).toMatchObject({
      feeText: '10.000 đồng/người/lần đăng ký khi đăng ký theo danh sách',
      feeVnd: null,
    });
  });
});

describe('document lists', () => {
  it('rules listed as documents become notes of their case (1.001266 "(v) Người ủy quyền …", 3.000228 "Trong đó …", 2.000806 "Giá trị sử dụng …")', () => {
    const hkd = built('1.001266').procedure;
    expect(documents(hkd).some((n) => /chịu trách nhiệm trước pháp luật|thì việc ủy quyền thực hiện/u.test(n))).toBe(false);
    const proxy = hkd.documentGroups.find((g) => /^Trường hợp ủy quyền/u.test(g.case ?? ''))!;
    expect(proxy.notes?.some((n) => /^Người ủy quyền và người được ủy quyền/u.test(n))).toBe(true);
    expect(documents(built('3.000228').procedure).some((n) => /^Trong đó/u.test(n))).toBe(false);
    expect(documents(built('2.000806').procedure).some((n) => /^(?:Giá trị sử dụng|Ngoài giấy tờ)/u.test(n))).toBe(false);
  });

  it('a case heading listed as a document heads its case (1.012888 "1. Đối với Ban quản trị … bao gồm")', () => {
    const p = built('1.012888').procedure;
    expect(documents(p).some((n) => /hồ sơ đề nghị công nhận Ban quản trị bao gồm$/u.test(n))).toBe(false);
    expect(p.documentGroups.some((g) => /Đối với Ban quản trị được bầu tại Hội nghị nhà chung cư lần đầu/u.test(g.case ?? ''))).toBe(true);
  });

  it('lists a repeated item once (1.001521) and keeps the sworn-statement alternative (2.000779)', () => {
    for (const g of built('1.001521').procedure.documentGroups) {
      const names = g.documents.map((d) => d.name.replace(/^\S+\s/u, ''));
      expect(new Set(names).size).toBe(names.length);
    }
    expect(documents(built('2.000779').procedure).some((n) => /văn bản cam đoan của các bên nhận cha, mẹ, con/u.test(n))).toBe(true);
  });

  it('vehicle papers form the vehicle case, not the own-home case (1.004222)', () => {
    const p = built('1.004222').procedure;
    const own = p.documentGroups.filter((g) => g.case === 'Đăng ký thường trú vào chỗ ở hợp pháp thuộc quyền sở hữu của mình');
    expect(own.flatMap((g) => g.documents).some((d) => /phương tiện/u.test(d.name))).toBe(false);
    expect(p.documentGroups.find((g) => g.case === 'Đăng ký thường trú tại phương tiện được sử dụng để ở')!.documents).toHaveLength(2);
  });

  it('the post channel carries its rule: certified copies of the papers to show (1.001193)', () => {
    expect(channel(built('1.001193').procedure, 'post').notes).toMatch(
      /^Trường hợp gửi hồ sơ qua hệ thống bưu chính thì phải gửi kèm theo bản sao có chứng thực các giấy tờ phải xuất trình/u,
    );
    expect(channel(built('1.001193').procedure, 'in_person').notes ?? '').not.toMatch(/bưu chính thì phải gửi kèm/u);
  });
});

describe('agency, legal bases, typos', () => {
  it('the ministry and the provincial department of 1.012898, not the commune centre; notaries do not count (2.000815)', () => {
    expect(built('1.012898').procedure.agency).toBe('Bộ Quốc phòng, Sở Xây dựng');
    expect(built('2.000815').procedure.agency).toBeNull();
  });

  it("legal titles: the law's year is not glued to the number, a bare kind is named by its number, a cut title is joined", () => {
    expect(built('1.001266').procedure.legalBases).toContainEqual({
      title: 'Luật sửa đổi, bổ sung một số điều của Luật Doanh nghiệp 2020',
      number: '76/2025/QH15',
    });
    expect(built('1.002755').procedure.legalBases).toContainEqual({ title: 'Thông tư số 66/2023/TT-BCA', number: '66/2023/TT-BCA' });
    const adoption = built('2.002363').procedure.legalBases;
    expect(adoption.find((b) => b.number === '07/2023/TT-BTP')!.title).toMatch(
      /^Thông tư sửa đổi, bổ sung một số điều của thông tư số 10\/2020\/TT-BTP ngày 28 tháng 12 năm 2020/u,
    );
    // The amended circular keeps its own row and title, no longer the cut-off "… của Thông tư số".
    expect(adoption.filter((b) => b.number === '10/2020/TT-BTP').map((b) => b.title)).toEqual([
      'Ban hành, hướng dẫn việc ghi chép, sử dụng, quản lý và lưu trữ sổ, mẫu giấy tờ, hồ sơ nuôi con nuôi',
    ]);
  });

  it('repairs the portal\'s typos "Quân đội nhân nhân" and "cai nghiên"', () => {
    const text = JSON.stringify(built('1.004222').procedure);
    expect(text).not.toMatch(/nhân nhân/u);
    expect(text).toMatch(/Quân đội nhân dân/u);
    const rehab = files.map((f) => buildProcedure(f.record, '2026-11-27').procedure).filter((p) => /cai nghiện ma túy/u.test(p.field));
    expect(rehab.length).toBeGreaterThan(0);
    expect(JSON.stringify(rehab)).not.toMatch(/cai nghiên/u);
  });
});
