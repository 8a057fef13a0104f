/**
 * The search vocabulary (search-vocabulary.ts) compiled for the procedure search, once at start:
 * phrase matchers for what citizens type and for the catalogue's own text, the thin words, the lay
 * wordings that point at a procedure's name, and the words the vocabulary itself uses.
 */
import { isThin as isChatThin } from '../text/chat-shorthand';
import { foldWord as fold, hasMarks } from '../text/fold-cache';
import { PhraseMatcher } from '../text/phrase-matcher';
import { tokenize } from '../text/tokenize';
import { foldTerm, layOnlyTerms } from './search-term';
import type { OutOfScopeTopic, SearchVocabulary, VocabularyEntry } from './search-vocabulary';

/** What a phrase of a question stands for. */
export type QueryPayload =
  { kind: 'entry'; entry: VocabularyEntry; canonical: string[] } | { kind: 'filler' } | { kind: 'outOfScope'; topic: OutOfScopeTopic };

type TextPayload = { kind: 'entry'; canonical: string[] } | { kind: 'filler' };

export interface CompiledVocabulary {
  /** Every vocabulary phrase, for what a citizen types. */
  queryMatcher: PhraseMatcher<QueryPayload>;
  /** The catalogue's own text → words: abbreviations expanded, question framing dropped. */
  catalogueWords(text: string): string[];
  /** A word of the vocabulary's thin list ("đăng ký", "cấp"). */
  isVocabularyThin(word: string): boolean;
  /** Thin in chat ("cho", "làm") or in the vocabulary. */
  isThin(word: string): boolean;
  /** The terms of the lay words whose catalogue wording a name (folded words) holds: its synonyms field. */
  synonymTerms(nameFolded: readonly string[]): string[];
  /** Folded words the vocabulary's entries and fillers use. */
  words: string[];
  /** Folded words naming matters no commune handles, in both languages ("ly hôn", "divorce"). */
  outOfScopeWords: string[];
}

export function compileVocabulary(vocabulary: SearchVocabulary): CompiledVocabulary {
  const textMatcher = compileTextMatcher(vocabulary);
  const isVocabularyThin = thinTest(vocabulary.thin);
  return {
    queryMatcher: compileQueryMatcher(vocabulary),
    catalogueWords: (text) => catalogueWords(textMatcher, text),
    isVocabularyThin,
    isThin: (w) => isChatThin(w) || isVocabularyThin(w),
    synonymTerms: synonymTermsOf(vocabulary.entries),
    words: vocabularyWords(vocabulary),
    outOfScopeWords: vocabulary.outOfScope.flatMap((o) => o.variants).flatMap((t) => tokenize(t).map(foldTerm)),
  };
}

function compileQueryMatcher(vocabulary: SearchVocabulary): PhraseMatcher<QueryPayload> {
  const matcher = new PhraseMatcher<QueryPayload>();
  for (const entry of vocabulary.entries) {
    const canonical = tokenize(entry.canonical);
    // The catalogue's own wording typed as such must not be broken up by a shorter variant.
    matcher.add(entry.canonical, { kind: 'entry', entry, canonical });
    for (const variant of entry.variants) matcher.add(variant, { kind: 'entry', entry, canonical });
  }
  for (const topic of vocabulary.outOfScope) for (const v of topic.variants) matcher.add(v, { kind: 'outOfScope', topic });
  for (const filler of vocabulary.fillers) matcher.add(filler, { kind: 'filler' }, { foldedOnly: true });
  return matcher;
}

/** Abbreviations and spellings are expanded in the catalogue's text too ("BHYT" in names). */
function compileTextMatcher(vocabulary: SearchVocabulary): PhraseMatcher<TextPayload> {
  const matcher = new PhraseMatcher<TextPayload>();
  for (const entry of vocabulary.entries) {
    if (entry.kind !== 'abbreviation' && entry.kind !== 'spelling') continue;
    const canonical = tokenize(entry.canonical);
    for (const variant of entry.variants) matcher.add(variant, { kind: 'entry', canonical });
  }
  // The catalogue is written with its marks: "thủ tục" there never stands for anything else.
  for (const filler of vocabulary.catalogueFillers) matcher.add(filler, { kind: 'filler' });
  return matcher;
}

function catalogueWords(matcher: PhraseMatcher<TextPayload>, text: string): string[] {
  const tokens = tokenize(text);
  const out: string[] = [];
  let i = 0;
  for (const m of matcher.match(tokens)) {
    out.push(...tokens.slice(i, m.start));
    if (m.payload.kind === 'entry') out.push(...m.payload.canonical);
    i = m.end;
  }
  out.push(...tokens.slice(i));
  return out;
}

/** A thin word written with marks only meets that word; typed without, its folded form. */
function thinTest(thin: readonly string[]): (word: string) => boolean {
  const thinWords = new Set(thin.map((w) => tokenize(w).join(' ')));
  const thinFolded = new Set([...thinWords].map((w) => fold(w)));
  return (w) => (hasMarks(w) ? thinWords.has(w) : thinFolded.has(w));
}

/** Lay variants attach to the procedures whose name contains their canonical wording. */
function synonymTermsOf(entries: readonly VocabularyEntry[]): (nameFolded: readonly string[]) => string[] {
  const layEntries = entries
    .filter((e) => e.kind === 'lay' || e.kind === 'synonym')
    .map((e) => {
      const canonical = tokenize(e.canonical);
      return { canonical, canonicalLine: canonical.map(foldTerm).join(' '), variants: e.variants };
    });
  return (nameFolded) => {
    const nameLine = ` ${nameFolded.join(' ')} `;
    const terms = layEntries
      .filter((e) => nameLine.includes(` ${e.canonicalLine} `))
      .flatMap((e) => e.variants.flatMap((v) => layOnlyTerms(tokenize(v), e.canonical)));
    return [...new Set(terms)];
  };
}

function vocabularyWords(vocabulary: SearchVocabulary): string[] {
  const texts = [...vocabulary.entries.flatMap((e) => [e.canonical, ...e.variants]), ...vocabulary.fillers];
  return texts.flatMap((t) => tokenize(t).map(foldTerm));
}
