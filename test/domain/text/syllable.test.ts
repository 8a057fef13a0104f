import {
  composeSyllable,
  isVietnameseSyllable,
  normalizeTonePlacement,
  splitTone,
  toneKey,
  unifyIY,
} from '../../../src/domain/text/syllable';

describe('Vietnamese syllables', () => {
  it('recognises real syllables, with or without their marks', () => {
    for (const s of [
      'đăng',
      'ký',
      'khai',
      'sinh',
      'thường',
      'trú',
      'người',
      'nghiêng',
      'quyết',
      'gì',
      'tư',
      'dang',
      'ky',
      'nguoi',
      'truong',
    ]) {
      expect(isVietnameseSyllable(s)).toBe(true);
    }
  });

  it('rejects what is not one syllable: Telex leftovers, abbreviations, English, codes', () => {
    for (const s of ['ddawng', 'kys', 'bhyt', 'dkks', 'register', 'birth', 'ct07', '1.001193', 'sinhh', 'khaisinh']) {
      expect(isVietnameseSyllable(s)).toBe(false);
    }
  });

  it('splits and composes the tone', () => {
    expect(splitTone('ký')).toEqual({ base: 'ky', tone: 'sac' });
    expect(splitTone('đăng')).toEqual({ base: 'đăng', tone: 'ngang' });
    expect(composeSyllable('ky', 'sac')).toBe('ký');
    expect(composeSyllable('nguơi', 'huyen')).toBe('nguời'.normalize('NFC'));
    expect(composeSyllable('ngươi', 'huyen')).toBe('người');
    expect(composeSyllable('quyêt', 'sac')).toBe('quyết');
    expect(composeSyllable('gia', 'sac')).toBe('giá');
    expect(composeSyllable('gi', 'huyen')).toBe('gì');
  });

  it('places the tone mark by one rule, so "hoà" and "hòa" are the same key', () => {
    expect(normalizeTonePlacement('hoà')).toBe('hòa');
    expect(normalizeTonePlacement('thuỷ')).toBe('thủy');
    expect(toneKey('hoà')).toBe(toneKey('hòa'));
    expect(toneKey('tử')).not.toBe(toneKey('tư'));
    expect(toneKey('tử')).not.toBe(toneKey('từ'));
  });

  it('unifies the two spellings of a final i/y after a consonant, but not the rhyme "uy"', () => {
    expect(unifyIY('ky')).toBe('ki');
    expect(unifyIY('ly')).toBe('li');
    expect(unifyIY('quy')).toBe('qui');
    expect(unifyIY('huy')).toBe('huy');
    expect(toneKey('ký')).toBe(toneKey('kí'));
  });
});
