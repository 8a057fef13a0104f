import { fold, foldPhrase } from '../../../src/domain/text/fold';

describe('fold', () => {
  it('lower-cases, strips the marks and maps đ to d', () => {
    expect(fold('Đăng Ký Khai Sinh')).toBe('dang ky khai sinh');
    expect(fold('ĐKKS')).toBe('dkks');
    expect(fold('Thường trú, tạm trú')).toBe('thuong tru, tam tru');
  });

  it('folds decomposed (NFD) input like composed input', () => {
    const decomposed = 'Hộ tịch'.normalize('NFD');
    expect(decomposed).not.toBe('Hộ tịch');
    expect(fold(decomposed)).toBe('ho tich');
  });

  it('merges words that differ only by marks — why an accented field is kept as well', () => {
    expect(new Set(['tư', 'tử', 'từ', 'tu'].map(fold))).toEqual(new Set(['tu']));
  });

  it('foldPhrase drops punctuation and collapses spaces', () => {
    expect(foldPhrase('  Thủ tục:  đăng ký   kết hôn?! ')).toBe('thu tuc dang ky ket hon');
  });
});
