/**
 * `fold` for single words, remembered: a search folds the same few thousand syllables over and
 * over (index build, every query), and Unicode normalisation is the costly part of it.
 */
import { fold } from './fold';

const cache = new Map<string, string>();
const MAX_ENTRIES = 50_000;

export function foldWord(word: string): string {
  let folded = cache.get(word);
  if (folded === undefined) {
    folded = fold(word);
    if (cache.size >= MAX_ENTRIES) cache.clear();
    cache.set(word, folded);
  }
  return folded;
}

/** Whether a word carries any mark (tone, â ă ê ô ơ ư, đ) or capital. */
export function hasMarks(word: string): boolean {
  return foldWord(word) !== word;
}
