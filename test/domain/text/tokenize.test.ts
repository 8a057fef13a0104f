import { BIGRAM_JOINER, syllableBigrams, tokenize } from '../../../src/domain/text/tokenize';

describe('tokenize and syllable pairs', () => {
  it('splits on spaces and punctuation, lower-cases, keeps codes and numbers whole', () => {
    expect(tokenize('Thủ tục 1.001193: Đăng ký khai sinh, 20.000 đồng!')).toEqual([
      'thủ',
      'tục',
      '1.001193',
      'đăng',
      'ký',
      'khai',
      'sinh',
      '20.000',
      'đồng',
    ]);
  });

  it('composes decomposed text', () => {
    expect(tokenize('Khai tử'.normalize('NFD'))).toEqual(['khai', 'tử']);
  });

  it('pairs neighbouring syllables', () => {
    expect(syllableBigrams(['đăng', 'ký', 'khai', 'sinh'])).toEqual([
      `đăng${BIGRAM_JOINER}ký`,
      `ký${BIGRAM_JOINER}khai`,
      `khai${BIGRAM_JOINER}sinh`,
    ]);
    expect(syllableBigrams(['khai'])).toEqual([]);
    expect(syllableBigrams([])).toEqual([]);
  });
});
