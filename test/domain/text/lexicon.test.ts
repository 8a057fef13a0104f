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

  it('bounds the work of a split, whatever the length of the token (issue 11)', () => {
    const has = jest.spyOn(lexicon, 'has');
    expect(lexicon.split('a'.repeat(4000))).toBeNull();
    expect(has).not.toHaveBeenCalled();
    // 21 letters, three syllables at most: only parts a syllable long are looked up.
    expect(lexicon.split('nghieng'.repeat(3))).toBeNull();
    expect(has.mock.calls.length).toBeLessThanOrEqual(3 * 7 * 7);
    has.mockRestore();
  });

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
