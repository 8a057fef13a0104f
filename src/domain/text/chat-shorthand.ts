/**
 * Chat shorthand and conversational filler in citizens' messages (docs/domain.md §5): "ko", "k",
 * "dc/đc", "bn", "ntn", "ad", "ạ", "e/a/c" … Shorthand is expanded to the full word ("ng" →
 * "người", "bn" → "bao nhiêu"); conversation (particles, pronouns, greetings, question words) is
 * recognised so a search can drop it instead of letting it pull towards a procedure that happens
 * to contain the word.
 *
 * Folding makes filler and content collide ("đang" filler / "đăng" in "đăng ký", "tại" / "tai
 * nạn", "hở" / "hộ"), and some filler words are halves of content words ("bản sao", "nhà ở",
 * "thế chấp"): the caller decides with the phrases it knows. `exact` judges a word without marks
 * as written (for text whose marks are known to be right, like the search vocabulary's).
 */
import { foldWord as fold, hasMarks } from './fold-cache';
import { normalizeTonePlacement } from './syllable';

/** Shorthand (folded key) → full form. Never a folded form of a real content word. */
const SHORTHAND: Record<string, string> = {
  ko: 'không',
  k: 'không',
  kh: 'không',
  hok: 'không',
  hong: 'không',
  hem: 'không',
  khg: 'không',
  kg: 'không',
  dc: 'được',
  dk: 'đăng ký',
  dky: 'đăng ký',
  dki: 'đăng ký',
  bn: 'bao nhiêu',
  bnh: 'bao nhiêu',
  bnhiu: 'bao nhiêu',
  bnhieu: 'bao nhiêu',
  ntn: 'như thế nào',
  ntnao: 'như thế nào',
  j: 'gì',
  z: 'vậy',
  v: 'vậy',
  zay: 'vậy',
  dz: 'vậy',
  r: 'rồi',
  oy: 'rồi',
  cx: 'cũng',
  ns: 'nói',
  bit: 'biết',
  bik: 'biết',
  bjk: 'biết',
  vs: 'với',
  wa: 'qua',
  ng: 'người',
  ngta: 'người ta',
  nc: 'nước',
  nn: 'nước ngoài',
  mk: 'mình',
  mik: 'mình',
  mh: 'mình',
  t: 'tôi',
  tui: 'tôi',
  e: 'em',
  a: 'anh',
  c: 'chị',
  cj: 'chị',
  ad: 'admin',
  add: 'admin',
  ae: 'anh em',
  bh: 'bây giờ',
  bjo: 'bây giờ',
  h: 'giờ',
  trc: 'trước',
  oke: 'ok',
  okie: 'ok',
  okela: 'ok',
  uk: 'ừ',
  uh: 'ừ',
  um: 'ừ',
  thanks: 'cảm ơn',
  thank: 'cảm ơn',
  tks: 'cảm ơn',
  thks: 'cảm ơn',
  ak: 'à',
  ah: 'à',
  nhe: 'nhé',
  nhen: 'nhé',
  hen: 'nhé',
  ik: 'đi',
  lun: 'luôn',
  hum: 'hôm',
  kon: 'con',
  bé: 'con',
  be: 'con',
  bv: 'bệnh viện',
};

/** Conversational words, written with their marks. */
const FILLER_WORDS = `
  à ạ ạh dạ vâng ừ ừm ok ơi ới nhé nha nhá nhỉ hả hở hen
  vậy thế đấy đó nào này kia ấy ư chứ cơ mà
  em anh chị cô chú bác cháu mình tôi tớ bạn admin
  chào xin hi hello alo alô cảm ơn cám
  hỏi muốn cần phải được thì là gì sao đâu ai bao nhiêu lâu
  khi như thế nào đã sẽ đang rồi nữa luôn vẫn cũng chỉ
  giúp vui lòng làm ơn biết nói bây giờ
  với và hay hoặc các những cái của ở tại vào ra lên xuống qua
  không ta người_ta
`
  .trim()
  .split(/\s+/)
  .map((w) => normalizeTonePlacement(w));

const FILLER_EXACT = new Set(FILLER_WORDS);
const FILLER_FOLDED = new Set(FILLER_WORDS.map((w) => fold(w)));

/** Words kept but made "thin": alone they say little ("cho", "làm", "con", "người" …). */
const THIN_WORDS = [
  'cho',
  'có',
  'làm',
  'con',
  'người',
  'nhà',
  'giấy',
  'tiền',
  'phí',
  'việc',
  'xã',
  'đi',
  'về',
  'theo',
  'để',
  'từ',
  'đến',
  'bị',
  'nếu',
  'khác',
  'trong',
  'ngoài',
  'thực',
  'hiện',
  'nộp',
  'xin',
  'cấp',
  'sự',
  'đối',
  'trên',
  'dưới',
].map((w) => normalizeTonePlacement(w));
const THIN_EXACT = new Set(THIN_WORDS);
const THIN_FOLDED = new Set(THIN_WORDS.map((w) => fold(w)));

/** Shorthand expansion of one lower-case token; the token itself when none applies. */
export function expandShorthand(token: string): string {
  // Words with marks are real words, except the "đ" shorthands ("đc", "đk").
  if (hasMarks(token) && !/^đ[a-z]*$/.test(token)) return SHORTHAND[token] ?? token;
  return SHORTHAND[fold(token)] ?? token;
}

/**
 * Whether a lower-case word is conversation rather than content. Typed with marks it is judged
 * exactly ("đang" yes, "đăng" no); typed without any, by its folded form ("dang" yes — it may be
 * "đang"). A search should still keep such a word when it pairs with a neighbour into a phrase it
 * knows ("bản sao", "nhà ở", "đăng ký"), since many filler words are also halves of real words.
 */
export function isFillerWord(word: string, options: { exact?: boolean } = {}): boolean {
  const w = normalizeTonePlacement(word);
  return FILLER_EXACT.has(w) || (!options.exact && !hasMarks(w) && FILLER_FOLDED.has(w));
}

/** Whether a word is kept with little weight ("cho", "làm", "con" …; without marks, by its folded form). */
export function isThin(word: string): boolean {
  const w = normalizeTonePlacement(word);
  return hasMarks(w) ? THIN_EXACT.has(w) : THIN_FOLDED.has(w);
}
