import { loadLocaleResources } from '../src/i18n';

type Tree = { [key: string]: string | Tree };
const resources = loadLocaleResources() as Record<string, Record<string, Tree>>;

function leaves(tree: Tree, path = ''): Array<[string, string]> {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'string' ? [[`${path}${k}`, v] as [string, string]] : leaves(v, `${path}${k}.`),
  );
}

const all = (locale: string) => Object.entries(resources[locale] ?? {}).flatMap(([ns, tree]) => leaves(tree, `${ns}:`));

describe('locales', () => {
  it('English and Vietnamese have the same keys', () => {
    expect(
      all('en')
        .map(([k]) => k)
        .sort(),
    ).toEqual(
      all('vi')
        .map(([k]) => k)
        .sort(),
    );
  });

  it('no text is empty', () => {
    for (const locale of ['vi', 'en']) for (const [key, text] of all(locale)) expect([key, text.trim().length > 0]).toEqual([key, true]);
  });

  it('Vietnamese text is written with diacritics', () => {
    const vi = all('vi')
      .map(([, t]) => t)
      .join(' ');
    expect(vi.normalize('NFD').match(/[\u0300-\u036f]/g)?.length ?? 0).toBeGreaterThan(50);
  });

  it("button labels fit Zalo's safe title length (20 characters)", () => {
    const isLabel = (key: string) => /\.buttons\.|^common:menu\.language$|^common:procedures\.menu$|^common:language\.(vi|en)$/.test(key);
    for (const locale of ['vi', 'en']) {
      const labels = all(locale).filter(([key]) => isLabel(key));
      expect(labels.length).toBeGreaterThan(10);
      for (const [key, text] of labels) expect([key, [...text].length <= 20]).toEqual([key, true]);
    }
  });
});
