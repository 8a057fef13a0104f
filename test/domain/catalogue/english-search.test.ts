import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadEnglishNames, parseEnglishNames } from '../../../src/domain/catalogue/english-names';
import { catalogueSchema } from '../../../src/domain/catalogue/procedure';
import { createProcedureSearch } from '../../../src/domain/catalogue/procedure-search';
import { loadSearchVocabulary } from '../../../src/domain/catalogue/search-vocabulary';
import { projectRoot } from '../../../src/project-root';

const root = projectRoot();
const catalogue = catalogueSchema.parse(JSON.parse(readFileSync(join(root, 'data', 'procedures.json'), 'utf8')));
const catalogueCodes = new Set(catalogue.procedures.map((p) => p.code));
const vocabulary = loadSearchVocabulary();
const english = loadEnglishNames(catalogueCodes);
const s = createProcedureSearch(catalogue.procedures, vocabulary, english);

const minimal = (procedures: unknown[]) => ({ description: 'test', fillers: ['how'], thin: ['register'], procedures });

describe('English names (data/procedures.en.json)', () => {
  it('name at least 40 procedures of the catalogue, each once, with aliases', () => {
    expect(english.procedures.length).toBeGreaterThanOrEqual(40);
    expect(new Set(english.procedures.map((p) => p.code)).size).toBe(english.procedures.length);
    for (const p of english.procedures) {
      expect(catalogueCodes.has(p.code)).toBe(true);
      expect(p.aliases.length).toBeGreaterThan(0);
    }
  });

  it('fail validation on a code the catalogue does not hold, naming the code', () => {
    const raw = minimal([
      { code: '1.001193', name: 'Birth registration', aliases: ['register a birth'] },
      { code: '9.999999', name: 'Moon landing permit', aliases: ['land on the moon'] },
    ]);
    expect(() => parseEnglishNames(raw, catalogueCodes)).toThrow(/procedures\.1\.code: unknown procedure code 9\.999999/);
  });

  it('fail validation on a code named twice and on a malformed one', () => {
    const twice = minimal([
      { code: '1.001193', name: 'Birth registration', aliases: [] },
      { code: '1.001193', name: 'Births', aliases: [] },
    ]);
    expect(() => parseEnglishNames(twice, catalogueCodes)).toThrow(/1\.001193 named twice/);
    expect(() => parseEnglishNames(minimal([{ code: '1001193', name: 'x', aliases: [] }]), catalogueCodes)).toThrow(/procedures\.0\.code/);
  });
});

describe('procedure search in English', () => {
  it('finds the most asked procedures from English questions', () => {
    const cases: Array<[string, string]> = [
      ['birth registration', '1.001193'],
      ["how do I register my baby's birth", '1.001193'],
      ['I need a certified copy of my ID', '2.000815'],
      ['marriage certificate', '1.000894'],
      ['register temporary residence', '1.004194'],
      ['funeral allowance', '1.001731'],
      ['how much to register a birth', '1.001193'],
      ['household registration', '1.004222'],
      ['certificate of single status', '1.004873'],
      ['notarise', '2.000815'],
      ['make a will', '2.001019'],
      ['Registering the birth of my son', '1.001193'],
      ['birth certficate', '1.001193'],
    ];
    for (const [q, code] of cases) {
      const r = s.search(q);
      expect([q, r.language, r.confidence, r.hits[0]?.code]).toEqual([q, 'en', 'sure', code]);
    }
  });

  it('gives the catalogue names in the hits and the English name through englishName', () => {
    expect(s.search('birth registration').hits[0]?.name).toBe('Đăng ký khai sinh');
    expect(s.englishName('1.001193')).toBe('Birth registration');
    expect(s.englishName('2.000815')).toBe('Certified copy of an original document');
    expect(s.englishName('1.012888')).toBeUndefined();
    expect(createProcedureSearch(catalogue.procedures, vocabulary).englishName('1.001193')).toBeUndefined();
  });

  it('reads English words as English: stemmed, framing dropped, never "repaired" as Telex or typos', () => {
    const a = s.analyze('how do I register my temporary residence');
    expect(a.language).toBe('en');
    expect(a.words.map((w) => w.text)).toEqual(['regist', 'temporari', 'resid']);
  });

  it("answers 'none' to English questions no commune procedure answers, naming who handles a known matter", () => {
    for (const q of ['gold price', 'weather forecast', 'divorce', 'how to cook pho', 'register'])
      expect([q, s.search(q).confidence]).toEqual([q, 'none']);
    const divorce = s.search('how do I get a divorce');
    expect(divorce.confidence).toBe('none');
    expect(divorce.outOfScope?.topic).toBe('ly hôn');
  });

  it('leaves every Vietnamese question of the query set exactly as it was without English names', () => {
    const plain = createProcedureSearch(catalogue.procedures, vocabulary);
    const set = JSON.parse(readFileSync(join(root, 'bench', 'queries', 'procedures.json'), 'utf8')) as { queries: Array<{ q: string }> };
    const extra = ['mo quan cafe', 'kich hoat vneid', 'con toi can lam giay to gi', 'dang ky tam tru online', 'photo cong chung cccd'];
    for (const q of [...set.queries.map((item) => item.q), ...extra]) {
      const withEnglish = s.search(q);
      const without = plain.search(q);
      expect([q, withEnglish.language ?? 'vi', withEnglish.confidence, withEnglish.hits]).toEqual([
        q,
        'vi',
        without.confidence,
        without.hits,
      ]);
    }
  });

  it('reads only the head of a long English message', () => {
    const long = 'please help me register the birth of my baby '.repeat(400);
    expect(s.analyze(long).words.length).toBeLessThan(80);
    expect(s.search(long).hits[0]?.code).toBe('1.001193');
  });
});
