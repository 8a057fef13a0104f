import { normaliseName } from '../../src/catalogue-import/normalise-name';
import { parseApplicants } from '../../src/catalogue-import/parse-applicants';
import { parseChannels } from '../../src/catalogue-import/parse-channels';
import { parseConditions } from '../../src/catalogue-import/parse-conditions';
import { parseOnlineLevel } from '../../src/catalogue-import/parse-online-level';
import { parseResults } from '../../src/catalogue-import/parse-results';
import { filingPlace, MAX_SUMMARY, summariseSteps } from '../../src/catalogue-import/summarise-steps';
import {
  BAN_SAO_GIAO_DICH_RESULTS,
  BHXH_MOT_LAN_CHANNELS,
  BHXH_MOT_LAN_RESULTS,
  CAP_LAI_XE_TOAN_TRINH_RAW_TEXT,
  CONG_BO_NAME,
  DANG_KY_XE_MOT_PHAN_RAW_TEXT,
  KHAI_SINH_APPLICANTS,
  KHAI_SINH_CHANNELS,
  KHAI_SINH_RESULTS,
  KHAI_SINH_STEPS,
  KHIEU_NAI_RESULTS,
  MANY_APPLICANTS,
  SUA_DOI_GIAO_DICH_RAW_TEXT,
  THAM_VAN_NAME,
  THUONG_TRU_CHANNELS,
} from './snippets';

describe('parseResults', () => {
  it('cuts at "Mã:" and drops the page trailer', () => {
    expect(parseResults(KHAI_SINH_RESULTS).value).toEqual(['Giấy khai sinh']);
    expect(parseResults(BHXH_MOT_LAN_RESULTS).value).toEqual([
      'Tiền trợ cấp',
      'Bản quá trình đóng BHXH',
      'Quyết định về việc hưởng BHXH một lần',
    ]);
  });

  it('copes with the odd result codes', () => {
    expect(parseResults(BAN_SAO_GIAO_DICH_RESULTS).value).toEqual(['Bản sao giao dịch được chứng thực']); // "Mã: dsfas"
    expect(parseResults(KHIEU_NAI_RESULTS).value).toEqual(['Quyết định giải quyết khiếu nại lần đầu']); // "Mã: 000.00.00.G11-KQ3554"
  });
});

describe('parseApplicants', () => {
  it('splits on commas outside brackets and keeps "Cán bộ, công chức, viên chức" whole', () => {
    expect(parseApplicants(KHAI_SINH_APPLICANTS)).toEqual(['Công dân Việt Nam', 'Người Việt Nam định cư ở nước ngoài']);
    const many = parseApplicants(MANY_APPLICANTS);
    expect(many).toContain('Tổ chức (không bao gồm doanh nghiệp, HTX)');
    expect(parseApplicants('Công dân Việt Nam, Cán bộ, công chức, viên chức')).toEqual([
      'Công dân Việt Nam',
      'Cán bộ, công chức, viên chức',
    ]);
    expect(many.every((a) => /^\p{Lu}/u.test(a))).toBe(true);
  });
});

describe('parseOnlineLevel', () => {
  it('reads toàn trình / một phần only when said of the online service', () => {
    expect(parseOnlineLevel(CAP_LAI_XE_TOAN_TRINH_RAW_TEXT).value).toBe('full');
    expect(parseOnlineLevel(DANG_KY_XE_MOT_PHAN_RAW_TEXT).value).toBe('partial');
    expect(parseOnlineLevel(SUA_DOI_GIAO_DICH_RAW_TEXT).value).toBeNull(); // "hủy bỏ một phần … di chúc"
  });
});

describe('normaliseName', () => {
  it('strips "Thủ tục", a trailing dot and a repeated code; one line, NFC', () => {
    expect(normaliseName('Thủ tục đăng ký khai sinh')).toBe('Đăng ký khai sinh');
    expect(normaliseName('Hỗ trợ phát triển sản xuất cộng đồng.')).toBe('Hỗ trợ phát triển sản xuất cộng đồng');
    expect(normaliseName(THAM_VAN_NAME)).toBe('Tham vấn trong đánh giá tác động môi trường (cấp xã)');
    expect(normaliseName(CONG_BO_NAME)).not.toContain('\n');
    const nfd = 'Thủ tục đăng ký khai tử'.normalize('NFD');
    expect(normaliseName(nfd)).toBe('Đăng ký khai tử'.normalize('NFC'));
  });
});

describe('parseConditions', () => {
  it('"Không có thông tin" and "Không." leave nothing', () => {
    expect(parseConditions('Không có thông tin')).toBeNull();
    expect(parseConditions('Không.')).toBeNull();
    expect(parseConditions('- Điều kiện một\n- Điều kiện  hai')).toBe('- Điều kiện một\n- Điều kiện hai');
  });
});

describe('summariseSteps', () => {
  it('writes a short summary from the structured data (1.001193)', () => {
    const summary = summariseSteps({
      channels: parseChannels(KHAI_SINH_CHANNELS).value,
      onlineLevel: null,
      results: parseResults(KHAI_SINH_RESULTS).value,
      place: filingPlace('Không có thông tin', KHAI_SINH_STEPS, 'Hộ tịch'),
    });
    expect(summary).toBe(
      'Nộp hồ sơ trực tiếp tại Trung tâm Phục vụ hành chính công, trực tuyến trên Cổng Dịch vụ công quốc gia hoặc qua dịch vụ bưu chính; nhận kết quả: Giấy khai sinh.',
    );
  });

  it('names the commune police and the time limit when every channel shares it (1.004222)', () => {
    const summary = summariseSteps({
      channels: parseChannels(THUONG_TRU_CHANNELS).value,
      onlineLevel: null,
      results: ['Phiếu từ chối tiếp nhận, giải quyết hồ sơ (lĩnh vực cư trú)', 'Cập nhật thông tin trong Cơ sở dữ liệu về cư trú'],
      place: filingPlace('Công an cấp Xã', '', 'Đăng ký, quản lý cư trú'),
    })!;
    expect(summary).toContain('trực tiếp tại Công an cấp xã hoặc trực tuyến');
    expect(summary).toContain('thời hạn giải quyết 7 ngày làm việc');
    expect(summary).not.toContain('từ chối'); // refusals are not what one comes for
  });

  it('stays under the limit with long results (BHXH)', () => {
    const long =
      'Quyết định về việc hưởng trợ cấp mai táng (mẫu 08A-HSB) đối với trường hợp đang tham gia hoặc đang bảo lưu thời gian đóng BHXH bị chết có thân nhân hưởng trợ cấp tuất hàng tháng';
    const summary = summariseSteps({
      channels: parseChannels(BHXH_MOT_LAN_CHANNELS).value,
      onlineLevel: 'full',
      results: [long, long.replace('mai táng', 'tuất'), 'Tiền trợ cấp'],
      place: filingPlace('', '', 'Thực hiện chính sách BHXH'),
    })!;
    expect(summary.length).toBeLessThanOrEqual(MAX_SUMMARY);
    expect(summary).toMatch(/^Nộp hồ sơ trực tiếp tại cơ quan Bảo hiểm xã hội, trực tuyến toàn trình/);
  });

  it('is null when nothing is known', () => {
    expect(summariseSteps({ channels: [], onlineLevel: null, results: [], place: null })).toBeNull();
  });
});
