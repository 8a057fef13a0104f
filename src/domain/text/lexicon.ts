/**
 * The folded syllables a catalogue knows, with how many records use each: lets a search repair
 * what it does not know — syllables typed together ("khaisinh" → "khai sinh") and typos
 * ("thuog" → "thuong", "sihn" → "sinh") — towards words that can actually match.
 */
import { editDistance } from './edit-distance';
import { isVietnameseSyllable } from './syllable';

/** The longest Vietnamese syllable, folded ("nghieng", "nguyen"). */
const MAX_SYLLABLE = 7;
/** A token typed together from at most three syllables. */
const MAX_SPLIT = 3 * MAX_SYLLABLE;

export class Lexicon {
  private readonly freq = new Map<string, number>();
  private readonly byLength = new Map<number, string[]>();

  constructor(words: Iterable<string>) {
    for (const w of words) this.freq.set(w, (this.freq.get(w) ?? 0) + 1);
    for (const w of this.freq.keys()) {
      const list = this.byLength.get(w.length) ?? [];
      list.push(w);
      this.byLength.set(w.length, list);
    }
  }

  has(word: string): boolean {
    return this.freq.has(word);
  }

  /** How many records use the word (0 when unknown). */
  frequency(word: string): number {
    return this.freq.get(word) ?? 0;
  }

  /**
   * Splits a token typed without spaces into two or three known Vietnamese syllables
   * ("dangky" → ["dang", "ky"]), or null. Prefers the split whose parts are most used. Only parts
   * a syllable long are tried, so the work is bounded whatever the token's length.
   */
  split(token: string): string[] | null {
    if (token.length < 4 || token.length > MAX_SPLIT || !/^[a-zđ]+$/.test(token)) return null;
    let best: { parts: string[]; score: number } | null = null;
    const consider = (parts: string[]): void => {
      if (!parts.every((p) => this.has(p) && isVietnameseSyllable(p))) return;
      const score = Math.min(...parts.map((p) => this.frequency(p))) / parts.length;
      if (!best || score > best.score) best = { parts, score };
    };
    const n = token.length;
    for (let i = 1; i <= MAX_SYLLABLE && i < n; i++) {
      if (n - i <= MAX_SYLLABLE) consider([token.slice(0, i), token.slice(i)]);
      for (let j = i + 1; j - i <= MAX_SYLLABLE && j < n; j++) {
        if (n - j <= MAX_SYLLABLE) consider([token.slice(0, i), token.slice(i, j), token.slice(j)]);
      }
    }
    return best === null ? null : (best as { parts: string[] }).parts;
  }

  /** The known words nearest to `token` within `maxDistance` edits, nearest first (empty when none). */
  nearest(token: string, maxDistance: number): string[] {
    if (token.length > MAX_SPLIT) return [];
    let bestDistance = maxDistance + 1;
    let found: string[] = [];
    for (let len = token.length - maxDistance; len <= token.length + maxDistance; len++) {
      for (const w of this.byLength.get(len) ?? []) {
        const d = editDistance(token, w, Math.min(maxDistance, bestDistance));
        if (d < bestDistance) {
          bestDistance = d;
          found = [w];
        } else if (d === bestDistance) found.push(w);
      }
    }
    return bestDistance <= maxDistance ? found : [];
  }
}
