import { findForm, splitFormFile } from '../../src/catalogue-import/find-form';
import { parseDocuments, readCaption, splitTables } from '../../src/catalogue-import/parse-documents';
import { parseRawRecord } from '../../src/catalogue-import/read-raw-record';
import { recordSections, sectionsFromRawText } from '../../src/catalogue-import/repair-sections';
import type { DocumentGroup } from '../../src/domain/catalogue/procedure';
import {
  BHXH_MOT_LAN_DOCUMENTS_FIELD,
  BHXH_MOT_LAN_RAW_TEXT,
  BHXH_MOT_LAN_STEPS,
  BIEN_PHAP_BAO_DAM_DOCUMENTS,
  CHUNG_THUC_BAN_SAO_DOCUMENTS,
  DAT_DAI_DOCUMENTS,
  KHAI_SINH_DOCUMENTS,
  NUOI_CON_NUOI_DOCUMENTS,
  THUONG_TRU_DOCUMENTS,
} from './snippets';

const allDocuments = (groups: DocumentGroup[]) => groups.flatMap((g) => g.documents);
const named = (groups: DocumentGroup[], start: string) => allDocuments(groups).find((d) => d.name.startsWith(start));

describe('splitFormFile / findForm', () => {
  it('cuts the glued form file off the name (real rows)', () => {
    expect(
      splitFormFile(
        'Tờ khai thay đổi thông tin cư trú (Mẫu CT01 ban hành kèm theo Thông tư số 53/2025/TT-BCA).1.MuCT01banhnhkmtheoThngts53.doc',
      ),
    ).toEqual({
      name: 'Tờ khai thay đổi thông tin cư trú (Mẫu CT01 ban hành kèm theo Thông tư số 53/2025/TT-BCA).',
      file: '1.MuCT01banhnhkmtheoThngts53.doc',
      unseparated: false,
    });
    expect(splitFormFile('Văn bản đề nghị theo Mẫu số 13 Phụ lục ban hành kèm theo Nghị định số 58/2024/NĐ-CPMus132.docx').name).toBe(
      'Văn bản đề nghị theo Mẫu số 13 Phụ lục ban hành kèm theo Nghị định số 58/2024/NĐ-CP',
    );
    expect(splitFormFile('Bản sao giấy khai sinh hoặc trích lục khai sinh hoặc bản sao giấy chứng sinh của con.14-HSB.docx').file).toBe(
      '14-HSB.docx',
    );
    expect(splitFormFile('Đơn đăng ký đất đai').file).toBeNull();
  });

  it("names the form from the document's own words", () => {
    expect(findForm('Tờ khai đăng ký khai sinh theo mẫu (nếu người có yêu cầu lựa chọn nộp hồ sơ theo hình thức trực tiếp)')).toBe(
      'Tờ khai đăng ký khai sinh',
    );
    expect(findForm('b) Đơn đề nghị (Mẫu số 14-HSB)')).toBe('Đơn đề nghị (Mẫu số 14-HSB)');
    expect(findForm('Tờ khai thay đổi thông tin cư trú (mẫu CT01 ban hành kèm theo Thông tư số 53/2025/TT-BCA)')).toBe(
      'Tờ khai thay đổi thông tin cư trú (Mẫu CT01)',
    );
    expect(findForm('Báo cáo kết quả rà soát hiện trạng sử dụng đất theo Mẫu số 15d ban hành kèm theo Nghị định số 151/2025/NĐ-CP')).toBe(
      'Mẫu số 15d',
    );
    expect(findForm('Giấy chứng sinh')).toBeNull();
  });
});

describe('readCaption', () => {
  it('tells submit from show and finds cases', () => {
    expect(readCaption('* Giấy tờ phải nộp:')).toEqual({ action: 'submit', case: null });
    expect(readCaption('* Giấy tờ phải xuất trình:')).toEqual({ action: 'show', case: null });
    expect(readCaption('--')).toEqual({ action: 'submit', case: null });
    expect(readCaption('Trường hợp 1: Xác nhận điều kiện về nhà ở').case).toBe('Trường hợp 1: Xác nhận điều kiện về nhà ở');
    expect(readCaption('* Hồ sơ đề nghị hưởng trợ cấp tai nạn, gồm:').case).toBe('Hồ sơ đề nghị hưởng trợ cấp tai nạn');
  });
});

describe('splitTables', () => {
  it('reads the count cells, including the other rendering "Bản chính: 1 - Bản sao: 0"', () => {
    const { tables } = splitTables(
      '* Giấy tờ phải nộp:Tên giấy tờMẫu đơn, tờ khaiSố lượngĐơn đề nghịBản chính: 1 - Bản sao: 0Sổ hộ khẩu0 bản chính,2 bản sao',
    );
    expect(tables[0]!.rows.map((r) => [r.text, r.count])).toEqual([
      ['Đơn đề nghị', { originals: 1, copies: 0 }],
      ['Sổ hộ khẩu', { originals: 0, copies: 2 }],
    ]);
  });

  it('1.011441: "(01 bản chính)" inside a name is not a count cell', () => {
    const { tables } = splitTables(BIEN_PHAP_BAO_DAM_DOCUMENTS);
    const first = tables[0]!.rows[0]!;
    expect(first.text).toContain('Phiếu yêu cầu theo Mẫu số 01a tại Phụ lục (01 bản chính)');
    expect(first.count).toEqual({ originals: 1, copies: 0 });
  });
});

describe('parseDocuments on real records', () => {
  it('1.001193 khai sinh: submit vs show, counts, the form, and no explanatory notes', () => {
    const { value, issues } = parseDocuments(KHAI_SINH_DOCUMENTS);
    expect(value.map((g) => g.case)).toEqual([null]);
    expect(named(value, 'Giấy chứng sinh')).toMatchObject({ action: 'submit', originals: 1, copies: 0, form: null });
    expect(named(value, 'Hộ chiếu/Thẻ căn cước công dân')).toMatchObject({ action: 'show', originals: 1, copies: 0 });
    expect(named(value, 'Tờ khai đăng ký khai sinh')).toMatchObject({ action: 'submit', form: 'Tờ khai đăng ký khai sinh' });
    // Rules counted 0 are notes, not documents.
    expect(named(value, 'Trường hợp người đi đăng ký khai sinh cho trẻ em là ông, bà')).toBeUndefined();
    expect(named(value, 'Bản chụp các giấy tờ gửi kèm')).toBeUndefined();
    expect(issues.find((i) => i.kind === 'notes-skipped')).toBeDefined();
    expect(issues.filter((i) => i.severity === 'warning')).toEqual([]);
  });

  it('1.004222 thường trú: documents grouped by case, with a sub-case', () => {
    const { value } = parseDocuments(THUONG_TRU_DOCUMENTS);
    const cases = value.map((g) => g.case);
    expect(cases).toContain('Đăng ký thường trú vào chỗ ở hợp pháp do thuê, mượn, ở nhờ');
    expect(cases).toContain('Đăng ký thường trú vào chỗ ở hợp pháp thuộc quyền sở hữu của mình');
    expect(
      cases.some((c) =>
        c?.startsWith(
          'Đăng ký thường trú tại cơ sở tín ngưỡng, cơ sở tôn giáo có công trình phụ trợ là nhà ở – Trường hợp quy định tại điểm d',
        ),
      ),
    ).toBe(true);
    const rented = value.find((g) => g.case === 'Đăng ký thường trú vào chỗ ở hợp pháp do thuê, mượn, ở nhờ')!;
    expect(rented.documents[0]).toMatchObject({
      name: expect.stringMatching(/^Hợp đồng, văn bản về việc cho thuê, cho mượn, cho ở nhờ/),
      originals: 1,
      copies: 0,
    });
    expect(named(value, 'Tờ khai thay đổi thông tin cư trú')!.form).toBe('Tờ khai thay đổi thông tin cư trú (Mẫu CT01)');
  });

  it('1.012753 land: originals and copies, and the form named in the text', () => {
    const { value, issues } = parseDocuments(DAT_DAI_DOCUMENTS);
    const docs = allDocuments(value);
    expect(docs).toHaveLength(7);
    expect(docs.every((d) => d.originals === 1 && d.copies === 1 && d.action === 'submit')).toBe(true);
    expect(named(value, 'Báo cáo kết quả rà soát hiện trạng sử dụng đất')!.form).toBe('Mẫu số 15d');
    expect(issues).toEqual([]);
  });

  it('1.011441 land: the glued form file is cut off the name', () => {
    const phieu = named(parseDocuments(BIEN_PHAP_BAO_DAM_DOCUMENTS).value, 'Phiếu yêu cầu theo Mẫu số 01a')!;
    expect(phieu.name).not.toMatch(/\.docx/);
    expect(phieu.form).toBe('Phiếu yêu cầu (Mẫu số 01a)');
  });

  it('2.000815 chứng thực: the one document', () => {
    const { value } = parseDocuments(CHUNG_THUC_BAN_SAO_DOCUMENTS);
    expect(allDocuments(value)).toHaveLength(1);
    expect(allDocuments(value)[0]).toMatchObject({
      originals: 1,
      copies: 0,
      name: expect.stringMatching(/^Bản chính giấy tờ, văn bản làm cơ sở để chứng thực bản sao/),
    });
  });

  it('2.001263 nuôi con nuôi: a document counted "0" keeps its name with unknown counts, reported', () => {
    const { value, issues } = parseDocuments(NUOI_CON_NUOI_DOCUMENTS);
    expect(value.map((g) => g.case)).toEqual(
      expect.arrayContaining(['Hồ sơ của người nhận con nuôi', 'Hồ sơ của người được nhận làm con nuôi']),
    );
    const unknown = allDocuments(value).filter((d) => d.originals === null);
    expect(unknown.length).toBeGreaterThan(0);
    expect(unknown.every((d) => d.copies === null)).toBe(true);
    expect(issues.filter((i) => i.kind === 'count-zero')).toHaveLength(unknown.length);
  });
});

describe('BHXH 1.001613: the crawler cut the documents away', () => {
  it('the documents field holds the end of the steps, not a table', () => {
    expect(parseDocuments(BHXH_MOT_LAN_DOCUMENTS_FIELD).value).toEqual([]);
  });

  it('raw_text has both sections, re-read in order', () => {
    const sections = sectionsFromRawText(BHXH_MOT_LAN_RAW_TEXT)!;
    expect(sections.steps).toContain('(Thành phần hồ sơ) và nộp cho cơ quan BHXH');
    expect(sections.documents).toMatch(/^\(Trường hợp không quy định là bản chính/);
  });

  it('recordSections repairs the record and the documents parse by case', () => {
    const raw = parseRawRecord({
      ma_thu_tuc: '1.001613',
      ten_thu_tuc: 'Giải quyết hưởng bảo hiểm xã hội một lần',
      trinh_tu_thuc_hien: BHXH_MOT_LAN_STEPS,
      thanh_phan_ho_so: BHXH_MOT_LAN_DOCUMENTS_FIELD,
      raw_text: BHXH_MOT_LAN_RAW_TEXT,
    });
    if (!raw.ok) throw new Error(raw.reason);
    const sections = recordSections(raw.record);
    expect(sections.issues.map((i) => i.kind)).toEqual(['sections-repaired']);
    const { value } = parseDocuments(sections.value.documents);
    const main = value.find((g) => g.case === '1. Trường hợp hưởng BHXH một lần')!;
    expect(main.documents.map((d) => d.name)).toEqual(expect.arrayContaining(['a) Sổ BHXH', 'b) Đơn đề nghị (Mẫu số 14-HSB)']));
    expect(main.documents.find((d) => d.name === 'b) Đơn đề nghị (Mẫu số 14-HSB)')).toMatchObject({
      originals: 1,
      copies: 0,
      form: 'Đơn đề nghị (Mẫu số 14-HSB)',
    });
    expect(
      value.find((g) => g.case === '2. Đối với người lao động là công dân nước ngoài làm việc tại Việt Nam hưởng BHXH một lần'),
    ).toBeDefined();
    // The general rule about copies is a note, not a document.
    expect(allDocuments(value).find((d) => d.name.startsWith('Trường hợp không quy định'))).toBeUndefined();
  });
});
