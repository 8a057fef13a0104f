/**
 * Forms in a document row. The portal's "Mẫu đơn, tờ khai" cell is a download link whose file name
 * (often stripped of diacritics: "1.MuCT01banhnhkmtheoThngts53.doc") is glued to the end of the
 * document's name. The file is cut off the name; the form's name is read from the document's own
 * words ("Tờ khai … (mẫu CT01 …)", "Đơn đề nghị (Mẫu số 14-HSB)", "theo Mẫu số 15d"), never from
 * the mangled file name.
 */
import { clean, stripBullet } from './text';
import { captures } from '../domain/text/regex-captures';

const EXTENSION = /\.(?:docx?|pdf|xlsx?|rar|zip)$/iu;

/** A file glued right after the name's closing punctuation: "…TT-BCA).1.MuCT01….doc". */
const GLUED_AFTER_PUNCTUATION = /^(.*?[.;:)”])([^\s.;:)”(][^;”]{0,100}?\.(?:docx?|pdf|xlsx?|rar|zip))$/iu;

/** File names seen glued straight onto a word ("…NĐ-CPMus132.docx", "…con14-HSB.docx"). */
const GLUED_TO_WORD =
  /^(.*?)((?:(?<=\p{Ll})Mẫu[^;.]{0,80}?|Mẫu số \d+\w*|Mus\d+|PC\d+|\d{1,2}[A-Z]?-HSB|Giấy đề nghị|Phụ lục [^;.]{1,40}?|Mau[^;.]{0,80}?|TK\d+-\S+)\.(?:docx?|pdf|xlsx?))$/u;

export interface NameAndFile {
  name: string;
  /** The attached form's file name, when one was glued to the row. */
  file: string | null;
  /** True when a file extension is there but the file could not be cut off cleanly. */
  unseparated: boolean;
}

/** Cuts an attached form file off the end of a row. */
export function splitFormFile(row: string): NameAndFile {
  const text = clean(row);
  if (!EXTENSION.test(text)) return { name: text, file: null, unseparated: false };
  const glued = GLUED_AFTER_PUNCTUATION.exec(text) ?? GLUED_TO_WORD.exec(text);
  if (glued) {
    const [name, file] = captures(glued, 1, 2);
    if (!/\.\s/u.test(file)) return { name: clean(name), file, unseparated: false };
  }
  return { name: text, file: null, unseparated: true };
}

/** "Mẫu số 14-HSB", "Mẫu CT01", "Mẫu số 01a" named in a text. */
const FORM_CODE = /\b[Mm]ẫu(\s+số)?\s+((?:[A-Z]{1,4}\s?)?\d+[a-zA-Z]?(?:\s?[-–]\s?[A-Z]{2,}\d*)?)/u;

/** Documents that are themselves forms to fill in. */
const FORM_NOUN =
  /^(?:Tờ khai|Đơn|Phiếu|Giấy đề nghị|Văn bản đề nghị|Bản khai|Bản kê khai|Danh sách|Bản cam kết|Văn bản cam kết|Giấy khai)/u;

/** Enumerators in front of a row: "a) ", "1. ", "(ii) ", "b. ". */
export function stripEnumerator(text: string): string {
  return text.replace(/^(?:\(?(?:[a-zđ]|\d{1,2}(?:\.\d{1,2})?|[ivx]{1,4})[).]\s*)/u, '').trim();
}

/** The form's code as a short name ("Mẫu số 14-HSB"), or null. */
function formCode(text: string): string | null {
  const match = FORM_CODE.exec(text);
  return match ? `Mẫu${match[1] ? ' số' : ''} ${captures(match, 2)[0].replace(/\s?[-–]\s?/u, '-')}` : null;
}

/** The form a document row names, or null when it names none. */
export function findForm(name: string, hasFile = false): string | null {
  const text = stripEnumerator(stripBullet(name));
  const code = formCode(text);
  if (FORM_NOUN.test(text) && (code || hasFile || /theo mẫu/iu.test(text))) {
    const title = text.split(/\s*(?:\(|;|:| theo [Mm]ẫu| ban hành kèm|, trong đó)/u)[0]!.trim();
    return code && !title.includes(code) ? `${title} (${code})` : title;
  }
  return code;
}
