/**
 * Which language a message is written in, so that someone who writes English is answered in
 * English without having to find the language button. Vietnamese marks decide at once; without
 * them, common English words must clearly outnumber Vietnamese syllables ("dang ky khai sinh" is
 * Vietnamese typed without marks; "birth registration" is English). Words both languages use in
 * chat ("ok", "hi", "hello", "menu") decide nothing: such a message keeps the person's language.
 */
import { boundText } from '../text/bounds';
import { fold } from '../text/fold';
import { isVietnameseSyllable } from '../text/syllable';
import { tokenize } from '../text/tokenize';

export type WrittenLanguage = 'vi' | 'en';

const ENGLISH = new Set(
  (
    'a an the i me my mine you your we our us he she his her they them their it its this that these those ' +
    'is are am was were be been being do does did done have has had having can could will would shall should may might must ' +
    'what when where who whom whose which why how much many long often ' +
    'and or but if then so because about for from with without into onto of off on in at by to up down out over under again ' +
    'not no yes please thanks thank help need needs want wants like get got give make take know tell show find see look ' +
    'apply application applying register registration registering registered certificate certified certify copy copies ' +
    'birth born baby child children son daughter death died dead marriage married marry wife husband single status ' +
    'residence resident residency temporary permanent household address move moving house home land building build permit ' +
    'document documents paper papers form forms fee fees cost costs price pay paid money free charge ' +
    'time day days week weeks month hour hours open opening close closed today tomorrow morning afternoon evening ' +
    'monday tuesday wednesday thursday friday saturday sunday weekend office commune village council people person human ' +
    'staff officer talk speak chat someone somebody anyone real agent support service services online website portal app ' +
    'phone number call contact email where there here check track file filed submit submitted status dossier receipt lost forgot ' +
    'news notification notifications subscribe unsubscribe stop messages message sending send receive result results ' +
    'english vietnamese language switch change cancel quit menu okay fine great good bad useless stupid nobody answer answers ' +
    'weather forecast gold lottery football exchange rate loan buy sell recipe joke allowance funeral benefit insurance health ' +
    'card id identity business poor disabled elderly pension adoption guardian name correction extract'
  ).split(' '),
);

/** Chat words Vietnamese speakers use too: no evidence either way. */
const SHARED = new Set([
  'ok',
  'okay',
  'hi',
  'hello',
  'menu',
  'alo',
  'bye',
  'thanks',
  'admin',
  'ad',
  'online',
  'app',
  'website',
  'email',
  'zalo',
]);

export function detectLanguage(text: string): WrittenLanguage | undefined {
  const bounded = boundText(text);
  const tokens = tokenize(bounded).filter((t) => /\p{L}/u.test(t));
  if (tokens.some((t) => fold(t) !== t && /[\u0080-\uffff]/.test(t))) return 'vi';
  let english = 0;
  let vietnamese = 0;
  for (const t of tokens) {
    if (SHARED.has(t)) continue;
    if (ENGLISH.has(t)) english += 1;
    else if (isVietnameseSyllable(t)) vietnamese += 1;
  }
  if (english === 0) return vietnamese > 0 ? 'vi' : undefined;
  return english > vietnamese ? 'en' : 'vi';
}
