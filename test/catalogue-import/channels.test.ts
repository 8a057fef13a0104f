import { parseChannels, splitRuns, unwrapRemark } from '../../src/catalogue-import/parse-channels';
import { parseFee } from '../../src/catalogue-import/parse-fee';
import { parseTimeLimit } from '../../src/catalogue-import/parse-time-limit';
import {
  CHUNG_THUC_BAN_SAO_CHANNELS,
  CHUNG_THUC_CHU_KY_CHANNELS,
  DAT_DAI_CHANNELS,
  GIA_HAN_TAM_TRU_CHANNELS,
  KHAI_SINH_CHANNELS,
  KHAI_TU_CHANNELS,
  KINH_DOANH_NHIEU_RUN_CHANNELS,
  THUONG_TRU_CHANNELS,
  TIEN_SU_DUNG_DAT_CHANNELS,
  XOA_TAM_TRU_CHANNELS,
} from './snippets';

const kinds = (issues: { kind: string }[]) => issues.map((i) => i.kind);

describe('parseTimeLimit', () => {
  it('lower-cases the unit', () => {
    expect(parseTimeLimit('2 Ngày làm việc')).toEqual({ value: '2 ngày làm việc', issues: [] });
    expect(parseTimeLimit('8 Giờ').value).toBe('8 giờ');
    expect(parseTimeLimit('40 Ngày').value).toBe('40 ngày');
  });

  it('keeps a bare number but reports the missing unit', () => {
    const parsed = parseTimeLimit('7');
    expect(parsed.value).toBe('7');
    expect(kinds(parsed.issues)).toEqual(['time-without-unit']);
  });

  it('reads "0" and "Không có thông tin" as unknown', () => {
    expect(parseTimeLimit('0').value).toBeNull();
    expect(kinds(parseTimeLimit('0').issues)).toEqual(['time-zero']);
    expect(parseTimeLimit('Không có thông tin')).toEqual({ value: null, issues: [] });
  });
});

describe('parseFee', () => {
  it('reads one plain amount, free, or nothing', () => {
    expect(parseFee('Miễn phí').value).toEqual({ feeText: 'Miễn phí', feeVnd: 0 });
    expect(parseFee('20.000 đồng').value).toEqual({ feeText: '20.000 đồng', feeVnd: 20000 });
    expect(parseFee('20,000 Việt Nam Đồng').value).toEqual({ feeText: '20.000 đồng', feeVnd: 20000 });
    expect(parseFee('50,000 VNĐ').value).toEqual({ feeText: '50.000 đồng', feeVnd: 50000 });
    expect(parseFee('Lệ phí: 10.000 đồng/hồ sơ').value).toEqual({ feeText: 'Lệ phí: 10.000 đồng/hồ sơ', feeVnd: 10000 });
    expect(parseFee('Không có thông tin').value).toEqual({ feeText: null, feeVnd: null });
  });

  it('gives no number for ranges, several amounts, percentages and foreign currency', () => {
    expect(parseFee('Từ 10.000 đồng đến 20.000 đồng').value.feeVnd).toBeNull();
    expect(parseFee('2.000 đồng/trang; từ trang thứ 3 trở lên thu 1.000 đồng/trang').value.feeVnd).toBeNull();
    expect(parseFee('0,15% giá trị tài sản, tối thiểu 100.000 đồng').value.feeVnd).toBeNull();
    expect(parseFee('10 USD', '/bản').value).toEqual({ feeText: '10 USD/bản', feeVnd: null });
  });

  it('does not call a fee free when the remark hands it to the province', () => {
    const parsed = parseFee('Miễn phí', null, 'Mức lệ phí cụ thể do Hội đồng nhân dân tỉnh, thành phố trực thuộc Trung ương quyết định.');
    // Not a bare "Miễn phí": the text says who sets the amount.
    expect(parsed.value).toEqual({ feeText: 'Theo mức do HĐND cấp tỉnh quy định', feeVnd: null });
    expect(kinds(parsed.issues)).toEqual(['fee-free-but-set-elsewhere']);
    const exempt = parseFee(
      'Miễn phí',
      null,
      'Theo mức thu lệ phí do Hội đồng nhân dân cấp tỉnh quy định. Miễn lệ phí cho người thuộc hộ nghèo.',
    );
    expect(exempt.value.feeText).toBe('Theo mức do HĐND cấp tỉnh quy định; một số trường hợp được miễn (xem ghi chú)');
    expect(parseFee('Miễn phí', null, 'Theo quy định của Luật phí và lệ phí').value).toEqual({
      feeText: 'Theo mức thu quy định tại văn bản về phí, lệ phí',
      feeVnd: null,
    });
  });
});

describe('unwrapRemark', () => {
  it('undoes the crawler\'s double brackets and "(Đồng (…))"', () => {
    expect(unwrapRemark('(Mức lệ phí cụ thể do HĐND quyết định.)')).toBe('Mức lệ phí cụ thể do HĐND quyết định.');
    expect(unwrapRemark('Đồng (Mức lệ phí cụ thể do HĐND quyết định.)')).toBe('Mức lệ phí cụ thể do HĐND quyết định.');
  });
});

describe('parseChannels on real records', () => {
  it('1.001193 khai sinh: three free channels whose time limit has no unit', () => {
    const { value, issues } = parseChannels(KHAI_SINH_CHANNELS);
    expect(value).toEqual([
      { kind: 'online', timeLimit: '1', feeText: 'Miễn phí', feeVnd: 0, notes: null },
      { kind: 'post', timeLimit: '1', feeText: 'Miễn phí', feeVnd: 0, notes: null },
      { kind: 'in_person', timeLimit: '1', feeText: 'Miễn phí', feeVnd: 0, notes: null },
    ]);
    // One issue naming every channel, not three copies.
    expect(issues).toHaveLength(1);
    expect(issues[0]!.kind).toBe('time-without-unit');
    expect(issues[0]!.message).toContain('online, post, in_person');
  });

  it('1.004222 thường trú: 10.000 đ online and 20.000 đ in person, as the record says', () => {
    const { value } = parseChannels(THUONG_TRU_CHANNELS);
    expect(value.map((c) => c.kind)).toEqual(['online', 'in_person']);
    const online = value.find((c) => c.kind === 'online')!;
    const inPerson = value.find((c) => c.kind === 'in_person')!;
    // The remark states the online amount with its unit: the card says it that way.
    expect(online).toMatchObject({ timeLimit: '7 ngày làm việc', feeText: '10.000 đồng/lần đăng ký', feeVnd: 10000 });
    expect(online.notes).toContain('thu 10.000 đồng/lần đăng ký');
    expect(inPerson).toMatchObject({ timeLimit: '7 ngày làm việc', feeText: '20.000 đồng', feeVnd: 20000 });
    expect(inPerson.notes).toContain('thuộc diện được miễn phí');
  });

  it('2.000815 chứng thực bản sao: the per-page rate with its lower tier and cap, no single amount; the USD row has none', () => {
    const { value, issues } = parseChannels(CHUNG_THUC_BAN_SAO_CHANNELS);
    // The "Tại cơ quan đại diện: 10 USD/bản" row (missions abroad) is dropped, and reported.
    expect(value).toHaveLength(1);
    expect(issues.map((i) => i.kind)).toContain('channel-abroad-dropped');
    expect(value[0]).toMatchObject({
      kind: 'in_person',
      timeLimit: null,
      feeText: '2.000 đồng/trang; từ trang thứ 3 trở lên 1.000 đồng/trang, tối đa 200.000 đồng/bản',
      feeVnd: null,
    });
    expect(value[0]!.notes).toContain('từ trang thứ 3 trở lên thu 1.000 đồng/trang, tối đa thu không quá 200.000 đồng/bản');
    expect(value.some((c) => /USD|cơ quan đại diện/u.test(`${c.feeText} ${c.notes}`))).toBe(false);
    expect(kinds(issues)).toEqual(expect.arrayContaining(['fee-rate-from-remark']));
    expect(kinds(issues)).not.toContain('fee-foreign-currency');
  });

  it('2.000884 chứng thực chữ ký: 10.000 đ per case is one plain amount', () => {
    const { value } = parseChannels(CHUNG_THUC_CHU_KY_CHANNELS);
    expect(value[0]).toMatchObject({ feeText: '10.000 đồng/trường hợp', feeVnd: 10000 });
  });

  it("1.002755 gia hạn tạm trú: the remark's 7.000 for online filing wins over the cell's 5,000; 10.000 only by list", () => {
    const { value, issues } = parseChannels(GIA_HAN_TAM_TRU_CHANNELS);
    expect(value.find((c) => c.kind === 'online')).toMatchObject({ feeText: '7.000 đồng/lần đăng ký', feeVnd: 7000 });
    // "Gia hạn tạm trú theo danh sách: … thu 10.000 đồng/người/lần": not everyone's fee, so no plain amount.
    expect(value.find((c) => c.kind === 'in_person')).toMatchObject({
      feeText: '10.000 đồng/người/lần đăng ký khi đăng ký theo danh sách',
      feeVnd: null,
    });
    expect(kinds(issues)).toEqual(expect.arrayContaining(['fee-amount-from-remark', 'fee-limited-to-case']));
    expect(kinds(issues)).not.toContain('fee-several-amounts');
  });

  it('1.000656 khai tử: "Miễn phí" next to "set by the HĐND" is left unknown, the remark kept as a note', () => {
    const { value, issues } = parseChannels(KHAI_TU_CHANNELS);
    expect(value).toHaveLength(3);
    for (const channel of value) {
      expect(channel.feeVnd).toBeNull();
      expect(channel.notes).toMatch(/^Mức lệ phí cụ thể do Hội đồng nhân dân tỉnh/);
    }
    expect(kinds(issues)).toContain('fee-free-but-set-elsewhere');
  });

  it('1.012753 land: "free" per the fee law is unknown too', () => {
    const { value } = parseChannels(DAT_DAI_CHANNELS);
    expect(value.map((c) => [c.kind, c.timeLimit, c.feeVnd])).toEqual([
      ['online', '17 ngày làm việc', null],
      ['post', '30 ngày làm việc', null],
      ['in_person', '20 ngày làm việc', null],
    ]);
  });

  it('1.010028: "Trực tuyến qua Cổng…" inside a description does not start a channel', () => {
    const runs = splitRuns(XOA_TAM_TRU_CHANNELS).value;
    expect(runs.map((r) => r.kind)).toEqual(['online', 'post', 'in_person']);
    expect(runs[0]!.description).toContain('Trực tuyến qua Cổng dịch vụ công quốc gia');
  });

  it('1.115148: a time limit of "0" is unknown and reported', () => {
    const { value, issues } = parseChannels(TIEN_SU_DUNG_DAT_CHANNELS);
    expect(value.every((c) => c.timeLimit === null && c.feeText === null)).toBe(true);
    expect(kinds(issues)).toEqual(['time-zero']);
  });

  it('1.012537: several rows for one channel are kept apart and reported', () => {
    const { value, issues } = parseChannels(KINH_DOANH_NHIEU_RUN_CHANNELS);
    expect(value.filter((c) => c.kind === 'in_person').length).toBeGreaterThan(1);
    expect(kinds(issues)).toContain('channel-repeated');
  });
});
