/**
 * i18next with `locales/<lang>/<namespace>.json`, loaded once at start. Vietnamese is the
 * default and the fallback: a key missing in English shows the Vietnamese text, never the key.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import i18next, { type i18n as I18nInstance, type TOptions } from 'i18next';
import { projectRoot } from './project-root';

export const LOCALES = ['vi', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export type Translate = (key: string, options?: TOptions) => string;

export interface I18n {
  t(locale: Locale, key: string, options?: TOptions): string;
  translator(locale: Locale): Translate;
  defaultLocale: Locale;
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** Reads every namespace file of every locale under `dir`. */
export function loadLocaleResources(dir = join(projectRoot(), 'locales')): Record<string, Record<string, Record<string, unknown>>> {
  return Object.fromEntries(
    LOCALES.map((locale) => {
      const files = readdirSync(join(dir, locale)).filter((f) => f.endsWith('.json'));
      const namespaces = files.map((f) => [
        basename(f, '.json'),
        JSON.parse(readFileSync(join(dir, locale, f), 'utf8')) as Record<string, unknown>,
      ]);
      return [locale, Object.fromEntries(namespaces)];
    }),
  );
}

export function createI18n(defaultLocale: Locale, resources = loadLocaleResources()): I18n {
  const instance: I18nInstance = i18next.createInstance();
  void instance.init({
    resources,
    lng: defaultLocale,
    fallbackLng: 'vi',
    defaultNS: 'common',
    ns: Object.keys(resources.vi ?? {}),
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  const fixed = new Map(LOCALES.map((l) => [l, instance.getFixedT(l)]));
  const translator = (locale: Locale): Translate => {
    const t = fixed.get(locale) ?? fixed.get(defaultLocale)!;
    return (key, options) => String(t(key, options ?? {}));
  };
  return { t: (locale, key, options) => translator(locale)(key, options), translator, defaultLocale };
}
