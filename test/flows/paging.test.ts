import { pageOf } from '../../flows/paging';

describe('pages of choices', () => {
  const villages = Array.from({ length: 11 }, (_, i) => `Thôn ${i + 1}`);

  it("cuts a long list into pages that keep each item's index", () => {
    expect(pageOf(villages, 0, 4)).toEqual({
      items: [
        ['Thôn 1', 0],
        ['Thôn 2', 1],
        ['Thôn 3', 2],
        ['Thôn 4', 3],
      ],
      page: 0,
      pages: 3,
    });
    expect(pageOf(villages, 2, 4).items).toEqual([
      ['Thôn 9', 8],
      ['Thôn 10', 9],
      ['Thôn 11', 10],
    ]);
  });

  it('wraps past the last page, and an empty list is one empty page', () => {
    expect(pageOf(villages, 3, 4).page).toBe(0);
    expect(pageOf([], 0, 4)).toEqual({ items: [], page: 0, pages: 1 });
  });
});
