import { PhraseMatcher } from '../../../src/domain/text/phrase-matcher';
import { tokenize } from '../../../src/domain/text/tokenize';

describe('phrase matcher', () => {
  const m = new PhraseMatcher<string>();
  m.add('sổ đỏ', 'GCN');
  m.add('làm sổ đỏ', 'GCN lần đầu');
  m.add('cà vẹt xe', 'đăng ký xe');
  m.add('cà vẹt', 'đăng ký xe');
  m.add('xe mới mua', 'xe lần đầu');
  m.add('má', 'mẹ');
  m.add('giá', 'FILLER', { foldedOnly: true });

  const found = (text: string) => m.match(tokenize(text)).map((x) => [x.start, x.end, x.payload]);

  it('finds phrases on folded syllables, longest first', () => {
    expect(found('lam so do lan dau')).toEqual([[0, 3, 'GCN lần đầu']]);
    expect(found('sổ đỏ bị sai')).toEqual([[0, 2, 'GCN']]);
  });

  it('covers as much as possible ("cà vẹt | xe mới mua", not "cà vẹt xe | mới mua")', () => {
    expect(found('lam cavet xe moi mua'.replace('cavet', 'ca vet'))).toEqual([
      [1, 3, 'đăng ký xe'],
      [3, 6, 'xe lần đầu'],
    ]);
  });

  it('a one-syllable phrase written with marks only meets that word, unless folded-only', () => {
    expect(found('má tôi')).toEqual([[0, 1, 'mẹ']]);
    expect(found('ma tuy')).toEqual([]);
    expect(found('ma tuy')).toEqual([]);
    expect(found('gia han')).toEqual([[0, 1, 'FILLER']]);
  });
});
