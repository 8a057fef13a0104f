/**
 * Long lists of choices as pages of buttons: Zalo shows at most 5 buttons, so a page of choices
 * leaves room for "more" (and "done"). Pages wrap: "more" on the last page shows the first again.
 */
export interface Page<T> {
  /** The page's items with their index in the whole list (what callback data carries). */
  items: Array<[T, number]>;
  /** The page shown (0-based, after wrapping). */
  page: number;
  pages: number;
}

export function pageOf<T>(items: readonly T[], page: number, size: number): Page<T> {
  const pages = Math.max(1, Math.ceil(items.length / size));
  const current = ((page % pages) + pages) % pages;
  return { items: items.map((item, i): [T, number] => [item, i]).slice(current * size, current * size + size), page: current, pages };
}
