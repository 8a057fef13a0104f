/**
 * A message → the features an intent model reads. Vietnamese typed any way must meet the same
 * features: shorthand expanded ("ko" → "không"), Telex leftovers repaired ("ddawng kys"), then
 * folded (no marks, đ→d), so "hồ sơ", "ho so" and "hoof sow" are one word pair. Words and word
 * pairs carry the meaning; character trigrams of each word let a typo ("thong bso") still share
 * most of its features with the word meant. Emoji and digits are features of their own ("👍",
 * a bare number). Bounded: only the first MAX_UNDERSTOOD_CHARS characters are read.
 */
import { boundText } from '../text/bounds';
import { expandShorthand } from '../text/chat-shorthand';
import { foldWord } from '../text/fold-cache';
import { repairTelex } from '../text/telex';
import { tokenize } from '../text/tokenize';
import type { Glossary } from './glossary';

/** A sparse feature vector: feature → weight, L2-normalised. */
export type Features = Map<string, number>;

/** How much the spelling-tolerant trigrams count beside whole words. */
const TRIGRAM_WEIGHT = 0.35;
const PICTOGRAPH = /\p{Extended_Pictographic}/u;

/**
 * The folded words of a message: shorthand expanded, English glossed, Telex repaired, folded. The
 * glossary reads the words as typed, before the Telex repair, which would otherwise take short
 * English words for Vietnamese typed without its input method ("what" → "hát").
 */
function foldedWords(text: string, glossary?: Glossary): string[] {
  const bounded = boundText(text);
  const tokens = tokenize(bounded).flatMap((t) => tokenize(expandShorthand(t)));
  return repairTelex(glossary ? glossary.apply(tokens) : tokens).map((t) => foldWord(t));
}

export function featuresOf(text: string, glossary?: Glossary): Features {
  const words = foldedWords(text, glossary);
  const features: Features = new Map();
  const add = (key: string, weight: number) => features.set(key, (features.get(key) ?? 0) + weight);
  words.forEach((w, i) => {
    add(`w:${w}`, 1);
    if (i > 0) add(`b:${words[i - 1]}_${w}`, 1);
    if (/\d/.test(w)) add('digits', 1);
    const padded = ` ${w} `;
    for (let k = 0; k + 3 <= padded.length; k++) add(`c:${padded.slice(k, k + 3)}`, TRIGRAM_WEIGHT);
  });
  if (words.length === 1) add('one-word', 1);
  if (PICTOGRAPH.test(text.slice(0, 200))) add('emoji', 1);
  if (words.length === 0) add('no-words', 1);
  return normalise(features);
}

function normalise(features: Features): Features {
  let sum = 0;
  for (const v of features.values()) sum += v * v;
  const norm = Math.sqrt(sum) || 1;
  for (const [k, v] of features) features.set(k, v / norm);
  return features;
}
