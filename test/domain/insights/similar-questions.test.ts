import { groupSimilar, similarityKey } from '../../../src/domain/insights/similar-questions';

describe('similar unplaced questions', () => {
  it('groups a question typed with and without marks, particles and question words aside', () => {
    const pairs: Array<[string, string]> = [
      ['thủ tục nhận con nuôi là gì', 'thu tuc nhan con nuoi la gi'],
      ['làm sổ đỏ thế nào vậy', 'lam so do the nao vay'],
      ['cho em hỏi xin giấy xác nhận độc thân ở đâu ạ', 'cho e hoi xin giay xac nhan doc than o dau a'],
      ['sổ đỏ làm', 'cho em hỏi làm sổ đỏ ạ'],
    ];
    for (const [marked, unmarked] of pairs) expect([marked, similarityKey(unmarked)]).toEqual([marked, similarityKey(marked)]);
  });

  it('keeps a word without marks that is as often content ("do" may be đỏ, "the" thẻ)', () => {
    expect(similarityKey('lam the bhyt')).toContain('the');
    expect(similarityKey('so do')).toBe('do so');
    expect(similarityKey('sổ đỏ')).not.toBe(similarityKey('sổ'));
  });

  it('counts a group once per message, its people once each', () => {
    const at = Date.now();
    const groups = groupSimilar(
      [
        { id: '1', user: 'a', text: 'thu tuc nhan con nuoi la gi', at, offered: 'clarify' },
        { id: '2', user: 'b', text: 'Thủ tục nhận con nuôi là gì?', at: at + 1, offered: 'clarify' },
        { id: '3', user: 'a', text: 'giờ mở cửa', at: at + 2, offered: 'clarify' },
      ],
      10,
    );
    expect(groups.map((g) => [g.count, g.users])).toEqual([
      [2, 2],
      [1, 1],
    ]);
  });
});
