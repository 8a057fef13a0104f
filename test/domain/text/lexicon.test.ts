import { editDistance } from '../../../src/domain/text/edit-distance';
import { Lexicon } from '../../../src/domain/text/lexicon';

describe('edit distance and lexicon', () => {
  it('counts a swap of two letters as one edit', () => {
    expect(editDistance('sihn', 'sinh')).toBe(1);
    expect(editDistance('thuog', 'thuong')).toBe(1);
    expect(editDistance('abc', 'abc')).toBe(0);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('kitten', 'sitting', 1)).toBe(2);
  });

  const lexicon = new Lexicon(['dang', 'ky', 'khai', 'sinh', 'sinh', 'thuong', 'tru', 'ket', 'hon', 'truong']);

  it('splits syllables typed together into known ones', () => {
    expect(lexicon.split('khaisinh')).toEqual(['khai', 'sinh']);
    expect(lexicon.split('kethon')).toEqual(['ket', 'hon']);
    expect(lexicon.split('dangkykhaisinh')).toBeNull();
    expect(lexicon.split('abcd')).toBeNull();
  });

  it('finds the nearest known words', () => {
    expect(lexicon.nearest('sinhh', 1)).toEqual(['sinh']);
    expect(lexicon.nearest('thuog', 1)).toEqual(['thuong']);
    expect(lexicon.nearest('xyzw', 1)).toEqual([]);
    expect(lexicon.frequency('sinh')).toBe(2);
  });
});
