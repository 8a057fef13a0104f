import { isAskForPerson, isCloseWord } from '../../flows/ticket-phrases';

describe('what a member types to close the ticket they hold', () => {
  it('closes on "xong", "đóng", "đóng câu hỏi" — and "dong" typed without any diacritics', () => {
    for (const text of ['xong', 'Xong!', 'xong nhé', 'đóng', 'Đóng câu hỏi', 'đã xong', 'dong', 'dong cau hoi', 'da xong', 'done'])
      expect([text, isCloseWord(text)]).toEqual([text, true]);
  });

  it('an answer that folds to "dong" does not close: "dòng", "đông", "động", "dóng" are words of an answer', () => {
    for (const text of ['dòng', 'Đông', 'động', 'dóng', 'đong', 'dòng câu hỏi', 'xong chưa ạ', 'đóng tiền'])
      expect([text, isCloseWord(text)]).toEqual([text, false]);
  });

  it('asking for a person is told apart from a question', () => {
    expect(isAskForPerson('Cho em gặp cán bộ ạ')).toBe(true);
    expect(isAskForPerson('cần người giúp làm căn cước')).toBe(false);
  });
});
