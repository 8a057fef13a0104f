import { labelKey, typedButton } from '../../flows/typed-buttons';

describe('a typed label or list number is the button it names', () => {
  const shown = [
    { label: '1. Đăng ký khai sinh', data: 'proc:c:1.001193' },
    { label: '2. Đăng ký đất…', data: 'proc:c:1.013978' },
    { label: '✓ Lịch cắt điện', data: 'sub:tt:0:power' },
    { label: 'Hỏi tổ công nghệ số', data: 'tk' },
  ];
  const menu = [{ label: 'Tra cứu hồ sơ', data: 'dos' }];

  it('numbers: "2", "số 2", "chon 1"', () => {
    expect(typedButton('2', shown, menu)?.data).toBe('proc:c:1.013978');
    expect(typedButton('số 2', shown, menu)?.data).toBe('proc:c:1.013978');
    expect(typedButton('chon 1', shown, menu)?.data).toBe('proc:c:1.001193');
    expect(typedButton('7', shown, menu)).toBeUndefined();
  });

  it('labels typed any way, the last shown before the menu; a cut label matches the whole name', () => {
    expect(typedButton('hoi to cong nghe so', shown, menu)?.data).toBe('tk');
    expect(typedButton('lịch cắt điện', shown, menu)?.data).toBe('sub:tt:0:power');
    expect(typedButton('TRA CỨU HỒ SƠ', shown, menu)?.data).toBe('dos');
    expect(typedButton('đăng ký đất đai lần đầu', shown, menu)?.data).toBe('proc:c:1.013978');
    expect(typedButton('đăng ký', shown, menu)).toBeUndefined();
    expect(typedButton(`hỏi tổ công nghệ số ${'x'.repeat(200)}`, shown, menu)).toBeUndefined();
  });

  it('compares labels without numbering, check marks or ellipsis', () => {
    expect(labelKey('✓ 3. Thực hiện chính…')).toBe('thuc hien chinh');
  });
});
