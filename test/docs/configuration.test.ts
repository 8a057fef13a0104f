/**
 * docs/configuration.md documents every variable of the env schema (src/config.ts), and nothing
 * else: a variable added to the schema without a row, or a row left behind after a variable was
 * removed, fails here. A variable is documented by a table row whose first cell names it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { envSchema } from '../../src/config';

const DOC = join(__dirname, '..', '..', 'docs', 'configuration.md');

/** The names in the first cell of every table row (`| \`PORT\` ◆ | …`). */
function documentedNames(markdown: string): string[] {
  return markdown
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .flatMap((line) => [...(line.split('|')[1] ?? '').matchAll(/`([A-Z][A-Z0-9_]*)`/g)].map((m) => m[1]!));
}

describe('docs/configuration.md', () => {
  const schemaNames = Object.keys(envSchema.shape).sort();
  const docNames = documentedNames(readFileSync(DOC, 'utf8'));

  it('documents every variable of the schema', () => {
    expect(schemaNames.filter((name) => !docNames.includes(name))).toEqual([]);
  });

  it('documents no variable the schema does not read', () => {
    expect(docNames.filter((name) => !schemaNames.includes(name))).toEqual([]);
  });

  it('documents each variable once', () => {
    expect(docNames.filter((name, i) => docNames.indexOf(name) !== i)).toEqual([]);
  });
});
