/**
 * Reading CSV files as officers' tools write them: the bytes' encoding, the separator, and the
 * records (RFC 4180, leniently). Shared by the admin imports (dossiers, followers, teams); what a
 * header's columns mean is csv-columns.ts.
 *
 * What a file looks like in practice: Excel-made, UTF-8 with a BOM (or UTF-16 "Unicode text"),
 * ";" as separator on Vietnamese-locale machines, quoted fields with separators and line breaks.
 */

export class CsvFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CsvFileError';
  }
}

export type CsvSeparator = ',' | ';';

/**
 * Bytes → text: UTF-8 with or without BOM, or UTF-16 with its BOM (Excel's "Unicode text").
 * Bytes that are not UTF-8 (a Windows-1258 export) are refused rather than imported as mojibake.
 */
export function decodeCsv(bytes: Uint8Array): string {
  try {
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le', { fatal: true }).decode(bytes.subarray(2));
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be', { fatal: true }).decode(bytes.subarray(2));
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new CsvFileError('the file is not UTF-8 text: save it again as "CSV UTF-8 (Comma delimited)"');
  }
}

/**
 * The file's separator: the one named by the "sep=;" first line Excel writes when asked to (that
 * line is not part of the `body`), else the one `score` rates higher ("," on a tie).
 */
export function detectSeparator(text: string, score: (separator: CsvSeparator) => number): { separator: CsvSeparator; body: string } {
  const directive = /^sep=([,;])\r?\n/i.exec(text);
  if (directive) return { separator: directive[1] as CsvSeparator, body: text.slice(directive[0].length) };
  return { separator: score(';') > score(',') ? ';' : ',', body: text };
}

export interface CsvRecord {
  /** 1-based line on which the record starts (a quoted field may span lines). */
  line: number;
  fields: string[];
  /** Set when the record is broken beyond repair (an unterminated quote). */
  error?: string;
}

/**
 * RFC 4180 with the leniency real exports need: CRLF or LF, quoted fields with the separator,
 * doubled quotes and line breaks; a quote inside an unquoted field is taken literally; unquoted
 * fields are trimmed. An unterminated quote swallows the rest of the file and is reported.
 */
export function parseCsv(text: string, separator: CsvSeparator): CsvRecord[] {
  const records: CsvRecord[] = [];
  let line = 1;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const start = line;
    const fields: string[] = [];
    let error: string | undefined;
    for (;;) {
      let field = '';
      // `a, "b, c"`: spaces before an opening quote are not part of the field.
      let j = i;
      while (text[j] === ' ' || text[j] === '\t') j++;
      if (text[j] === '"') i = j;
      if (text[i] === '"') {
        i++;
        let closed = false;
        while (i < n) {
          const c = text.charAt(i);
          if (c === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            closed = true;
            break;
          }
          if (c === '\n') line++;
          field += c;
          i++;
        }
        if (!closed) error = `a quoted field opened on line ${start} is never closed; lines ${start}–${line} were not read`;
        // Text between the closing quote and the next separator ("abc" def) is kept, not lost.
        while (i < n && text[i] !== separator && text[i] !== '\n' && text[i] !== '\r') field += text[i++];
        fields.push(field.trimEnd());
      } else {
        while (i < n && text[i] !== separator && text[i] !== '\n' && text[i] !== '\r') field += text[i++];
        fields.push(field.trim());
      }
      if (i < n && text[i] === separator) {
        i++;
        continue;
      }
      break;
    }
    if (text[i] === '\r') i++;
    if (text[i] === '\n') {
      i++;
      line++;
    }
    records.push(error ? { line: start, fields, error } : { line: start, fields });
  }
  return records;
}

/** Bad rows a report lists, the first by line; the rest are counted (a broken export can make thousands). */
export const BAD_ROWS_SHOWN = 200;

export function badRowsOf<T extends { line: number }>(bad: readonly T[]): { bad: T[]; badCount: number } {
  return { bad: [...bad].sort((a, b) => a.line - b.line).slice(0, BAD_ROWS_SHOWN), badCount: bad.length };
}
