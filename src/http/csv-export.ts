/**
 * CSV files the API hands out (officers open them in a spreadsheet): RFC 4180 quoting, CRLF,
 * a BOM so Excel reads UTF-8, and no live formulas. A cell a citizen could have typed that starts
 * with = + - @, a tab or a carriage return would run as a formula (=HYPERLINK(…) leaking the sheet);
 * it is prefixed with an apostrophe, as OWASP's "CSV Injection" page recommends, so it shows as text.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | undefined | null): string {
  const text = value === undefined || value === null ? '' : String(value);
  const inert = FORMULA_START.test(text) ? `'${text}` : text;
  return `"${inert.replace(/"/g, '""')}"`;
}

/** The whole file: header and rows, each row's cells made safe here. */
export function csvDocument(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number | undefined | null>>): string {
  const lines = [header.join(','), ...rows.map((row) => row.map(csvCell).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
