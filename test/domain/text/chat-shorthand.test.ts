import { expandShorthand, isFillerWord, isThin } from '../../../src/domain/text/chat-shorthand';

describe('chat shorthand', () => {
  it('expands shorthand', () => {
    expect(expandShorthand('ko')).toBe('không');
    expect(expandShorthand('k')).toBe('không');
    expect(expandShorthand('dc')).toBe('được');
    expect(expandShorthand('đc')).toBe('được');
    expect(expandShorthand('bn')).toBe('bao nhiêu');
    expect(expandShorthand('ntn')).toBe('như thế nào');
    expect(expandShorthand('ad')).toBe('admin');
    expect(expandShorthand('e')).toBe('em');
    expect(expandShorthand('a')).toBe('anh');
    expect(expandShorthand('c')).toBe('chị');
    expect(expandShorthand('đk')).toBe('đăng ký');
  });

  it('leaves real words alone', () => {
    expect(expandShorthand('khai')).toBe('khai');
    expect(expandShorthand('tư')).toBe('tư');
    expect(expandShorthand('sao')).toBe('sao');
  });

  it('knows conversation from content, judging words with marks exactly', () => {
    for (const w of ['ạ', 'ơi', 'admin', 'em', 'anh', 'chị', 'không', 'được', 'gì', 'đang', 'nhé']) expect(isFillerWord(w)).toBe(true);
    for (const w of ['đăng', 'khai', 'sinh', 'hộ', 'tái', 'nạn']) expect(isFillerWord(w)).toBe(false);
    // Without marks a word may be either: "dang" may be "đang" (filler) or "đăng" (content).
    expect(isFillerWord('dang')).toBe(true);
    expect(isFillerWord('dang', { exact: true })).toBe(false);
    expect(isFillerWord('chi', { exact: true })).toBe(false);
  });

  it('marks thin words', () => {
    expect(isThin('cho')).toBe(true);
    expect(isThin('làm')).toBe(true);
    expect(isThin('khai')).toBe(false);
  });
});
