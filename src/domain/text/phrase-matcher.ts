/**
 * Finds known phrases in a list of syllables, covering as much as possible, without overlaps:
 * the engine under the search vocabulary ("so do" → the phrase "sổ đỏ"). Phrases are compared
 * on folded syllables, so text typed without marks meets them; a one-syllable phrase written
 * with marks ("lãnh", "má") only meets that exact word, since folded it collides with others
 * ("lanh", "ma"); an abbreviation ("đkks") meets its folded spelling too.
 */
import { foldWord } from './fold-cache';
import { isVietnameseSyllable, normalizeTonePlacement, unifyIY } from './syllable';
import { tokenize } from './tokenize';

/** The key a syllable is compared by: folded, i/y spelling unified. */
export function matchKey(syllable: string): string {
  return unifyIY(foldWord(syllable));
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
    // Only a real syllable is ambiguous once folded ("má"/"ma"); an abbreviation ("đkks") is not.
    const exact =
      !options.foldedOnly && single !== null && foldWord(single) !== single && isVietnameseSyllable(single)
        ? normalizeTonePlacement(single)
        : null;
    node.ends.push({ payload, exact });
    this.longest = Math.max(this.longest, words.length);
  }

  /** Whether a single word is a phrase of its own (e.g. an abbreviation "bhyt"). */
  hasWord(word: string): boolean {
    return this.match([word]).length > 0;
  }

  /**
   * The phrases found in `tokens` (lower-case syllables), without overlaps, chosen so that they
   * cover as many tokens as possible, then with as few phrases as possible ("cà vẹt | xe mới mua"
   * rather than "cà vẹt xe | mới mua" when both "cà vẹt xe" and "xe mới mua" are phrases).
   */
  match(tokens: readonly string[]): PhraseMatch<T>[] {
    const n = tokens.length;
    // Every phrase starting at each position.
    const starts: Array<Array<PhraseMatch<T>>> = [];
    for (let i = 0; i < n; i++) {
      const here: Array<PhraseMatch<T>> = [];
      let node: Node<T> | undefined = this.root;
      for (let j = i; j < n && j - i < this.longest; j++) {
        node = node.next.get(matchKey(tokens[j]!));
        if (!node) break;
        const hit = node.ends.find((e) => e.exact === null || e.exact === normalizeTonePlacement(tokens[i]!));
        if (hit) here.push({ start: i, end: j + 1, payload: hit.payload });
      }
      starts.push(here);
    }
    // best[i]: the best cover of tokens[i..]: [covered, -phrases], compared lexicographically.
    const best: Array<{ covered: number; phrases: number; pick: PhraseMatch<T> | null }> = new Array<{
      covered: number;
      phrases: number;
      pick: PhraseMatch<T> | null;
    }>(n + 1);
    best[n] = { covered: 0, phrases: 0, pick: null };
    for (let i = n - 1; i >= 0; i--) {
      const skip = best[i + 1]!;
      let choice = { covered: skip.covered, phrases: skip.phrases, pick: null as PhraseMatch<T> | null };
      for (const m of starts[i]!) {
        const rest = best[m.end]!;
        const covered = rest.covered + (m.end - m.start);
        const phrases = rest.phrases + 1;
        // Ties go to a phrase starting here, the longest one (left to right, longest first).
        const tie = covered === choice.covered && phrases === choice.phrases;
        if (covered > choice.covered || (covered === choice.covered && phrases < choice.phrases) || tie) {
          choice = { covered, phrases, pick: m };
        }
      }
      best[i] = choice;
    }
    const found: PhraseMatch<T>[] = [];
    for (let i = 0; i < n;) {
      const pick = best[i]!.pick;
      if (pick) {
        found.push(pick);
        i = pick.end;
      } else i++;
    }
    return found;
  }
}
