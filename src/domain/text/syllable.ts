/**
 * The structure of one written Vietnamese syllable: onset + rhyme + tone. Used to tell whether a
 * typed token is a real syllable (so Telex/VNI repair never touches real words), to place a tone
 * mark on the right vowel, and to build a tone key that does not depend on where a writer put the
 * mark ("hòa" and "hoà" are the same syllable).
 */

/** The five tone marks (NFD combining characters); ngang (level) has none. */
const TONE_MARKS = {
  sac: '\u0301',
  huyen: '\u0300',
  hoi: '\u0309',
  nga: '\u0303',
  nang: '\u0323',
} as const;

export type Tone = 'ngang' | keyof typeof TONE_MARKS;

const TONE_BY_MARK = new Map<string, Tone>(Object.entries(TONE_MARKS).map(([tone, mark]) => [mark, tone as Tone]));

/** A digit per tone, used in tone keys: ngang 0, sắc 1, huyền 2, hỏi 3, ngã 4, nặng 5 (as VNI). */
const TONE_DIGIT: Record<Tone, string> = { ngang: '0', sac: '1', huyen: '2', hoi: '3', nga: '4', nang: '5' };

/** Onsets, longest first so "ngh" is tried before "ng" and "n". */
const ONSETS = [
  'ngh',
  'ng',
  'nh',
  'ch',
  'gh',
  'gi',
  'kh',
  'ph',
  'qu',
  'th',
  'tr',
  'b',
  'c',
  'd',
  'đ',
  'g',
  'h',
  'k',
  'l',
  'm',
  'n',
  'p',
  'r',
  's',
  't',
  'v',
  'x',
  '',
];

/** Every rhyme of standard Vietnamese spelling, without tone, with the vowel modifiers. */
const RHYMES = `
a ac ach ai am an ang anh ao ap at au ay
ăc ăm ăn ăng ăp ăt
âc âm ân âng âp ât âu ây
e ec em en eng eo ep et
ê êch êm ên ênh êp êt êu
i ia ich im in inh ip it iu
iêc iêm iên iêng iêp iêt iêu
o oc oi om on ong op ot ooc oong
oa oac oach oai oam oan oang oanh oao oap oat oay
oăc oăm oăn oăng oăt
oe oen oeo oet
ô ôc ôi ôm ôn ông ôp ôt
ơ ơi ơm ơn ơp ơt
u ua uc ui um un ung up ut uy
uân uâng uât uây
uê uêch uênh
uôc uôi uôm uôn uông uôt
uơ
uya uych uyn uynh uyp uyt uyu
uyên uyêt
ư ưa ưc ưi ưm ưn ưng ưt ưu
ươc ươi ươm ươn ương ươp ươt ươu
y yêm yên yêng yêt yêu
`
  .trim()
  .split(/\s+/);

const RHYME_SET = new Set(RHYMES);
/** The same rhymes with the vowel modifiers dropped, for text typed without any marks. */
const FOLDED_RHYME_SET = new Set(RHYMES.map((r) => stripAllMarks(r)));

const VOWELS = new Set([...'aăâeêioôơuưy']);
const MODIFIED_VOWELS = new Set([...'ăâêôơư']);

function stripAllMarks(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .normalize('NFC');
}

export interface SplitSyllable {
  /** NFC, lower case, without tone mark but with â ă ê ô ơ ư đ. */
  base: string;
  tone: Tone;
}

/** Separates the tone from a (lower-case) syllable: "ký" → { base: "ky", tone: "sac" }. */
export function splitTone(syllable: string): SplitSyllable {
  let tone: Tone = 'ngang';
  let base = '';
  for (const ch of syllable.normalize('NFD')) {
    const t = TONE_BY_MARK.get(ch);
    if (t) tone = t;
    else base += ch;
  }
  return { base: base.normalize('NFC'), tone };
}

interface Parsed {
  onset: string;
  rhyme: string;
}

function parse(base: string, rhymes: Set<string>): Parsed | null {
  for (const onset of ONSETS) {
    if (!base.startsWith(onset)) continue;
    const rhyme = base.slice(onset.length);
    if (rhymes.has(rhyme)) return { onset, rhyme };
  }
  return null;
}

/**
 * Whether a lower-case token is one written Vietnamese syllable: with marks ("đăng", "ký") it
 * must be spelt with them correctly; without any mark ("dang", "ky") the folded spelling counts.
 */
export function isVietnameseSyllable(token: string): boolean {
  if (!/^\p{L}+$/u.test(token)) return false;
  const { base } = splitTone(token.normalize('NFC').toLowerCase());
  if (base === stripAllMarks(base)) return parse(base, FOLDED_RHYME_SET) !== null;
  return parse(base, RHYME_SET) !== null;
}

/** Whether a toneless base with modifiers ("đăng", "ky", "quyêt") is a valid syllable. */
export function isValidBase(base: string): boolean {
  return parse(base, RHYME_SET) !== null;
}

/**
 * Index (in the base string) of the vowel that carries the tone mark, by the traditional rule the
 * national catalogue uses ("hòa", "thủy"): a modified vowel first (the last one: "ươ" → ơ); else,
 * with a final consonant, the last vowel; else the middle of three vowels or the first of two.
 */
function toneVowelIndex(base: string): number {
  const parsed = parse(base, RHYME_SET) ?? parse(base, FOLDED_RHYME_SET);
  const start = parsed ? parsed.onset.length : 0;
  const chars = [...base];
  const vowelIdx: number[] = [];
  for (let i = start; i < chars.length; i++) {
    if (VOWELS.has(chars[i]!)) vowelIdx.push(i);
    else if (vowelIdx.length > 0) break;
  }
  if (vowelIdx.length === 0) {
    // "gi", "gìn": the i belongs to the onset spelling but carries the tone.
    for (let i = 0; i < chars.length; i++) if (VOWELS.has(chars[i]!)) return i;
    return -1;
  }
  const modified = vowelIdx.filter((i) => MODIFIED_VOWELS.has(chars[i]!));
  if (modified.length > 0) return modified[modified.length - 1]!;
  const last = vowelIdx[vowelIdx.length - 1]!;
  const hasFinal = last + 1 < chars.length;
  if (hasFinal) return last;
  if (vowelIdx.length >= 3) return vowelIdx[1]!;
  return vowelIdx[0]!;
}

/** Writes a syllable with its tone mark on the right vowel: ("đăng", "ngang") → "đăng", ("ky", "sac") → "ký". */
export function composeSyllable(base: string, tone: Tone): string {
  if (tone === 'ngang') return base.normalize('NFC');
  const idx = toneVowelIndex(base);
  if (idx < 0) return base.normalize('NFC');
  const chars = [...base.normalize('NFC')];
  chars[idx] = (chars[idx]! + TONE_MARKS[tone]).normalize('NFC');
  return chars.join('').normalize('NFC');
}

/** Places the tone mark of a syllable by the one rule above: "hoà" → "hòa", "thuỷ" → "thủy". */
export function normalizeTonePlacement(syllable: string): string {
  const { base, tone } = splitTone(syllable);
  return composeSyllable(base, tone);
}

/**
 * The two spellings of final i/y after a consonant ("ký"/"kí", "lý"/"lí", "quy"/"qui") become one:
 * y → i. "uy" after a consonant ("huy", "thủy") is a different rhyme and is kept.
 */
export function unifyIY(base: string): string {
  const m = /^(b|c|ch|d|đ|g|gh|h|k|kh|l|m|n|nh|ng|ngh|p|ph|qu|r|s|t|th|tr|v|x)y$/.exec(base);
  return m ? `${m[1]}i` : base;
}

/**
 * A key for the marked form of a syllable that ignores where the tone mark sits and the i/y
 * spelling: "hòa" and "hoà" → "hoa2", "ký" and "kí" → "ki1", "đăng" → "đăng0".
 */
export function toneKey(syllable: string): string {
  const { base, tone } = splitTone(syllable.normalize('NFC').toLowerCase());
  return `${unifyIY(base)}${TONE_DIGIT[tone]}`;
}
