import { parseLegalBases } from '../../src/catalogue-import/parse-legal-bases';
import {
  BHXH_MOT_LAN_LEGAL,
  CHUNG_THUC_BAN_SAO_LEGAL,
  GIA_HAN_TAM_TRU_LEGAL,
  KHAI_SINH_LEGAL,
  LIEN_THONG_KHAI_SINH_LEGAL,
  XOA_THUE_DAT_LEGAL,
} from './snippets';

const numbers = (text: string) => parseLegalBases(text).value.map((b) => b.number);
const titleOf = (text: string, number: string) => parseLegalBases(text).value.find((b) => b.number === number)?.title;

describe('parseLegalBases on real records', () => {
  it('1.001193 khai sinh: every row, title and number apart', () => {
    const { value, issues } = parseLegalBases(KHAI_SINH_LEGAL);
    expect(issues).toEqual([]);
    expect(value.map((b) => b.number)).toEqual([
      '85/2019/TT-BTC',
      '104/2022/NĐ-CP',
      '123/2015/NĐ-CP',
      '08/2025/TT-BTP',
      '18/2026/NĐ-CP',
      '87/2020/NĐ-CP',
      '04/2024/TT-BTP',
      '03/2023/TT-BTP',
      '106/2021/TT-BTC',
      '04/2020/TT-BTP',
      '07/2025/NĐ-CP',
      '120/2025/NĐ-CP',
      '66.7/2025/NQ-CP',
      '60/2014/QH13',
      '01/2022/TT-BTP',
    ]);
    expect(titleOf(KHAI_SINH_LEGAL, '123/2015/NĐ-CP')).toBe(
      'Nghị định số 123/2015/NĐ-CP ngày 15/11/2015 của Chính phủ quy định chi tiết một số điều và biện pháp thi hành Luật Hộ tịch',
    );
    // "Luật 60/2014/QH1360/2014/QH13": the title's own number glued to the cell.
    expect(titleOf(KHAI_SINH_LEGAL, '60/2014/QH13')).toBe('Luật 60/2014/QH13');
    // "…Bộ Tư phápThông tư số 03/2023/TT-BTP": the cell repeats its kind.
    expect(titleOf(KHAI_SINH_LEGAL, '03/2023/TT-BTP')).toBe('Thông tư số 03/2023/TT-BTP ngày 02/8/2023 của Bộ trưởng Bộ Tư pháp');
  });

  it('1.001613 BHXH: all-caps titles glued to the previous number', () => {
    expect(numbers(BHXH_MOT_LAN_LEGAL)).toEqual(
      expect.arrayContaining(['166/2016/NĐ-CP', '58/2014/QH13', '2222/QĐ-BHXH', '105/2016/TTLT-BQP-BCA-BLĐTBXH']),
    );
    expect(titleOf(BHXH_MOT_LAN_LEGAL, '58/2014/QH13')).toBe('LUẬT Bảo hiểm xã hội');
    // "…NĐ-CP-Quy định về giao dịch…" stays one title.
    expect(titleOf(BHXH_MOT_LAN_LEGAL, '166/2016/NĐ-CP')).toMatch(/^Nghị định 166\/2016\/NĐ-CP-Quy định về giao dịch điện tử/);
  });

  it('2.000815 chứng thực: a number named in the title is not a cell', () => {
    expect(numbers(CHUNG_THUC_BAN_SAO_LEGAL)).not.toContain('07/2025/NĐ-CP');
    expect(titleOf(CHUNG_THUC_BAN_SAO_LEGAL, '280/2025/NĐ-CP')).toMatch(/được sửa đổi, bổ sung bởi Nghị định số 07\/2025\/NĐ-CP$/);
  });

  it('1.002755 tạm trú: a year glued in front of the number', () => {
    expect(numbers(GIA_HAN_TAM_TRU_LEGAL)).toContain('68/2020/QH14');
    expect(titleOf(GIA_HAN_TAM_TRU_LEGAL, '68/2020/QH14')).toBe('Luật Cư trú 2020');
  });

  it('2.000986: numbers with letters (08.a/2010, 09b/2013)', () => {
    expect(numbers(LIEN_THONG_KHAI_SINH_LEGAL)).toEqual(
      expect.arrayContaining(['08.a/2010/TT-BTP', '09b/2013/TT-BTP', '05/2015/TTLT-BTP-BCA-BYT']),
    );
  });

  it('1.012766 land: a cut-off number cell is reported, the number read from the title', () => {
    const { value, issues } = parseLegalBases(XOA_THUE_DAT_LEGAL);
    expect(value[value.length - 1]).toEqual({
      title: 'Luật số 58/2024/QH15 của Quốc hội: Luật Đầu tư côngLuật số 58',
      number: '58/2024/QH15',
    });
    expect(issues.map((i) => i.kind)).toEqual(['legal-number-from-title']);
  });

  it('lists an act once even when the portal repeats it', () => {
    const twice = 'Tên văn bản pháp lýMã văn bảnLuật Cư trú68/2020/QH14Luật Cư trú68/2020/QH14';
    expect(parseLegalBases(twice).value).toEqual([{ title: 'Luật Cư trú', number: '68/2020/QH14' }]);
  });

  it('reports a row with no number at all', () => {
    const { value, issues } = parseLegalBases('Tên văn bản pháp lýMã văn bảnQuyết định của UBND tỉnh về mẫu hồ sơ');
    expect(value).toEqual([{ title: 'Quyết định của UBND tỉnh về mẫu hồ sơ', number: null }]);
    expect(issues.map((i) => i.kind)).toEqual(['legal-without-number']);
  });
});
