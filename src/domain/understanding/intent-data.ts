/**
 * The intent examples (data/intents.json), in the manner of Rasa's NLU data or Dialogflow's
 * training phrases: each intent lists what people write when they want it. The commune extends a
 * group the bot misplaced by adding an example — no code. Validated at load: an unknown intent id,
 * an empty or duplicated example stops the process with the place at fault.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { projectRoot } from '../../project-root';
import { INTENTS, type Intent } from './intent';

const intentData = z
  .object({
    intents: z
      .array(
        z.object({
          id: z.enum(INTENTS),
          description: z.string().min(1),
          examples: z.array(z.string().trim().min(1).max(300)).min(3),
        }),
      )
      .min(1),
  })
  .superRefine((data, ctx) => {
    const seen = new Map<string, string>();
    data.intents.forEach((intent, i) => {
      intent.examples.forEach((example, j) => {
        const key = example.toLowerCase();
        const other = seen.get(key);
        if (other !== undefined) {
          ctx.addIssue({ code: 'custom', path: ['intents', i, 'examples', j], message: `"${example}" is also an example of ${other}` });
        }
        seen.set(key, intent.id);
      });
    });
  });

export interface Example {
  text: string;
  intent: Intent;
}

export type IntentData = z.infer<typeof intentData>;

export function parseIntentData(value: unknown, source = 'intent data'): IntentData {
  const parsed = intentData.safeParse(value);
  if (!parsed.success) {
    const lines = parsed.error.issues.slice(0, 20).map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`${source} is not valid:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

export function loadIntentData(path = join(projectRoot(), 'data', 'intents.json')): IntentData {
  return parseIntentData(JSON.parse(readFileSync(path, 'utf8')), path);
}

export function examplesOf(data: IntentData): Example[] {
  return data.intents.flatMap((i) => i.examples.map((text) => ({ text, intent: i.id })));
}
