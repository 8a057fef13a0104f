/**
 * What officers teach the bot from the console, closing the learning loop without a deploy:
 * intent examples (a question the bot could not place, given the intent it means) and search
 * synonyms (a phrase people use for one procedure). Kept in Redis under one hash tag with a
 * version counter that every change moves; the worker's understanding layer merges them into its
 * training data and search vocabulary and rebuilds when the version moves
 * (understanding/live-understanding.ts). Each is checked against the data it joins: the intent
 * is one of data/intents.json's, the code one of the catalogue's, and nothing taught contradicts
 * an example or a vocabulary phrase already there.
 */
import { z } from 'zod';
import type { Keys } from '../../store/keys';
import type { RedisClient } from '../../store/redis';
import type { ProcedureCatalogue } from '../catalogue/catalogue';
import type { SearchVocabulary } from '../catalogue/search-vocabulary';
import type { InputFields } from '../input-fields';
import { foldPhrase } from '../text/fold';
import type { IntentData } from '../understanding/intent-data';
import { INTENTS, type Intent } from '../understanding/intent';

export interface TaughtExample {
  intent: Intent;
  text: string;
  at: string;
  /** Who taught it (the API token's name). */
  by: string;
}

export interface TaughtSynonym {
  procedureCode: string;
  phrase: string;
  at: string;
  by: string;
}

/** A teaching as the API takes it, or why not, field by field. */
export type TeachingOutcome<T> = { ok: true; value: T } | { ok: false; fields: InputFields };

const TEXTS_MAX = 50;

/** As data/intents.json takes an example (a duplicate is one that differs only in case). */
const exampleKey = (text: string) => text.trim().toLowerCase();
/** As the search meets a phrase: folded syllables. */
const phraseKey = (phrase: string) => foldPhrase(phrase);

const exampleSchema = z.object({ intent: z.enum(INTENTS), text: z.string(), at: z.string(), by: z.string() });
const synonymSchema = z.object({ procedureCode: z.string(), phrase: z.string(), at: z.string(), by: z.string() });

/** The API's bodies: an intent of data/intents.json with texts; a procedure of the catalogue with a phrase. */
export function teachingInputs(data: IntentData, catalogue: ProcedureCatalogue) {
  const intents = data.intents.map((i) => i.id);
  return {
    examples: z.strictObject({
      intent: z
        .enum(INTENTS, 'is not an intent of data/intents.json')
        .refine((id) => intents.includes(id), 'is not an intent of data/intents.json'),
      texts: z
        .array(z.string().trim().min(1, 'is empty').max(300, 'at most 300 characters'))
        .min(1, 'give at least one text')
        .max(TEXTS_MAX, `at most ${TEXTS_MAX} at once`),
    }),
    synonym: z.strictObject({
      procedureCode: z
        .string()
        .trim()
        .refine((code) => catalogue.get(code) !== undefined, 'is not a procedure code of the catalogue'),
      phrase: z
        .string()
        .trim()
        .min(1, 'is empty')
        .max(100, 'at most 100 characters')
        .refine((p) => phraseKey(p) !== '', 'holds no word'),
    }),
  };
}

export class Teachings {
  /** The file's examples: key → intent. */
  private readonly fileExamples: Map<string, Intent>;
  /** The vocabulary's own phrases (canonical wordings and variants), folded. */
  private readonly vocabularyPhrases: Set<string>;

  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
    data: IntentData,
    vocabulary: SearchVocabulary,
    private readonly now: () => number = Date.now,
  ) {
    this.fileExamples = new Map(data.intents.flatMap((i) => i.examples.map((text) => [exampleKey(text), i.id] as const)));
    this.vocabularyPhrases = new Set(vocabulary.entries.flatMap((e) => [e.canonical, ...e.variants]).map(phraseKey));
  }

  async examples(): Promise<TaughtExample[]> {
    return this.read(this.keys.taughtExamples, exampleSchema);
  }

  async synonyms(): Promise<TaughtSynonym[]> {
    return this.read(this.keys.taughtSynonyms, synonymSchema);
  }

  /** Moves whenever something is taught: the worker rebuilds when it sees it move. */
  async version(): Promise<number> {
    return Number((await this.redis.get(this.keys.taughtVersion)) ?? 0);
  }

  /**
   * Adds the texts as examples of the intent. One already an example of that intent is left as
   * it is (`known`); one that is an example of another intent is refused, naming its place.
   */
  async addExamples(intent: Intent, texts: readonly string[], by: string): Promise<TeachingOutcome<{ added: string[]; known: string[] }>> {
    const taught = new Map((await this.examples()).map((e) => [exampleKey(e.text), e.intent]));
    const fields: InputFields = {};
    const added = new Map<string, string>();
    const known: string[] = [];
    texts.forEach((text, i) => {
      const key = exampleKey(text);
      const already = this.fileExamples.get(key) ?? taught.get(key);
      if (already && already !== intent) fields[`texts.${i}`] = `is already an example of ${already}`;
      else if (already || added.has(key)) known.push(text);
      else added.set(key, text);
    });
    if (Object.keys(fields).length) return { ok: false, fields };
    if (added.size) {
      const at = new Date(this.now()).toISOString();
      const entries = Object.fromEntries([...added].map(([key, text]) => [key, JSON.stringify({ intent, text, at, by })]));
      await this.redis.multi().hSet(this.keys.taughtExamples, entries).incr(this.keys.taughtVersion).exec();
    }
    return { ok: true, value: { added: [...added.values()], known } };
  }

  /** Adds the phrase as a synonym of the procedure; `created` false when it was one already. */
  async addSynonym(
    procedureCode: string,
    phrase: string,
    by: string,
  ): Promise<TeachingOutcome<{ synonym: TaughtSynonym; created: boolean }>> {
    const key = phraseKey(phrase);
    if (this.vocabularyPhrases.has(key))
      return { ok: false, fields: { phrase: 'is already in the search vocabulary (data/search-vocabulary.json)' } };
    const existing = (await this.synonyms()).find((s) => phraseKey(s.phrase) === key);
    if (existing && existing.procedureCode !== procedureCode)
      return { ok: false, fields: { phrase: `is already a synonym of ${existing.procedureCode}` } };
    if (existing) return { ok: true, value: { synonym: existing, created: false } };
    const synonym: TaughtSynonym = { procedureCode, phrase, at: new Date(this.now()).toISOString(), by };
    await this.redis.multi().hSet(this.keys.taughtSynonyms, key, JSON.stringify(synonym)).incr(this.keys.taughtVersion).exec();
    return { ok: true, value: { synonym, created: true } };
  }

  /** A hash's records, oldest first. */
  private async read<T extends { at: string }>(key: string, schema: z.ZodType<T>): Promise<T[]> {
    const records = Object.values(await this.redis.hGetAll(key)).flatMap((raw) => {
      const parsed = schema.safeParse(JSON.parse(raw));
      return parsed.success ? [parsed.data] : [];
    });
    return records.sort((a, b) => a.at.localeCompare(b.at));
  }
}
