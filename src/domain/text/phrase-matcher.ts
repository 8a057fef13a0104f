/**
 * Finds known phrases in a list of syllables, longest first, left to right, without overlaps:
 * the engine under the search vocabulary ("so do" → the phrase "sổ đỏ"). Phrases are compared
 * on folded syllables, so text typed without marks meets them; a one-syllable phrase written
 * with marks ("lãnh", "má") only meets that exact word, since folded it collides with others
 * ("lanh", "ma").
 */
import { fold } from './fold';
import { normalizeTonePlacement, unifyIY } from './syllable';
import { tokenize } from './tokenize';

/** The key a syllable is compared by: folded, i/y spelling unified. */
export function matchKey(syllable: string): string {
  return unifyIY(fold(syllable));
}

export interface PhraseMatch<T> {
  /** First token of the match. */
  start: number;
  /** One past the last token. */
  end: number;
  payload: T;
}

interface Node<T> {
  next: Map<string, Node<T>>;
  /** Payloads ending here: those with `exact` need the typed word to equal it. */
  ends: Array<{ payload: T; exact: string | null }>;
}

function newNode<T>(): Node<T> {
  return { next: new Map(), ends: [] };
}

export class PhraseMatcher<T> {
  private readonly root: Node<T> = newNode();
  private longest = 0;

  /**
   * Adds a phrase; a later phrase with the same words adds a second payload, the first one wins.
   * `foldedOnly` lets even a one-syllable phrase with marks meet its folded spelling.
   */
  add(phrase: string, payload: T, options: { foldedOnly?: boolean } = {}): void {
    const words = tokenize(phrase);
    if (words.length === 0) return;
    let node = this.root;
    for (const w of words) {
      const key = matchKey(w);
      let child = node.next.get(key);
      if (!child) {
        child = newNode();
        node.next.set(key, child);
      }
      node = child;
    }
    const single = words.length === 1 ? words[0]! : null;
    const exact = !options.foldedOnly && single !== null && fold(single) !== single ? normalizeTonePlacement(single) : null;
    node.ends.push({ payload, exact });
    this.longest = Math.max(this.longest, words.length);
  }

  /** Whether a single word is a phrase of its own (e.g. an abbreviation "bhyt"). */
  hasWord(word: string): boolean {
    return this.match([word]).length > 0;
  }

  /** The phrases found in `tokens` (lower-case syllables), longest first, left to right. */
  match(tokens: readonly string[]): PhraseMatch<T>[] {
    const found: PhraseMatch<T>[] = [];
    let i = 0;
    while (i < tokens.length) {
      let node: Node<T> | undefined = this.root;
      let best: PhraseMatch<T> | null = null;
      for (let j = i; j < tokens.length && j - i < this.longest; j++) {
        node = node.next.get(matchKey(tokens[j]!));
        if (!node) break;
        const hit = node.ends.find((e) => e.exact === null || e.exact === normalizeTonePlacement(tokens[i]!));
        if (hit) best = { start: i, end: j + 1, payload: hit.payload };
      }
      if (best) {
        found.push(best);
        i = best.end;
      } else i++;
    }
    return found;
  }
}
