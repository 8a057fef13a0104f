/**
 * Splitting Vietnamese text into syllables, and pairing neighbouring syllables. Vietnamese words
 * are mostly two syllables written apart ("khai sinh", "thường trú"): a pair carries the meaning
 * that either syllable alone does not ("sinh" is in "khai sinh", "sinh sống" and "sinh viên").
 */

/** Lower-case NFC tokens: syllables and words, and numbers or codes kept whole ("1.001193"). */
export function tokenize(text: string): string[] {
  return (
    text
      .normalize('NFC')
      .toLowerCase()
      .match(/\d+(?:[.,]\d+)*|[\p{L}\p{M}\p{N}]+/gu) ?? []
  );
}

/** The separator inside a syllable pair; never part of a syllable, so pairs and syllables don't collide. */
export const BIGRAM_JOINER = '_';

/** Neighbouring pairs: ["đăng", "ký", "khai"] → ["đăng_ký", "ký_khai"]. */
export function syllableBigrams(syllables: readonly string[]): string[] {
  const pairs: string[] = [];
  for (let i = 0; i + 1 < syllables.length; i++) pairs.push(`${syllables[i]}${BIGRAM_JOINER}${syllables[i + 1]}`);
  return pairs;
}
