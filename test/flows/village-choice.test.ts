import { loadCommuneProfile } from '../../src/domain/commune/commune-profile';
import { typedVillage, villageKeyboard, villageList } from '../../flows/village-choice';

describe('choosing a village in the chat', () => {
  const sample = loadCommuneProfile();
  // A merged commune has many more villages than the sample's three.
  const big = {
    ...sample,
    villages: ['Đồng Tràm Tây', 'Phương Nghệ', 'Hương Quế Đông', 'Hương Quế Tây', 'Phú Lộc', 'Phú Bình', 'Đông Xuân', 'Tây Xuân'].map(
      (name) => ({ name }),
    ),
  };
  const buttons = { pick: (i: number) => `x:v:${i}`, more: (p: number) => `x:vp:${p}`, moreLabel: 'Xem thêm' };
  const rows = (page: number, profile = big) =>
    villageKeyboard(profile, page, buttons)
      .inline_keyboard.flat()
      .map((b) => [b.text, (b as { callback_data: string }).callback_data]);

  it('lists every village by number in the text, whatever their count', () => {
    expect(villageList(big).split('\n')).toHaveLength(8);
    expect(villageList(big)).toMatch(/^1\. Đồng Tràm Tây\n2\. Phương Nghệ[\s\S]*\n8\. Tây Xuân$/);
  });

  it('pages of 4 buttons and "more" (5 buttons at most); five or fewer fit on one page', () => {
    expect(rows(0)).toEqual([
      ['Đồng Tràm Tây', 'x:v:0'],
      ['Phương Nghệ', 'x:v:1'],
      ['Hương Quế Đông', 'x:v:2'],
      ['Hương Quế Tây', 'x:v:3'],
      ['Xem thêm', 'x:vp:1'],
    ]);
    expect(rows(1).map(([, data]) => data)).toEqual(['x:v:4', 'x:v:5', 'x:v:6', 'x:v:7', 'x:vp:2']);
    expect(rows(2)[0]).toEqual(['Đồng Tràm Tây', 'x:v:0']); // "more" on the last page starts again
    expect(rows(0, sample).map(([text]) => text)).toEqual(['Đồng Tràm Tây', 'Phương Nghệ', 'Hương Quế Đông']);
  });

  it('takes a typed number or a name without diacritics, with or without "thôn"', () => {
    expect(typedVillage(big, '6')).toBe('Phú Bình');
    expect(typedVillage(big, ' 8. ')).toBe('Tây Xuân');
    expect(typedVillage(big, '9')).toBeUndefined();
    expect(typedVillage(big, 'thon phuong nghe')).toBe('Phương Nghệ');
    expect(typedVillage(big, 'HUONG QUE DONG')).toBe('Hương Quế Đông');
    expect(typedVillage(big, 'xóm nào đó')).toBeUndefined();
  });
});
