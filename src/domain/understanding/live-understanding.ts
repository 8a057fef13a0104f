/**
 * The understanding layer and the procedure search as the worker runs them, with what officers
 * taught through the console (insights/teachings.ts): examples join the model's training data,
 * synonyms join the search vocabulary — each a lay variant whose catalogue wording is the
 * procedure's own name, so the phrase finds that procedure. Built at start, then the teachings'
 * version is looked at every half minute; when it moved, what changed is rebuilt (the search in
 * about a second, the model in about one more or loaded from the cache) and swapped in whole, so
 * a message is always read by one consistent layer. The flows hold the `understander` and `search`
 * here, which always answer with the latest build. The web role keeps only the search current
 * (`understand: false`: the public search API finds what was taught, and no model is built there).
 */
import type { Logger } from '../../logger';
import type { ProcedureCatalogue } from '../catalogue/catalogue';
import { loadEnglishNames } from '../catalogue/english-names';
import type { ProcedureFinder } from '../catalogue/procedure-finder';
import { createProcedureSearch } from '../catalogue/procedure-search';
import { loadSearchVocabulary, type VocabularyEntry } from '../catalogue/search-vocabulary';
import type { CommuneProfile } from '../commune/commune-profile';
import { buildUnderstander } from './build-understander';
import type { Example } from './intent-data';
import type { Understander } from './understanding';

/** What was taught, and the version that moves with every teaching. */
export interface TaughtSource {
  version(): Promise<number>;
  examples(): Promise<readonly Example[]>;
  synonyms(): Promise<ReadonlyArray<{ procedureCode: string; phrase: string }>>;
}

export interface UnderstandingBase {
  catalogue: ProcedureCatalogue;
  commune: CommuneProfile;
  /** The search over the file's vocabulary alone (built at start for every role). */
  search: ProcedureFinder;
}

export const CHECK_EVERY_MS = 30_000;

/** The catalogue's search with the taught synonyms added to data/search-vocabulary.json's entries. */
export function searchWithSynonyms(
  catalogue: ProcedureCatalogue,
  synonyms: ReadonlyArray<{ procedureCode: string; phrase: string }>,
): ProcedureFinder {
  const vocabulary = loadSearchVocabulary();
  const taught: VocabularyEntry[] = synonyms.flatMap(({ procedureCode, phrase }) => {
    const procedure = catalogue.get(procedureCode);
    return procedure
      ? [{ canonical: procedure.name, variants: [phrase], kind: 'synonym' as const, note: `taught for ${procedureCode}` }]
      : [];
  });
  const english = loadEnglishNames(new Set(catalogue.procedures.map((p) => p.code)));
  return createProcedureSearch(catalogue.procedures, { ...vocabulary, entries: [...vocabulary.entries, ...taught] }, english);
}

export class LiveUnderstanding {
  private current: { understander: Understander | undefined; search: ProcedureFinder };
  private readonly understands: boolean;
  /** What the current build was made from. */
  private built = { version: -1, examples: '[]', synonyms: '[]' };
  private timer: ReturnType<typeof setInterval> | undefined;

  readonly understander: Understander = {
    understand: (text) => {
      if (!this.current.understander) throw new Error('built with understand: false: only the search is kept');
      return this.current.understander.understand(text);
    },
  };
  readonly search: ProcedureFinder = {
    search: (query, limit) => this.current.search.search(query, limit),
    englishName: (code) => this.current.search.englishName(code),
  };

  constructor(
    private readonly base: UnderstandingBase,
    private readonly taught: TaughtSource,
    private readonly logger: Logger,
    options: { understand?: boolean } = {},
  ) {
    this.understands = options.understand ?? true;
    this.current = {
      search: base.search,
      understander: this.understands ? buildUnderstander(base.catalogue, base.commune, base.search) : undefined,
    };
  }

  /** Rebuilds when the teachings' version moved; true when it did. */
  async refresh(): Promise<boolean> {
    const version = await this.taught.version();
    if (version === this.built.version) return false;
    const [examples, synonyms] = await Promise.all([this.taught.examples(), this.taught.synonyms()]);
    const taught = {
      examples: JSON.stringify(examples.map(({ intent, text }) => [intent, text])),
      synonyms: JSON.stringify(synonyms.map(({ procedureCode, phrase }) => [procedureCode, phrase])),
    };
    if (taught.examples !== this.built.examples || taught.synonyms !== this.built.synonyms) {
      const started = Date.now();
      const search =
        taught.synonyms === this.built.synonyms
          ? this.current.search
          : synonyms.length
            ? searchWithSynonyms(this.base.catalogue, synonyms)
            : this.base.search;
      // Only the text and the intent: when or by whom must not make a new model (the cache's digest covers the examples).
      const understander = this.understands
        ? buildUnderstander(
            this.base.catalogue,
            this.base.commune,
            search,
            undefined,
            examples.map(({ intent, text }) => ({ intent, text })),
          )
        : undefined;
      this.current = { search, understander };
      this.logger.info(
        { version, examples: examples.length, synonyms: synonyms.length, ms: Date.now() - started },
        'understanding rebuilt with what officers taught',
      );
    }
    this.built = { version, ...taught };
    return true;
  }

  /** Looks at the version every `everyMs` until stopped; a failed look is logged and tried again next time. */
  start(everyMs = CHECK_EVERY_MS): void {
    this.timer = setInterval(() => {
      this.refresh().catch((err: Error) => this.logger.warn({ err: err.message }, 'could not look for what officers taught'));
    }, everyMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
