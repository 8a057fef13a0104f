/**
 * English → Vietnamese wording (data/english-glossary.json): an English message is read through
 * it, so "how long does it take" shares the features of "bao lâu" and the Vietnamese examples
 * teach the model English as well (measured: a few points of accuracy, most of them on English).
 * Longest phrase first (three words, two, one); linear in the message.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { projectRoot } from '../../project-root';
import { foldWord } from '../text/fold-cache';
import { tokenize } from '../text/tokenize';

const glossarySchema = z.object({
  _about: z.string().optional(),
  entries: z.record(z.string().regex(/^[a-z' ]+$/, 'lower-case English words'), z.string().min(1)),
});

const LONGEST = 3;

export class Glossary {
  private readonly phrases = new Map<string, string[]>();
  /** Identifies the entries (a trained model depends on them). */
  readonly digest: string;

  constructor(entries: Record<string, string>) {
    for (const [english, vietnamese] of Object.entries(entries))
      this.phrases.set(tokenize(english).join(' '), tokenize(vietnamese).map(foldWord));
    this.digest = JSON.stringify([...this.phrases]);
  }

  /** The tokens with every English phrase the glossary knows replaced by its folded Vietnamese words. */
  apply(tokens: readonly string[]): string[] {
    const out: string[] = [];
    for (let i = 0; i < tokens.length;) {
      let matched = 0;
      for (let n = Math.min(LONGEST, tokens.length - i); n > 0 && !matched; n--) {
        const gloss = this.phrases.get(tokens.slice(i, i + n).join(' '));
        if (gloss) {
          out.push(...gloss);
          matched = n;
        }
      }
      if (matched) i += matched;
      else out.push(tokens[i++]!);
    }
    return out;
  }
}

export function loadGlossary(path = join(projectRoot(), 'data', 'english-glossary.json')): Glossary {
  const parsed = glossarySchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success)
    throw new Error(`${path} is not valid:\n${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n')}`);
  return new Glossary(parsed.data.entries);
}
