/**
 * Finding a procedure from what a citizen types (issue 3, "Search"). Built once at start over the
 * whole catalogue; a search takes well under a millisecond.
 *
 * A query goes through: a procedure code typed anywhere ("1.001193", "1001193") → that procedure,
 * confidence 'exact'; else lower case, chat shorthand expanded ("ko", "bn", "ad"), Telex/VNI
 * leftovers repaired ("ddawng kys"), syllables typed together split and typos repaired towards
 * syllables the catalogue knows, the search vocabulary applied (abbreviations, lay words and
 * synonyms → the catalogue's wording; question framing dropped; matters no commune handles
 * noted), conversational filler dropped unless it is half of a known phrase ("bản sao", "nhà ở").
 * What is left becomes terms: folded syllables (no marks, đ→d), folded syllable pairs, and — when
 * the query carries marks — marked syllables, which rank "tử" above "tư" and "từ".
 *
 * MiniSearch (BM25) scores the terms over the fields of each procedure with boosts: the name
 * first (folded syllables and pairs, plus the marked syllables), then the lay words that point at
 * the name (synonyms), the results, the field (lĩnh vực), the documents. Records only
 * organisations file, and records another one replaces, rank lower. How much of the query a hit
 * covers (and of its name), and how far it is ahead of the next one, decides the confidence:
 * 'sure' (one clear answer), 'ambiguous' (show the candidates), 'none' (nothing fits: say so,
 * offer help; also for questions about matters no commune handles, like "ly hôn").
 *
 * A question written in English (more English words the English aliases know, or English framing
 * words, than Vietnamese ones, and at least one alias word: "birth registration", "how do I
 * register my baby's birth") goes, as typed, to the English names and aliases of the most asked
 * procedures (english-search.ts, data/procedures.en.json): no shorthand expansion, Telex or
 * spelling repair touches it, and the Vietnamese ranking never sees it.
 */
import MiniSearch from 'minisearch';
import type { Procedure } from './procedure';
import type { EnglishNames } from './english-names';
import { createEnglishSearch, type EnglishSearch } from './english-search';
import type { OutOfScopeTopic, SearchVocabulary, VocabularyEntry } from './search-vocabulary';
import { expandShorthand, isFillerWord, isThin as isChatThin } from '../text/chat-shorthand';
import { foldWord as fold, hasMarks } from '../text/fold-cache';
import { boundText } from '../text/bounds';
import { Lexicon } from '../text/lexicon';
import { PhraseMatcher, matchKey } from '../text/phrase-matcher';
import { isVietnameseSyllable, toneKey } from '../text/syllable';
import { repairTelex } from '../text/telex';
import { BIGRAM_JOINER, syllableBigrams, tokenize } from '../text/tokenize';
import type { OutOfScope, ProcedureFinder, ProcedureHit, SearchConfidence } from './procedure-finder';

export type { ProcedureHit, SearchConfidence };

export interface ProcedureSearchResult {
  hits: ProcedureHit[];
  confidence: SearchConfidence;
  /**
   * The language the question was read in (English ones are matched on the English aliases);
   * absent when a procedure code was typed, which is no language.
   */
  language?: QueryLanguage;
  /** Set when the question is about a matter no commune procedure handles (e.g. "ly hôn"). */
  outOfScope?: OutOfScope;
}

export type QueryLanguage = 'vi' | 'en';

/** What a query became on its way to the index (for tests, the benchmark's misses, debugging). */
export interface QueryAnalysis {
  language: QueryLanguage;
  codes: string[];
  /**
   * Content words kept, with their weight (1 = full, less = thin) and whether the catalogue uses
   * them at all (for an English question: stems, and whether the English aliases use them).
   */
  words: Array<{ text: string; weight: number; known: boolean }>;
  terms: Map<string, number>;
  /** What the citizen typed where the vocabulary put the catalogue's wording: for the synonyms field. */
  layTerms: Map<string, number>;
  outOfScope: OutOfScopeTopic | null;
}

export interface ProcedureSearch extends ProcedureFinder {
  search(query: string, limit?: number): ProcedureSearchResult;
  get(code: string): Procedure | undefined;
  analyze(query: string): QueryAnalysis;
  readonly size: number;
}

/** The index's fields. Marked syllables only exist for the name. */
const FIELDS = ['nameMarked', 'name', 'namePairs', 'synonyms', 'results', 'field', 'documents'] as const;
type FieldName = (typeof FIELDS)[number];

/**
 * Field groups, each scored by BM25 on its own and weighted, so that a long record mentioning the
 * words everywhere does not outrank a short name that is exactly the question. Boosts: name >
 * synonyms > results > field > documents. The synonyms field (lay words attached to the
 * procedures whose name holds their catalogue wording) is searched with what the citizen typed
 * for those lay words; the other groups with the catalogue's wording.
 */
const GROUPS = [
  { group: 'name', weight: 1, boost: { nameMarked: 0.6, name: 1, namePairs: 1 } },
  { group: 'synonyms', weight: 0.6, boost: { synonyms: 1 } },
  { group: 'other', weight: 0.4, boost: { results: 1, field: 0.45, documents: 0.3 } },
] as const;
/** Only this many best raw scores are weighed by coverage. */
const CANDIDATES = 40;

/** The weight of a thin word ("cho", "làm", "đăng ký" …). */
const THIN_WEIGHT = 0.3;
/** The least weight of a word the vocabulary wrote for a shorter lay phrase. */
const MIN_CANONICAL_WEIGHT = 0.5;

/** Records no citizen files (only organisations) rank a little lower: the bot serves citizens. */
const ORGANISATIONS_ONLY_FACTOR = 0.75;
/** A record replaced by another in the catalogue ranks well below it. */
const SUPERSEDED_FACTOR = 0.5;
const CITIZEN_APPLICANT = /công dân|cá nhân|hộ gia đình|cán bộ|người việt nam/i;

/**
 * Confidence thresholds, tuned on bench/queries/procedures.json:
 * - a hit that covers less than NONE_COVERAGE of the query's words is no answer;
 * - 'sure' needs SURE_COVERAGE and either the runner-up at most SURE_RATIO of the best score,
 *   or the best one's name covered (NAME_COMPLETE) clearly more than the runner-up's
 *   ("đăng ký khai sinh" → "Đăng ký khai sinh", not "… khai sinh lưu động").
 */
const NONE_COVERAGE = 0.5;
const SURE_COVERAGE = 0.75;
const SURE_RATIO = 0.8;
const NAME_COMPLETE = 0.7;
const NAME_LEAD = 0.2;
/** The query holds (nearly) every word of the name. */
const NAME_FULL = 0.95;
/** How much covering the whole name (not just part of it) counts in the final score. */
const NAME_SHARE = 0.4;

/** How much a word found in a field counts towards coverage. */
const COVERAGE_BY_FIELD = {
  name: 1,
  synonyms: 1,
  results: 0.7,
  field: 0.35,
  documents: 0.35,
} as const;
const COVERAGE_FIELDS = Object.keys(COVERAGE_BY_FIELD) as Array<keyof typeof COVERAGE_BY_FIELD>;

/** Typos repaired in one query at most: each costs a scan of the lexicon, and a question has few. */
const MAX_TYPO_REPAIRS = 6;

/** A marked-syllable term ends with its tone digit ("tư3"). */
const MARKED_TERM = /\p{L}\d$/u;

const CODE_IN_TEXT = /(?<![\d.,])(\d)\.?(\d{6})(?![\d])/g;

type QueryPayload =
  | { kind: 'entry'; entry: VocabularyEntry; canonical: string[] }
  | { kind: 'filler' }
  | { kind: 'outOfScope'; topic: OutOfScopeTopic };

type TextPayload = { kind: 'entry'; canonical: string[] } | { kind: 'filler' };

interface Word {
  text: string;
  weight: number;
  /** Its marks are meaningful: typed with marks, or written by the vocabulary. */
  marked: boolean;
  /** Typed by the citizen (not written by the vocabulary). */
  typed: boolean;
}

interface IndexedProcedure {
  procedure: Procedure;
  foldedName: string;
  /** The name's words (folded) with their weights, for how much of the name a query covers. */
  nameWords: Array<{ term: string; weight: number }>;
  /** 1, or less for records only organisations file and for replaced ones. */
  prior: number;
  sets: Record<'name' | 'synonyms' | 'results' | 'field' | 'documents' | 'pairs', Set<string>>;
}

const foldMemo = new Map<string, string>();
const FOLD_MEMO_MAX = 50_000;

/** The folded, i/y-unified form a syllable is indexed by; numbers lose leading zeros ("02" → "2"). */
function foldTerm(word: string): string {
  let folded = foldMemo.get(word);
  if (folded === undefined) {
    folded = /^\d+$/.test(word) ? String(Number(word)) : matchKey(word);
    if (foldMemo.size >= FOLD_MEMO_MAX) foldMemo.clear();
    foldMemo.set(word, folded);
  }
  return folded;
}

/**
 * The terms of a lay wording that are its own: its folded syllables and pairs, less the syllables
 * its catalogue wording also has ("sửa giấy phép xây dựng" → "sửa" and its pair, not "giấy phép").
 */
function layOnlyTerms(variant: readonly string[], canonical: readonly string[]): string[] {
  const canonicalWords = new Set(canonical.map(foldTerm));
  const words = variant.map(foldTerm);
  const own = words.filter((w) => !canonicalWords.has(w));
  const pairs = syllableBigrams(words).filter((p) => p.split(BIGRAM_JOINER).some((w) => !canonicalWords.has(w)));
  return [...own, ...pairs];
}

export function createProcedureSearch(
  procedures: readonly Procedure[],
  vocabulary: SearchVocabulary,
  englishNames?: EnglishNames,
): ProcedureSearch {
  const english: EnglishSearch | null = englishNames ? createEnglishSearch(englishNames) : null;

  // --- the vocabulary, compiled --------------------------------------------------------------
  const textMatcher = new PhraseMatcher<TextPayload>();
  const queryMatcher = new PhraseMatcher<QueryPayload>();
  for (const entry of vocabulary.entries) {
    const canonical = tokenize(entry.canonical);
    // The catalogue's own wording typed as such must not be broken up by a shorter variant.
    queryMatcher.add(entry.canonical, { kind: 'entry', entry, canonical });
    for (const variant of entry.variants) {
      queryMatcher.add(variant, { kind: 'entry', entry, canonical });
      if (entry.kind === 'abbreviation' || entry.kind === 'spelling') textMatcher.add(variant, { kind: 'entry', canonical });
    }
  }
  for (const topic of vocabulary.outOfScope) for (const v of topic.variants) queryMatcher.add(v, { kind: 'outOfScope', topic });
  for (const filler of vocabulary.fillers) queryMatcher.add(filler, { kind: 'filler' }, { foldedOnly: true });
  // The catalogue is written with its marks: "thủ tục" there never stands for anything else.
  for (const filler of vocabulary.catalogueFillers) textMatcher.add(filler, { kind: 'filler' });
  const thinWords = new Set(vocabulary.thin.map((w) => tokenize(w).join(' ')));
  const thinFolded = new Set([...thinWords].map((w) => fold(w)));
  const isVocabularyThin = (w: string): boolean => (hasMarks(w) ? thinWords.has(w) : thinFolded.has(w));
  const isThin = (w: string): boolean => isChatThin(w) || isVocabularyThin(w);

  /** The catalogue's own text → words: abbreviations expanded, question framing dropped. */
  function catalogueWords(text: string): string[] {
    const tokens = tokenize(text);
    const out: string[] = [];
    const matches = textMatcher.match(tokens);
    let i = 0;
    for (const m of matches) {
      out.push(...tokens.slice(i, m.start));
      if (m.payload.kind === 'entry') out.push(...m.payload.canonical);
      i = m.end;
    }
    out.push(...tokens.slice(i));
    return out;
  }

  // --- the index ------------------------------------------------------------------------------
  const byCode = new Map<string, Procedure>();
  const indexed: IndexedProcedure[] = [];
  const knownPairs = new Set<string>();
  const lexiconWords: string[] = [];
  const docs: Array<Record<FieldName, string> & { id: number }> = [];

  // Lay variants attached to the procedures whose name contains their canonical wording.
  const layEntries = vocabulary.entries
    .filter((e) => e.kind === 'lay' || e.kind === 'synonym')
    .map((e) => {
      const canonical = tokenize(e.canonical);
      return { canonical, canonicalLine: canonical.map(foldTerm).join(' '), variants: e.variants };
    });

  // A procedure another one replaces (the linked groups of Decree 63/2024) stays findable by code,
  // but ranks below its successor.
  const superseded = new Set(procedures.flatMap((p) => p.replaces));
  for (const procedure of procedures) {
    byCode.set(procedure.code, procedure);
    const nameWords = catalogueWords(procedure.name);
    const nameFolded = nameWords.map(foldTerm);
    const namePairs = syllableBigrams(nameFolded);
    const markedName = nameWords.filter((w) => isVietnameseSyllable(w)).map((w) => toneKey(w));
    const nameLine = ` ${nameFolded.join(' ')} `;
    const synonymTerms = [
      ...new Set(
        layEntries
          .filter((e) => nameLine.includes(` ${e.canonicalLine} `))
          .flatMap((e) => e.variants.flatMap((v) => layOnlyTerms(tokenize(v), e.canonical))),
      ),
    ];
    const foldedOf = (texts: string[]): string[] =>
      texts.flatMap((t) => {
        const w = catalogueWords(t).map(foldTerm);
        return [...w, ...syllableBigrams(w)];
      });
    const resultTerms = foldedOf(procedure.results);
    const fieldTerms = foldedOf([procedure.field]);
    const documentTerms = [
      ...new Set(foldedOf(procedure.documentGroups.flatMap((g) => g.documents.map((d) => d.name)))),
    ];
    for (const p of [...namePairs, ...resultTerms.filter((t) => t.includes(BIGRAM_JOINER))]) knownPairs.add(p);
    lexiconWords.push(...new Set([...nameFolded, ...resultTerms, ...fieldTerms, ...documentTerms].filter((t) => !t.includes(BIGRAM_JOINER))));
    const sets = {
      name: new Set(nameFolded),
      synonyms: new Set(synonymTerms),
      results: new Set(resultTerms),
      field: new Set(fieldTerms),
      documents: new Set(documentTerms),
      pairs: new Set([...namePairs, ...synonymTerms, ...resultTerms].filter((t) => t.includes(BIGRAM_JOINER))),
    };
    const nameWordWeights = nameWords
      .filter((w) => !isFillerWord(w, { exact: true }) || nameWords.length <= 2)
      .map((w) => ({ term: foldTerm(w), weight: isVocabularyThin(w) ? THIN_WEIGHT : 1 }));
    const citizens = procedure.applicants.length === 0 || procedure.applicants.some((a) => CITIZEN_APPLICANT.test(a));
    indexed.push({
      procedure,
      foldedName: nameFolded.join(' '),
      nameWords: nameWordWeights,
      prior: (citizens ? 1 : ORGANISATIONS_ONLY_FACTOR) * (superseded.has(procedure.code) ? SUPERSEDED_FACTOR : 1),
      sets,
    });
    docs.push({
      id: indexed.length - 1,
      nameMarked: [...new Set(markedName)].join(' '),
      // Each word once: a long name repeating "giao đất, cho thuê đất" is not more about it.
      name: [...new Set(nameFolded)].join(' '),
      namePairs: [...new Set(namePairs)].join(' '),
      synonyms: synonymTerms.join(' '),
      results: resultTerms.join(' '),
      field: fieldTerms.join(' '),
      documents: documentTerms.join(' '),
    });
  }
  // Words the vocabulary itself uses are known too (so they are not "repaired" away).
  const vocabularyWords: string[] = [];
  for (const e of vocabulary.entries) for (const t of [e.canonical, ...e.variants]) vocabularyWords.push(...tokenize(t).map(foldTerm));
  for (const t of vocabulary.fillers) vocabularyWords.push(...tokenize(t).map(foldTerm));
  // Matters no commune handles are named in both languages ("ly hôn", "divorce"): their words say
  // nothing of the language a question is written in.
  const outOfScopeWords = vocabulary.outOfScope.flatMap((o) => o.variants).flatMap((t) => tokenize(t).map(foldTerm));
  const lexicon = new Lexicon(lexiconWords);
  const vietnameseKnown = new Set([...lexiconWords, ...vocabularyWords]);
  const spellingKnown = new Set([...vietnameseKnown, ...outOfScopeWords]);

  const miniSearch = new MiniSearch<Record<FieldName, string> & { id: number }>({
    fields: [...FIELDS],
    storeFields: [],
    tokenize: (text) => text.split(' ').filter((t) => t.length > 0),
    processTerm: (term) => term,
  });
  miniSearch.addAll(docs);

  // --- query analysis -------------------------------------------------------------------------
  const isProtected = (token: string): boolean => queryMatcher.hasWord(token) || spellingKnown.has(foldTerm(token));

  /** Typos and syllables typed together, repaired towards what the catalogue knows. */
  function repairSpelling(tokens: string[]): string[] {
    const out: string[] = [];
    let repairs = 0;
    tokens.forEach((token, i) => {
      const key = foldTerm(token);
      if (/^\d/.test(token) || spellingKnown.has(key) || !/^[a-zđ]+$/.test(key)) {
        out.push(token);
        return;
      }
      const parts = lexicon.split(key);
      if (parts) {
        out.push(...parts);
        return;
      }
      // A real syllable the catalogue does not use ("quật") is a word, not a typo.
      if (key.length < 4 || isVietnameseSyllable(key) || repairs >= MAX_TYPO_REPAIRS) {
        out.push(token);
        return;
      }
      repairs += 1;
      const candidates = lexicon.nearest(key, key.length >= 7 ? 2 : 1);
      if (candidates.length === 0) {
        out.push(token);
        return;
      }
      // Prefer a correction that forms a known pair with a neighbour, then the most used one.
      const left = i > 0 ? foldTerm(tokens[i - 1]!) : null;
      const right = i + 1 < tokens.length ? foldTerm(tokens[i + 1]!) : null;
      const rank = (c: string): number =>
        (left !== null && knownPairs.has(`${left}${BIGRAM_JOINER}${c}`) ? 1000 : 0) +
        (right !== null && knownPairs.has(`${c}${BIGRAM_JOINER}${right}`) ? 1000 : 0) +
        lexicon.frequency(c);
      const best = [...candidates].sort((a, b) => rank(b) - rank(a))[0]!;
      out.push(best);
    });
    return out;
  }

  function pairKnown(a: string | undefined, b: string | undefined): boolean {
    return a !== undefined && b !== undefined && knownPairs.has(`${foldTerm(a)}${BIGRAM_JOINER}${foldTerm(b)}`);
  }

  /**
   * Whether a question is written in English: at least one word the English aliases use, and more
   * English words than Vietnamese ones. Words both languages know ("to", "my", "get", "cafe") count
   * for neither side; a word with Vietnamese marks is Vietnamese.
   */
  function writtenInEnglish(typed: readonly string[]): boolean {
    if (!english) return false;
    let englishWords = 0;
    let vietnameseWords = 0;
    let aliasWord = false;
    for (const t of typed) {
      const marked = hasMarks(t);
      const kind = marked ? null : english.wordKind(t);
      const vietnamese = marked || isVietnameseSyllable(t) || vietnameseKnown.has(foldTerm(t));
      aliasWord ||= kind === 'content';
      if (kind !== null && !vietnamese) englishWords += 1;
      else if (vietnamese && kind === null) vietnameseWords += 1;
    }
    return aliasWord && englishWords > vietnameseWords;
  }

  function analyzeEnglish(en: EnglishSearch, codes: string[], typed: readonly string[]): QueryAnalysis {
    const { words, terms } = en.analyze(typed);
    const topic = queryMatcher.match(typed).find((m) => m.payload.kind === 'outOfScope')?.payload;
    return {
      language: 'en',
      codes,
      words,
      terms,
      layTerms: new Map(),
      outOfScope: topic?.kind === 'outOfScope' ? topic.topic : null,
    };
  }

  function analyze(query: string): QueryAnalysis {
    const text = boundText(query).normalize('NFC').toLowerCase();
    const codes = [...text.matchAll(CODE_IN_TEXT)].map((m) => `${m[1]}.${m[2]}`);
    const typed = tokenize(text.replace(CODE_IN_TEXT, ' '));
    if (english && writtenInEnglish(typed)) return analyzeEnglish(english, codes, typed);
    let tokens = typed.flatMap((t) => tokenize(expandShorthand(t)));
    const beforeTelex = tokens;
    tokens = repairTelex(tokens, isProtected);
    // Marks count as meaningful when the citizen typed them (or a Telex repair restored them).
    const typedMarks = typed.some((t) => hasMarks(t) && isVietnameseSyllable(t)) || tokens.some((t, k) => t !== beforeTelex[k]);
    tokens = repairSpelling(tokens);

    // Vocabulary: replace, drop framing, note out-of-scope matters.
    let outOfScope: OutOfScopeTopic | null = null;
    const replaced: Word[] = [];
    const matches = queryMatcher.match(tokens);
    const layTerms = new Map<string, number>();
    let i = 0;
    const pushTyped = (from: number, to: number): void => {
      for (let k = from; k < to; k++) replaced.push({ text: tokens[k]!, weight: 1, marked: hasMarks(tokens[k]!), typed: true });
    };
    for (const m of matches) {
      pushTyped(i, m.start);
      i = m.end;
      const p = m.payload;
      if (p.kind === 'entry') {
        // Each typed word carries about one word of meaning: a two-word lay phrase ("sổ đỏ")
        // written out as seven catalogue words must not outweigh the rest of the question.
        const lay = p.entry.kind === 'lay' || p.entry.kind === 'synonym';
        const spread = lay ? Math.min(1, Math.max(MIN_CANONICAL_WEIGHT, Math.sqrt((m.end - m.start) / p.canonical.length))) : 1;
        const weight = (p.entry.weight ?? 1) * spread;
        for (const w of p.canonical) replaced.push({ text: w, weight, marked: true, typed: false });
        if (lay) {
          // Only the words that are the lay wording's own ("sổ đỏ", not "giấy phép" of
          // "xin giấy phép xây nhà"), as the synonyms field holds them.
          for (const t of layOnlyTerms(tokens.slice(m.start, m.end), p.canonical)) layTerms.set(t, p.entry.weight ?? 1);
        }
      } else if (p.kind === 'outOfScope') {
        outOfScope ??= p.topic;
      } else if (m.end - m.start === 1) {
        // A one-word framing word is kept when it is half of a known phrase ("chi phí").
        const w = tokens[m.start]!;
        if (pairKnown(tokens[m.start - 1], w) || pairKnown(w, tokens[m.start + 1])) pushTyped(m.start, m.end);
      }
    }
    pushTyped(i, tokens.length);

    // Conversational filler and thin words. A filler word typed next to another typed word with
    // which it forms a known phrase stays ("bản sao", "nhà ở", "tai nạn").
    const typedNeighbour = (k: number): string | undefined => (replaced[k]?.typed ? replaced[k]!.text : undefined);
    const words: Word[] = [];
    replaced.forEach((w, k) => {
      if (!w.typed) {
        // The vocabulary writes the catalogue's wording: its small words are kept, thin ("sao" of "bản sao").
        const thin = isThin(w.text) || isFillerWord(w.text, { exact: true });
        words.push({ ...w, weight: thin ? Math.min(w.weight, THIN_WEIGHT) : w.weight });
        return;
      }
      const filler = isFillerWord(w.text);
      const inPhrase = pairKnown(typedNeighbour(k - 1), w.text) || pairKnown(w.text, typedNeighbour(k + 1));
      if (filler && !inPhrase) return;
      words.push({ ...w, weight: isThin(w.text) ? Math.min(w.weight, THIN_WEIGHT) : w.weight });
    });

    // Terms with their weights.
    const terms = new Map<string, number>();
    const add = (term: string, weight: number): void => {
      terms.set(term, Math.max(terms.get(term) ?? 0, weight));
    };
    const folded = words.map((w) => foldTerm(w.text));
    const marked = words.map((w) =>
      (w.marked || typedMarks) && isVietnameseSyllable(w.text) ? toneKey(w.text) : null,
    );
    words.forEach((w, k) => {
      // A thin word alone matches most records and decides nothing: it only counts in pairs.
      if (w.weight > THIN_WEIGHT) {
        add(folded[k]!, w.weight);
        if (marked[k]) add(marked[k]!, w.weight);
      }
      if (k > 0) {
        const pw = (w.weight + words[k - 1]!.weight) / 2;
        add(`${folded[k - 1]}${BIGRAM_JOINER}${folded[k]}`, pw);
      }
    });
    return {
      language: 'vi',
      codes,
      words: words.map(({ text, weight }) => ({ text, weight, known: lexicon.has(foldTerm(text)) })),
      terms,
      layTerms,
      outOfScope,
    };
  }

  // --- search ---------------------------------------------------------------------------------
  interface QueryWord {
    term: string;
    weight: number;
  }

  /** How much of the query a procedure covers: its words found in the name count fully, elsewhere less. */
  function coverage(doc: IndexedProcedure, words: readonly QueryWord[]): number {
    let total = 0;
    let got = 0;
    for (const w of words) {
      total += w.weight;
      let best = 0;
      for (const field of COVERAGE_FIELDS) {
        const value = COVERAGE_BY_FIELD[field];
        if (value > best && doc.sets[field].has(w.term)) best = value;
      }
      got += w.weight * best;
    }
    return total === 0 ? 0 : got / total;
  }

  /** How much of the procedure's name the query covers (weighted: "đăng ký" counts little). */
  function nameCoverage(doc: IndexedProcedure, typed: ReadonlySet<string>): number {
    let total = 0;
    let got = 0;
    for (const w of doc.nameWords) {
      total += w.weight;
      if (typed.has(w.term)) got += w.weight;
    }
    return total === 0 ? 0 : got / total;
  }

  function toHit({ code, name, field }: Procedure, score: number): ProcedureHit {
    return { code, name, field, score: Math.round(score * 1000) / 1000 };
  }

  /** An English question, ranked on the English aliases; the hits carry the catalogue's names. */
  function searchEnglish(en: EnglishSearch, analysis: QueryAnalysis, limit: number, outOfScope: { outOfScope?: OutOfScope }): ProcedureSearchResult {
    const ranking = en.rank(analysis, limit);
    const hits = ranking.hits.flatMap((h) => {
      const p = byCode.get(h.code);
      return p ? [toHit(p, h.score)] : [];
    });
    // As in Vietnamese: a matter no commune handles is 'none' unless the rest clearly names a procedure.
    const confidence = ranking.confidence === 'sure' || !analysis.outOfScope ? ranking.confidence : 'none';
    return { hits, confidence, language: 'en', ...outOfScope };
  }

  function search(query: string, limit = 5): ProcedureSearchResult {
    const analysis = analyze(query);
    const language = analysis.language;
    const known = analysis.codes.filter((c) => byCode.has(c));
    if (known.length > 0) {
      const hits = [...new Set(known)].map((c) => toHit(byCode.get(c)!, 1));
      return { hits: hits.slice(0, limit), confidence: hits.length === 1 ? 'exact' : 'ambiguous' };
    }
    const outOfScope = analysis.outOfScope
      ? { outOfScope: { topic: analysis.outOfScope.topic, handledBy: analysis.outOfScope.handledBy } }
      : {};
    if (language === 'en' && english) return searchEnglish(english, analysis, limit, outOfScope);
    const content = analysis.words.filter((w) => w.weight > THIN_WEIGHT);
    const knownWeight = analysis.words.filter((w) => w.known).reduce((a, w) => a + w.weight, 0);
    const unknownWeight = analysis.words.filter((w) => !w.known).reduce((a, w) => a + w.weight, 0);
    if (analysis.terms.size === 0 || !content.some((w) => w.known)) return { hits: [], confidence: 'none', language, ...outOfScope };
    // A question mostly about words no procedure uses ("cách nấu phở") is not about a procedure.
    const mostlyUnknown = unknownWeight > knownWeight;
    const queryPairs = [...analysis.terms.keys()].filter((t) => t.includes(BIGRAM_JOINER));
    const knownContent = content.filter((w) => w.known).length;

    const weights = new Map([...analysis.layTerms, ...analysis.terms]);
    // Marked syllables only exist in the name; what the citizen typed for a lay word only in synonyms.
    const allTerms = [...analysis.terms.keys()];
    const textFor = {
      name: allTerms.join(' '),
      synonyms: [...analysis.layTerms.keys()].join(' '),
      other: allTerms.filter((t) => !MARKED_TERM.test(t)).join(' '),
    };
    const perDoc = new Map<number, number[]>();
    GROUPS.forEach(({ group, weight, boost }, g) => {
      if (textFor[group] === '') return;
      const results = miniSearch.search(textFor[group], {
        fields: Object.keys(boost),
        boost,
        boostTerm: (term) => weights.get(term) ?? 1,
        combineWith: 'OR',
      });
      for (const r of results) {
        // MiniSearch multiplies by the number of query terms matched; coverage does that job here.
        const score = (r.score / Math.max(1, r.queryTerms.length)) * weight;
        const scores = perDoc.get(r.id as number) ?? new Array<number>(GROUPS.length).fill(0);
        scores[g] = score;
        perDoc.set(r.id as number, scores);
      }
    });
    // Words no procedure uses cannot be covered by any: they do not count against one.
    const queryWords = analysis.words.filter((w) => w.known).map((w) => ({ term: foldTerm(w.text), weight: w.weight }));
    const typedTerms = new Set(queryWords.map((w) => w.term));
    const candidates = [...perDoc.entries()]
      .map(([id, scores]) => ({ doc: indexed[id]!, raw: scores.reduce((a, b) => a + b, 0) * indexed[id]!.prior }))
      .sort((a, b) => b.raw - a.raw)
      .slice(0, CANDIDATES);
    const ranked = candidates.map(({ doc, raw }) => {
      const cov = coverage(doc, queryWords);
      const nameCov = nameCoverage(doc, typedTerms);
      return { doc, cov, nameCov, score: raw * (0.25 + cov) * (1 - NAME_SHARE + NAME_SHARE * nameCov) };
    });
    ranked.sort(
      (a, b) =>
        b.score - a.score ||
        a.doc.foldedName.length - b.doc.foldedName.length ||
        a.doc.procedure.code.localeCompare(b.doc.procedure.code),
    );
    const top = ranked[0];
    // Two or more content words and not one of their pairs in the best record: a coincidence.
    const noPhrase = top !== undefined && knownContent >= 2 && !queryPairs.some((p) => top.doc.sets.pairs.has(p));
    // A question holding the whole name of a record ("tách hộ" in a long story) is about it.
    const holdsName = top !== undefined && top.nameCov >= NAME_FULL && top.doc.nameWords.length >= 2;
    if (!top || (top.cov < NONE_COVERAGE && !holdsName) || mostlyUnknown || noPhrase) {
      return { hits: ranked.slice(0, limit).map((r) => toHit(r.doc.procedure, r.score)), confidence: 'none', language, ...outOfScope };
    }
    const second = ranked[1];
    // A question about a matter no commune handles ("ly hôn") is answered 'none' unless the rest of
    // it clearly names a procedure.
    const tiedName = second !== undefined && second.doc.foldedName === top.doc.foldedName;
    // 'sure' needs a phrase of the question in the record ("khai sinh"), or, for a one-word
    // question, a fair part of the record's name: one shared syllable is a coincidence.
    const phraseEvidence = queryPairs.some((p) => top.doc.sets.pairs.has(p)) || (knownContent < 2 && top.nameCov >= 0.3);
    const clearlyAhead =
      second === undefined ||
      second.score <= SURE_RATIO * top.score ||
      (top.nameCov >= NAME_COMPLETE && top.nameCov - second.nameCov >= NAME_LEAD);
    const sure = !tiedName && clearlyAhead && phraseEvidence && (top.cov >= SURE_COVERAGE || holdsName);
    const confidence: SearchConfidence = sure ? 'sure' : analysis.outOfScope ? 'none' : 'ambiguous';
    return { hits: ranked.slice(0, limit).map((r) => toHit(r.doc.procedure, r.score)), confidence, language, ...outOfScope };
  }

  return {
    search,
    analyze,
    get: (code) => byCode.get(code.trim()),
    englishName: (code) => english?.name(code),
    size: indexed.length,
  };
}
