/**
 * What officers teach the bot from the console, closing the learning loop without a deploy:
 * intent examples (a question the bot could not place, given the intent it means) and search
 * synonyms (a phrase people use for one procedure). Kept in Redis under one hash tag with a
 * version counter that every change moves; the worker's understanding layer merges them into its
 * training data and search vocabulary and rebuilds when the version moves
 * (understanding/live-understanding.ts). Each is checked against the data it joins: the intent
 * is one of data/intents.json's, the code one of the catalogue's, and nothing taught contradicts
 * an example or a vocabulary phrase already there. What was taught is checked and written by one
 * script, so two officers teaching the same text at once cannot both place it; a wrong teaching
 * can be removed, which moves the version too.
 */
import { z } from 'zod';
import type { Keys } from '../../store/keys';
import { LuaScript } from '../../store/lua-script';
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

/** The API's bodies: an intent of data/intents.json with texts; a procedure of the catalogue with a phrase; what to remove. */
export function teachingInputs(data: IntentData, catalogue: ProcedureCatalogue) {
  const intents = data.intents.map((i) => i.id);
  const intent = z
    .enum(INTENTS, 'is not an intent of data/intents.json')
    .refine((id) => intents.includes(id), 'is not an intent of data/intents.json');
  return {
    examples: z.strictObject({
      intent,
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
    /** What to remove: the example as taught (any case), the synonym as taught (any marks or case). */
    removedExample: z.strictObject({ intent, text: z.string().trim().min(1, 'is empty') }),
    removedSynonym: z.strictObject({ phrase: z.string().trim().min(1, 'is empty') }),
  };
}

/**
 * KEYS: examples hash, version · ARGV: intent, then (field, record JSON) pairs → for each pair the
 * intent it is taught for already, or '' when new. Writes the new ones (and moves the version)
 * only when none is taught for another intent.
 */
const addExamplesScript = new LuaScript(
  'addTaughtExamples',
  `local held, clash = {}, false
for i = 2, #ARGV, 2 do
  local raw = redis.call('HGET', KEYS[1], ARGV[i])
  local intent = raw and cjson.decode(raw).intent or ''
  held[#held + 1] = intent
  if intent ~= '' and intent ~= ARGV[1] then clash = true end
end
if clash then return held end
local added = 0
for i = 2, #ARGV, 2 do
  if held[i / 2] == '' then
    redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
    added = added + 1
  end
end
if added > 0 then redis.call('INCR', KEYS[2]) end
return held`,
);

/** KEYS: synonyms hash, version · ARGV: field, record JSON → the record there already, or false when written (version moved). */
const addSynonymScript = new LuaScript(
  'addTaughtSynonym',
  `local raw = redis.call('HGET', KEYS[1], ARGV[1])
if raw then return raw end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('INCR', KEYS[2])
return false`,
);

/**
 * KEYS: hash, version · ARGV: field, the intent its record must hold ('' for any) → the record
 * removed (version moved), or false when there was none to remove.
 */
const removeScript = new LuaScript(
  'removeTaught',
  `local raw = redis.call('HGET', KEYS[1], ARGV[1])
if not raw or (ARGV[2] ~= '' and cjson.decode(raw).intent ~= ARGV[2]) then return false end
redis.call('HDEL', KEYS[1], ARGV[1])
redis.call('INCR', KEYS[2])
return raw`,
);

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

  /** Moves whenever something is taught or removed: the worker rebuilds when it sees it move. */
  async version(): Promise<number> {
    return Number((await this.redis.get(this.keys.taughtVersion)) ?? 0);
  }

  /**
   * Adds the texts as examples of the intent. One already an example of that intent is left as
   * it is (`known`); one that is an example of another intent is refused, naming its place.
   */
  async addExamples(intent: Intent, texts: readonly string[], by: string): Promise<TeachingOutcome<{ added: string[]; known: string[] }>> {
    const fields: InputFields = {};
    /** Texts the file does not hold, once each: key → the text and its index in `texts`. */
    const fresh = new Map<string, { text: string; i: number }>();
    const known: Array<{ text: string; i: number }> = [];
    texts.forEach((text, i) => {
      const key = exampleKey(text);
      const inFile = this.fileExamples.get(key);
      if (inFile && inFile !== intent) fields[`texts.${i}`] = `is already an example of ${inFile}`;
      else if (inFile || fresh.has(key)) known.push({ text, i });
      else fresh.set(key, { text, i });
    });
    if (Object.keys(fields).length) return { ok: false, fields };
    const inOrder = () => known.sort((a, b) => a.i - b.i).map((k) => k.text);
    if (!fresh.size) return { ok: true, value: { added: [], known: inOrder() } };
    const at = new Date(this.now()).toISOString();
    const pairs = [...fresh].flatMap(([key, { text }]) => [key, JSON.stringify({ intent, text, at, by })]);
    const held = (await addExamplesScript.run(
      this.redis,
      [this.keys.taughtExamples, this.keys.taughtVersion],
      [intent, ...pairs],
    )) as string[];
    const added: string[] = [];
    [...fresh.values()].forEach(({ text, i }, n) => {
      const already = held[n];
      if (already && already !== intent) fields[`texts.${i}`] = `is already an example of ${already}`;
      else if (already) known.push({ text, i });
      else added.push(text);
    });
    if (Object.keys(fields).length) return { ok: false, fields };
    return { ok: true, value: { added, known: inOrder() } };
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
    const synonym: TaughtSynonym = { procedureCode, phrase, at: new Date(this.now()).toISOString(), by };
    const raw = await addSynonymScript.run(this.redis, [this.keys.taughtSynonyms, this.keys.taughtVersion], [key, JSON.stringify(synonym)]);
    if (typeof raw !== 'string') return { ok: true, value: { synonym, created: true } };
    const existing = synonymSchema.parse(JSON.parse(raw));
    if (existing.procedureCode !== procedureCode)
      return { ok: false, fields: { phrase: `is already a synonym of ${existing.procedureCode}` } };
    return { ok: true, value: { synonym: existing, created: false } };
  }

  /** Removes the text as an example of the intent; undefined when it is not one taught for it. */
  async removeExample(intent: Intent, text: string): Promise<TaughtExample | undefined> {
    const raw = await removeScript.run(this.redis, [this.keys.taughtExamples, this.keys.taughtVersion], [exampleKey(text), intent]);
    return typeof raw === 'string' ? exampleSchema.parse(JSON.parse(raw)) : undefined;
  }

  /** Removes the taught synonym (compared as the search meets it); undefined when none was taught. */
  async removeSynonym(phrase: string): Promise<TaughtSynonym | undefined> {
    const raw = await removeScript.run(this.redis, [this.keys.taughtSynonyms, this.keys.taughtVersion], [phraseKey(phrase), '']);
    return typeof raw === 'string' ? synonymSchema.parse(JSON.parse(raw)) : undefined;
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
