/**
 * The folded syllables a catalogue knows, with how many records use each: lets a search repair
 * what it does not know — syllables typed together ("khaisinh" → "khai sinh") and typos
 * ("thuog" → "thuong", "sihn" → "sinh") — towards words that can actually match.
 */
import { editDistance } from './edit-distance';
import { isVietnameseSyllable } from './syllable';

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
   * ("dangky" → ["dang", "ky"]), or null. Prefers the split whose parts are most used.
   */
  split(token: string): string[] | null {
    if (token.length < 4 || !/^[a-zđ]+$/.test(token)) return null;
    let best: { parts: string[]; score: number } | null = null;
    const consider = (parts: string[]): void => {
      if (!parts.every((p) => this.has(p) && isVietnameseSyllable(p))) return;
      const score = Math.min(...parts.map((p) => this.frequency(p))) / parts.length;
      if (!best || score > best.score) best = { parts, score };
    };
    for (let i = 1; i < token.length; i++) {
      consider([token.slice(0, i), token.slice(i)]);
      for (let j = i + 1; j < token.length; j++) consider([token.slice(0, i), token.slice(i, j), token.slice(j)]);
    }
    return best === null ? null : (best as { parts: string[] }).parts;
  }

  /** The known words nearest to `token` within `maxDistance` edits, nearest first (empty when none). */
  nearest(token: string, maxDistance: number): string[] {
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
