import { numberedLabels } from '../../flows/short-label';

describe('numbered buttons', () => {
  it('tell apart names that start alike by what follows the shared words', () => {
    const marriage = [
      'Đăng ký kết hôn',
      'Đăng ký kết hôn lưu động',
      'Đăng ký kết hôn có yếu tố nước ngoài',
      'Đăng ký kết hôn có yếu tố nước ngoài tại khu vực biên giới',
    ];
    expect(numberedLabels(marriage)).toEqual(['1. Đăng ký kết hôn', '2. …lưu động', '3. …có yếu tố nước…', '4. …tại khu vực…']);
  });

  it('keep whole names that already read apart, numbered from the offset, within 20 characters', () => {
    expect(numberedLabels(['Đăng ký khai sinh', 'Đăng ký khai tử'], 5)).toEqual(['6. Đăng ký khai sinh', '7. Đăng ký khai tử']);
    for (const label of numberedLabels(['Chứng thực bản sao từ bản chính', 'Chứng thực chữ ký']))
      expect([...label].length).toBeLessThanOrEqual(20);
  });
});
