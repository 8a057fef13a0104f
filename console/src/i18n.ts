/**
 * The console's texts: locales/<lang>/console.json (the repository keeps every user-facing text in
 * locales/), bundled at build time. Vietnamese first; English falls back to it key by key.
 * `{{name}}` in a text is replaced by the value given for `name`, as i18next does on the server.
 */
import vi from '../../locales/vi/console.json';
import en from '../../locales/en/console.json';

export const LANGS = ['vi', 'en'] as const;
export type Lang = (typeof LANGS)[number];

type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

/** Every key of the Vietnamese file: a typo in a key is a type error. */
export type TextKey = Leaves<typeof vi>;

type Tree = { [key: string]: string | Tree };
const TEXTS: Record<Lang, Tree> = { vi, en };
const STORAGE_KEY = 'console.lang';

let current: Lang = readStoredLang();

function readStoredLang(): Lang {
  const stored = localStorage.getItem(STORAGE_KEY);
  return stored === 'en' ? 'en' : 'vi';
}

export function lang(): Lang {
  return current;
}

export function setLang(next: Lang): void {
  current = next;
  localStorage.setItem(STORAGE_KEY, next);
  document.documentElement.lang = next;
}

function lookup(tree: Tree, key: string): string | undefined {
  let node: string | Tree | undefined = tree;
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  return typeof node === 'string' ? node : undefined;
}

export function t(key: TextKey, values: Record<string, string | number> = {}): string {
  const text = lookup(TEXTS[current], key) ?? lookup(TEXTS.vi, key) ?? key;
  return text.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** A text chosen at run time (a status, a reason code): the key when the file has no such text. */
export function tDynamic(key: string, fallback = key): string {
  return lookup(TEXTS[current], key) ?? lookup(TEXTS.vi, key) ?? fallback;
}

export const locale = () => (current === 'vi' ? 'vi-VN' : 'en-GB');

/** The keys under a group of the Vietnamese file ("intents" → ['procedure', …]): the labelled choices. */
export function keysUnder(group: 'intents'): string[] {
  return Object.keys(vi[group]);
}
