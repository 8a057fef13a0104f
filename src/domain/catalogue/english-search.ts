/**
 * Finding a procedure from English words (issue 9, item 5), over the English names and aliases of
 * the most asked procedures (data/procedures.en.json). The procedure search hands a question here
 * when it is written in English; Vietnamese questions never come here, so the Vietnamese ranking
 * is untouched.
 *
 * A question's words are lower-cased, single letters (the "s" of "baby's") and framing words
 * ("how do I", "my", "the") dropped, stemmed with Porter2 ("registering" meets "register", "copies"
 * meets "copy"), and a few typos repaired towards the words the aliases use. Terms are the stems
 * and the pairs of neighbouring stems ("certifi_copi"). MiniSearch (BM25) scores them over each
 * phrase (a procedure's English name, each of its aliases) as a short document of its own, so the
 * alias that is the question ("household registration") beats a name sharing one word with it; a
 * procedure scores as its best phrase. How much of the question a procedure covers, and how much
 * of its best phrase the question holds, weigh the score and decide the confidence, as the
 * Vietnamese search does.
 *
 * Bounded work: the caller passes tokens of a bounded text; each word is stemmed once (memoised),
 * typo repairs are capped per question, and scoring looks at a fixed number of candidates.
 */
import MiniSearch from 'minisearch';
import stem from 'wink-porter2-stemmer';
import type { EnglishNames } from './english-names';
import type { SearchConfidence } from './procedure-finder';
import { Lexicon } from '../text/lexicon';
import { BIGRAM_JOINER, syllableBigrams, tokenize } from '../text/tokenize';

export interface EnglishWord {
  /** The stem ("regist" for "registering"). */
  text: string;
  weight: number;
  /** Whether any English name or alias uses it. */
  known: boolean;
}

export interface EnglishAnalysis {
  words: EnglishWord[];
  terms: Map<string, number>;
}

export interface EnglishRanking {
  hits: Array<{ code: string; score: number }>;
  confidence: Exclude<SearchConfidence, 'exact'>;
}

export interface EnglishSearch {
  /** 'content' for a word the aliases use, 'filler' for a framing word, null for any other. */
  wordKind(token: string): 'content' | 'filler' | null;
  analyze(tokens: readonly string[]): EnglishAnalysis;
  rank(analysis: EnglishAnalysis, limit: number): EnglishRanking;
  /** The plain English name of a procedure, when the data gives one. */
  name(code: string): string | undefined;
}

const THIN_WEIGHT = 0.3;
/** Longer than any English word worth stemming: such a token is left as it is. */
const MAX_WORD = 30;
const MAX_TYPO_REPAIRS = 4;
/** Typos are repaired only in words this long (shorter ones are too easily another word). */
const MIN_TYPO_LENGTH = 5;
const CANDIDATES = 30;
/** An alias counts a little less than the name. */
const ALIAS_FACTOR = 0.9;

/** Same thresholds as the Vietnamese search (search-confidence.ts, search-ranking.ts), the phrase playing the name's part. */
const NONE_COVERAGE = 0.5;
const SURE_COVERAGE = 0.75;
const SURE_RATIO = 0.8;
const PHRASE_COMPLETE = 0.7;
const PHRASE_LEAD = 0.2;
const PHRASE_FULL = 0.95;
const PHRASE_SHARE = 0.4;

const stemMemo = new Map<string, string>();
const STEM_MEMO_MAX = 20_000;

function stemOf(word: string): string {
  if (word.length > MAX_WORD || !/^[a-z]+$/.test(word)) return word;
  let s = stemMemo.get(word);
  if (s === undefined) {
    s = stem(word);
    if (stemMemo.size >= STEM_MEMO_MAX) stemMemo.clear();
    stemMemo.set(word, s);
  }
  return s;
}

interface Phrase {
  words: Array<{ stem: string; weight: number }>;
}

interface IndexedEnglish {
  code: string;
  stems: Set<string>;
  pairs: Set<string>;
  phrases: Phrase[];
}

export function createEnglishSearch(data: EnglishNames): EnglishSearch {
  const fillerWords = new Set(data.fillers.flatMap((f) => tokenize(f)));
  const fillerStems = new Set([...fillerWords].map(stemOf));
  const thinStems = new Set(data.thin.flatMap((t) => tokenize(t)).map(stemOf));
  const isFiller = (token: string): boolean => fillerWords.has(token) || fillerStems.has(stemOf(token));
  const weightOf = (s: string): number => (thinStems.has(s) ? THIN_WEIGHT : 1);

  /** A phrase's stems, framing words and single letters dropped, with their weights. */
  function phraseWords(tokens: readonly string[]): Array<{ stem: string; weight: number }> {
    return tokens.filter((t) => !isSkipped(t)).map((t) => ({ stem: stemOf(t), weight: weightOf(stemOf(t)) }));
  }
  function isSkipped(token: string): boolean {
    return (token.length === 1 && !/\d/.test(token)) || isFiller(token);
  }

  // --- the index ------------------------------------------------------------------------------
  const names = new Map<string, string>();
  const indexed: IndexedEnglish[] = [];
  const surfaceWords: string[] = [];
  /** One document per phrase: which procedure, and how much it counts. */
  const phraseDocs: Array<{ procedure: number; factor: number }> = [];
  const docs: Array<{ id: number; terms: string }> = [];
  for (const p of data.procedures) {
    names.set(p.code, p.name);
    const phrases = [p.name, ...p.aliases].map((text) => {
      const tokens = tokenize(text);
      surfaceWords.push(...tokens.filter((t) => !isSkipped(t)));
      return { words: phraseWords(tokens) };
    });
    const all: string[] = [];
    phrases.forEach((phrase, k) => {
      const stems = phrase.words.map((w) => w.stem);
      const terms = [...new Set([...stems, ...syllableBigrams(stems)])];
      if (terms.length === 0) return;
      all.push(...terms);
      docs.push({ id: docs.length, terms: terms.join(' ') });
      phraseDocs.push({ procedure: indexed.length, factor: k === 0 ? 1 : ALIAS_FACTOR });
    });
    indexed.push({
      code: p.code,
      stems: new Set(all.filter((t) => !t.includes(BIGRAM_JOINER))),
      pairs: new Set(all.filter((t) => t.includes(BIGRAM_JOINER))),
      phrases: phrases.filter((ph) => ph.words.length > 0),
    });
  }
  const knownStems = new Set(indexed.flatMap((d) => [...d.stems]));
  const knownPairs = new Set(indexed.flatMap((d) => [...d.pairs]));
  const lexicon = new Lexicon(surfaceWords);
  const miniSearch = new MiniSearch<{ id: number; terms: string }>({
    fields: ['terms'],
    storeFields: [],
    tokenize: (text) => text.split(' ').filter((t) => t.length > 0),
    processTerm: (term) => term,
  });
  miniSearch.addAll(docs);

  function wordKind(token: string): 'content' | 'filler' | null {
    if (isFiller(token)) return 'filler';
    return knownStems.has(stemOf(token)) ? 'content' : null;
  }

  /** An unknown word's nearest spelling among the aliases' words ("certifed" → "certified"), or itself. */
  function repaired(token: string): string {
    if (token.length < MIN_TYPO_LENGTH || !/^[a-z]+$/.test(token)) return token;
    const [commonest = token] = [...lexicon.nearest(token, token.length >= 8 ? 2 : 1)].sort(
      (a, b) => lexicon.frequency(b) - lexicon.frequency(a),
    );
    return commonest;
  }

  function analyze(tokens: readonly string[]): EnglishAnalysis {
    let repairs = 0;
    const words: EnglishWord[] = [];
    for (const token of tokens) {
      if (isSkipped(token)) continue;
      let s = stemOf(token);
      if (!knownStems.has(s) && repairs < MAX_TYPO_REPAIRS) {
        repairs += 1;
        const fixed = repaired(token);
        if (isSkipped(fixed)) continue;
        s = stemOf(fixed);
      }
      words.push({ text: s, weight: weightOf(s), known: knownStems.has(s) });
    }
    const terms = new Map<string, number>();
    const add = (term: string, weight: number): void => {
      terms.set(term, Math.max(terms.get(term) ?? 0, weight));
    };
    let previous: EnglishWord | undefined;
    for (const w of words) {
      // A thin word alone matches many procedures and decides nothing: it only counts in pairs.
      if (w.weight > THIN_WEIGHT) add(w.text, w.weight);
      if (previous) add(`${previous.text}${BIGRAM_JOINER}${w.text}`, (w.weight + previous.weight) / 2);
      previous = w;
    }
    return { words, terms };
  }

  /** How much of the question a procedure's English words cover (weighted). */
  function coverage(doc: IndexedEnglish, words: readonly EnglishWord[]): number {
    let total = 0;
    let got = 0;
    for (const w of words) {
      total += w.weight;
      if (doc.stems.has(w.text)) got += w.weight;
    }
    return total === 0 ? 0 : got / total;
  }

  /** How much of its best phrase (name or an alias) the question holds. */
  function phraseCoverage(doc: IndexedEnglish, typed: ReadonlySet<string>): number {
    let best = 0;
    for (const phrase of doc.phrases) {
      let total = 0;
      let got = 0;
      for (const w of phrase.words) {
        total += w.weight;
        if (typed.has(w.stem)) got += w.weight;
      }
      if (total > 0) best = Math.max(best, got / total);
    }
    return best;
  }

  function rank(analysis: EnglishAnalysis, limit: number): EnglishRanking {
    const known = analysis.words.filter((w) => w.known);
    const content = known.filter((w) => w.weight > THIN_WEIGHT);
    const knownWeight = known.reduce((a, w) => a + w.weight, 0);
    const unknownWeight = analysis.words.filter((w) => !w.known).reduce((a, w) => a + w.weight, 0);
    const queryPairs = [...analysis.terms.keys()].filter((t) => t.includes(BIGRAM_JOINER));
    // Thin words alone say nothing, unless together they are a phrase of an alias ("make a will").
    const aliasPair = queryPairs.some((p) => knownPairs.has(p));
    if ((content.length === 0 && !aliasPair) || unknownWeight > knownWeight) return { hits: [], confidence: 'none' };
    const results = miniSearch.search([...analysis.terms.keys()].join(' '), {
      boostTerm: (term) => analysis.terms.get(term) ?? 1,
      combineWith: 'OR',
    });
    // A procedure scores as its best phrase. MiniSearch multiplies by the number of query terms
    // matched; coverage does that job here.
    const best = new Map<number, number>();
    for (const r of results) {
      const { procedure, factor } = phraseDocs[r.id as number]!;
      const score = (r.score / Math.max(1, r.queryTerms.length)) * factor;
      if (score > (best.get(procedure) ?? 0)) best.set(procedure, score);
    }
    const typed = new Set(known.map((w) => w.text));
    const ranked = [...best.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, CANDIDATES)
      .map(([id, raw]) => {
        const doc = indexed[id]!;
        const cov = coverage(doc, known);
        const phraseCov = phraseCoverage(doc, typed);
        return { doc, cov, phraseCov, score: raw * (0.25 + cov) * (1 - PHRASE_SHARE + PHRASE_SHARE * phraseCov) };
      })
      .sort((a, b) => b.score - a.score || a.doc.code.localeCompare(b.doc.code));
    const hits = ranked.slice(0, limit).map((r) => ({ code: r.doc.code, score: Math.round(r.score * 1000) / 1000 }));
    const top = ranked[0];
    const holdsPhrase = top !== undefined && top.phraseCov >= PHRASE_FULL;
    if (!top || (top.cov < NONE_COVERAGE && !holdsPhrase)) return { hits, confidence: 'none' };
    const second = ranked[1];
    const phraseEvidence = queryPairs.some((p) => top.doc.pairs.has(p)) || (content.length < 2 && top.phraseCov >= 0.5);
    const clearlyAhead =
      second === undefined ||
      second.score <= SURE_RATIO * top.score ||
      (top.phraseCov >= PHRASE_COMPLETE && top.phraseCov - second.phraseCov >= PHRASE_LEAD);
    const sure = clearlyAhead && phraseEvidence && (top.cov >= SURE_COVERAGE || holdsPhrase);
    return { hits, confidence: sure ? 'sure' : 'ambiguous' };
  }

  return { wordKind, analyze, rank, name: (code) => names.get(code.trim()) };
}
