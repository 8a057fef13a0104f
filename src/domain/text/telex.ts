/**
 * Repairs Telex and VNI leftovers — what a phone keyboard leaves when its Vietnamese input method
 * is off: "ddawng kys" (Telex) or "d9a8ng ky1" (VNI) for "đăng ký". A token is rewritten only when
 * it is clearly such a leftover: it is not already a Vietnamese syllable ("tu", "khai", "sinh"
 * stay), it carries marks of neither kind ("tư" stays), and the rewrite is a valid syllable. In a
 * query that looks foreign (more unknown words than Vietnamese ones: "how to register") nothing is
 * touched, and a few English words that happen to look like Telex are never touched.
 */
import { composeSyllable, isValidBase, isVietnameseSyllable, type Tone } from './syllable';

const TELEX_TONES: Record<string, Tone> = { s: 'sac', f: 'huyen', r: 'hoi', x: 'nga', j: 'nang', z: 'ngang' };
const VNI_TONES: Record<string, Tone> = { '1': 'sac', '2': 'huyen', '3': 'hoi', '4': 'nga', '5': 'nang', '0': 'ngang' };

/** English words that a Telex reading would turn into a syllable ("has" → "há"): never rewritten. */
const ENGLISH_LOOKALIKES = new Set(
  (
    'as is us has was his this bus gas max mix box tax fox sex yes miss less kiss boss loss pass ' +
    'how now low row bow cow tow show new few law saw raw ok its hers yours ours ex'
  ).split(' '),
);

const VOWEL = /[aeiouy]/;

export interface TelexReading {
  /** The syllable with its marks, e.g. "đăng". */
  text: string;
  /**
   * strong: a doubled letter, "w" or a VNI digit marked it (dd, aa, aw, uw, a6, d9 …);
   * weak: only a trailing tone letter did ("kys"), which English words can look like.
   */
  evidence: 'strong' | 'weak';
}

/** The Telex reading of one ASCII token, or null when it has none. */
export function readTelex(token: string): TelexReading | null {
  if (!/^[a-z]+$/.test(token) || ENGLISH_LOOKALIKES.has(token)) return null;
  let strong = false;
  let s = token;
  if (s.startsWith('dd')) {
    s = `đ${s.slice(2)}`;
    strong = true;
  }
  const firstVowel = s.search(VOWEL);
  const wIdx = s.indexOf('w');
  const nucleusStart = firstVowel < 0 ? wIdx : wIdx < 0 ? firstVowel : Math.min(firstVowel, wIdx);
  if (nucleusStart < 0) return null;
  // Tone letters after the start of the nucleus (they never belong to a Vietnamese rhyme).
  let tone: Tone = 'ngang';
  let toneSeen = false;
  let rest = '';
  for (const ch of s.slice(nucleusStart)) {
    const t = TELEX_TONES[ch];
    if (t !== undefined) {
      tone = t;
      toneSeen = true;
    } else rest += ch;
  }
  let body = s.slice(0, nucleusStart) + rest;
  // Vowel modifiers.
  const before = body;
  body = body.replace(/aa/g, 'â').replace(/ee/g, 'ê').replace(/oo/g, 'ô');
  body = body
    .replace(/uwow|uow|uwo/g, 'ươ')
    .replace(/aw/g, 'ă')
    .replace(/ow/g, 'ơ')
    .replace(/uw/g, 'ư');
  if (body.includes('w')) {
    // A "w" typed at the end ("ddangw") modifies the vowel before it; alone it is "ư" ("nhw").
    const w = body.indexOf('w');
    const head = body.slice(0, w) + body.slice(w + 1);
    if (/uo/.test(head)) body = head.replace('uo', 'ươ');
    else if (/a/.test(head)) body = head.replace('a', 'ă');
    else if (/o/.test(head)) body = head.replace('o', 'ơ');
    else if (/u/.test(head)) body = head.replace('u', 'ư');
    else body = `${body.slice(0, w)}ư${body.slice(w + 1)}`;
  }
  if (body !== before) strong = true;
  if (!strong && !toneSeen) return null;
  if (body.includes('w') || !isValidBase(body)) return null;
  return { text: composeSyllable(body, tone), evidence: strong ? 'strong' : 'weak' };
}

/** The VNI reading of one token of letters and digits ("d9a8ng", "ky1"), or null. */
export function readVni(token: string): TelexReading | null {
  if (!/^[a-z][a-z0-9]*$/.test(token) || !/\d/.test(token)) return null;
  let tone: Tone = 'ngang';
  let body = '';
  for (let i = 0; i < token.length; i++) {
    const ch = token[i]!;
    const prev = body[body.length - 1] ?? '';
    if (ch === '9' && prev === 'd') body = `${body.slice(0, -1)}đ`;
    else if (ch === '6' && /[aeo]/.test(prev)) body = body.slice(0, -1) + ({ a: 'â', e: 'ê', o: 'ô' } as Record<string, string>)[prev]!;
    else if (ch === '8' && prev === 'a') body = `${body.slice(0, -1)}ă`;
    else if (ch === '7' && /[ou]/.test(prev)) {
      body = body.slice(0, -1) + (prev === 'o' ? 'ơ' : 'ư');
      body = body.replace(/uơ$/, 'ươ').replace(/ưo$/, 'ươ');
    } else if (VNI_TONES[ch] !== undefined && VOWEL.test(body.normalize('NFD'))) tone = VNI_TONES[ch]!;
    else if (/\d/.test(ch)) return null;
    else body += ch;
  }
  body = body.replace(/uơ/g, 'ươ');
  if (!isValidBase(body)) return null;
  return { text: composeSyllable(body, tone), evidence: 'strong' };
}

/**
 * Repairs the Telex/VNI leftovers among lower-case tokens and returns the new list (same length).
 * Tokens that are real syllables, carry marks, or are codes and numbers are returned unchanged.
 * `isProtected` (e.g. known abbreviations: "bhyt", "kt3") tokens are never rewritten and count as
 * Vietnamese.
 */
export function repairTelex(tokens: readonly string[], isProtected?: (token: string) => boolean): string[] {
  const readings: Array<TelexReading | null> = [];
  let vietnamese = 0;
  let foreign = 0;
  for (const token of tokens) {
    if (isProtected?.(token)) {
      vietnamese++;
      readings.push(null);
      continue;
    }
    if (/^\d[\d.,]*$/.test(token)) {
      readings.push(null);
      continue;
    }
    if (isVietnameseSyllable(token)) {
      vietnamese++;
      readings.push(null);
      continue;
    }
    const reading = readTelex(token) ?? readVni(token);
    readings.push(reading);
    if (reading) vietnamese++;
    else if (/^[a-z]{2,}$/.test(token)) foreign++;
  }
  const candidates = readings.filter((r): r is TelexReading => r !== null);
  if (candidates.length === 0 || foreign >= vietnamese) return [...tokens];
  return tokens.map((token, i) => readings[i]?.text ?? token);
}
