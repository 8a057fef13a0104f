/**
 * The unplaced questions grouped more loosely than by their folded text (unplaced-log.ts groups
 * "Ho so?" with "hồ sơ"): chat shorthand spelled out ("ko" → "không"), letters drawn out once
 * ("ạaaa"), conversation dropped ("ạ", "em", "cho hỏi", "vậy") and word order ignored — so
 * "cho em hỏi làm sổ đỏ ạ", "lam so do the nao vay" and "sổ đỏ làm" are one group. Each group says
 * how many asked, shows the ways it was typed, and what the bot offered and people did next, for
 * an officer to teach the bot (an intent example, a search synonym) in one go.
 */
import { expandShorthand, isFillerWord } from '../text/chat-shorthand';
import { fold, foldPhrase } from '../text/fold';
import { hasMarks } from '../text/fold-cache';
import { tokenize } from '../text/tokenize';
import type { UnplacedRecord } from './unplaced-log';

export interface SimilarGroup {
  /** The group's wording, folded: its most common one. */
  text: string;
  count: number;
  users: number;
  /** Up to EXAMPLES_KEPT ways it was typed, the latest first, each once. */
  examples: string[];
  lastAt: number;
  offered: Record<string, number>;
  next: Record<string, number>;
}

const EXAMPLES_KEPT = 5;

/**
 * Without marks a word is conversation when its folded form is one ("la" — là, "gi" — gì, "hoi" —
 * hỏi), unless it is as often a content word of these questions ("do" — đó or đỏ, "the" — thế or
 * thẻ, "dang" — đang or đăng): those stay, except in the question phrases they open ("thế nào",
 * "bao lâu"). A word typed with marks is judged exactly ("đỏ" is content, "đó" is not).
 */
const UNMARKED_CONTENT = new Set([
  'do',
  'the',
  'dang',
  'can',
  'ban',
  'noi',
  'ma',
  'sao',
  'tai',
  'da',
  'chi',
  'co',
  'dau',
  'bao',
  'gio',
  'qua',
  'muon',
  'lau',
  'nay',
]);
const UNMARKED_QUESTION_PHRASES = new Set(['the nao', 'o dau', 'bao nhieu', 'bao lau', 'tai sao', 'la gi', 'khi nao', 'nhu the nao']);
/** How people open a question, with or without marks ("cho em hỏi"): conversation, whatever its words. */
const OPENINGS = new Set([
  'cho hoi',
  'cho em hoi',
  'cho e hoi',
  'cho minh hoi',
  'cho toi hoi',
  'cho chau hoi',
  'cho con hoi',
  'cho anh hoi',
  'cho chi hoi',
]);
const UNMARKED_PARTICLES = new Set(['a', 'ah', 'ak', 'e', 'ad', 'oi', 'nhe', 'nha', 'nhi', 'alo', 'hi', 'hello', 'ok', 'oke', 'ntn']);

/** The positions of the words that form a phrase of `phrases` (of two or three words). */
function phrasePositions(words: readonly string[], phrases: ReadonlySet<string>): Set<number> {
  const positions = new Set<number>();
  words.forEach((_, i) => {
    for (const length of [2, 3]) {
      if (!phrases.has(words.slice(i, i + length).join(' '))) continue;
      for (let k = i; k < i + length; k += 1) positions.add(k);
    }
  });
  return positions;
}

/** A message's content words, folded: shorthand spelled out, drawn-out letters once, conversation left out. */
export function contentWords(text: string): string[] {
  const words = tokenize(text).flatMap((token) => tokenize(expandShorthand(token.replace(/(\p{L})\1{2,}/gu, '$1'))));
  const inQuestionPhrase = phrasePositions(words, UNMARKED_QUESTION_PHRASES);
  const inOpening = phrasePositions(
    words.map((word) => fold(word)),
    OPENINGS,
  );
  const conversation = (word: string, i: number) =>
    inOpening.has(i) ||
    (hasMarks(word)
      ? isFillerWord(word, { exact: true })
      : UNMARKED_PARTICLES.has(word) || inQuestionPhrase.has(i) || (!UNMARKED_CONTENT.has(word) && isFillerWord(word)));
  return words.filter((word, i) => !conversation(word, i)).map((word) => fold(word));
}

/** The key questions asking the same thing share: their content words in order of the alphabet, each once; the folded text when every word is conversation. */
export function similarityKey(text: string): string {
  return readQuestion(text).key;
}

/** A question's group key and its wording (content words in the order typed), from one reading of it. */
function readQuestion(text: string): { key: string; wording: string } {
  const words = contentWords(text);
  if (!words.length) return { key: foldPhrase(text), wording: foldPhrase(text) };
  return { key: [...new Set(words)].sort().join(' '), wording: words.join(' ') };
}

const bump = (counts: Record<string, number>, key: string) => {
  counts[key] = (counts[key] ?? 0) + 1;
};

function mostCommon(counts: Map<string, number>): string {
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? '';
}

/** The records grouped, the largest groups first (then the latest). */
export function groupSimilar(records: readonly UnplacedRecord[], limit: number): SimilarGroup[] {
  const groups = new Map<
    string,
    {
      wordings: Map<string, number>;
      users: Set<string>;
      typed: Array<{ text: string; at: number }>;
      offered: Record<string, number>;
      next: Record<string, number>;
    }
  >();
  // Most unplaced texts repeat ("alo", "?"): each distinct text is read once.
  const read = new Map<string, { key: string; wording: string }>();
  for (const r of records) {
    const reading = read.get(r.text) ?? readQuestion(r.text);
    read.set(r.text, reading);
    const { key, wording } = reading;
    const g = groups.get(key) ?? { wordings: new Map<string, number>(), users: new Set<string>(), typed: [], offered: {}, next: {} };
    g.wordings.set(wording, (g.wordings.get(wording) ?? 0) + 1);
    g.users.add(r.user);
    g.typed.push({ text: r.text.trim(), at: r.at });
    bump(g.offered, r.offered);
    if (r.next) bump(g.next, r.next);
    groups.set(key, g);
  }
  return [...groups.values()]
    .map((g) => {
      const latestFirst = g.typed.sort((a, b) => b.at - a.at);
      return {
        text: mostCommon(g.wordings),
        count: g.typed.length,
        users: g.users.size,
        examples: [...new Set(latestFirst.map((t) => t.text))].slice(0, EXAMPLES_KEPT),
        lastAt: latestFirst[0]?.at ?? 0,
        offered: g.offered,
        next: g.next,
      };
    })
    .sort((a, b) => b.count - a.count || b.lastAt - a.lastAt)
    .slice(0, limit);
}
