/**
 * CSV files officers upload (`Content-Type: text/csv`, the file's bytes as the body): read as
 * bytes so that decodeCsv sees the encoding Excel chose (UTF-8 with a BOM, UTF-16), and the
 * `?dryRun=` flag every import takes — true unless `false` is said, so a slip checks, not writes.
 */
import express, { type Request, type Response } from 'express';
import { z } from 'zod';
import { CsvFileError, decodeCsv } from '../domain/csv';
import { sendFieldErrors } from './validation-error';

const CSV_BODY_LIMIT = '10mb';
/** Lines a file may have: an import reads and writes row by row while the web role also answers Zalo. */
export const CSV_MAX_LINES = 20_000;

/** Parses a CSV body into a Buffer; other content types are left alone (and refused by `readCsv`). */
export const csvBody = express.raw({
  type: ['text/csv', 'text/plain', 'application/csv', 'application/vnd.ms-excel'],
  limit: CSV_BODY_LIMIT,
});

export const importQuery = z.strictObject({
  dryRun: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
});

/**
 * The uploaded file read by `parse`; undefined once a 400 naming `body` was sent — no file, not
 * text, or not the file `parse` expects (its CsvFileError says why).
 */
export function readCsv<T>(req: Request, res: Response, parse: (text: string) => T): T | undefined {
  try {
    if (!Buffer.isBuffer(req.body) || req.body.length === 0)
      throw new CsvFileError('send the CSV file as the body, with Content-Type: text/csv');
    const text = decodeCsv(req.body);
    if (lineCount(text) > CSV_MAX_LINES)
      throw new CsvFileError(`at most ${CSV_MAX_LINES.toLocaleString('en')} lines a file: split the export into smaller files`);
    return parse(text);
  } catch (err) {
    if (!(err instanceof CsvFileError)) throw err;
    sendFieldErrors(res, { body: err.message });
    return undefined;
  }
}

/** Counted without splitting: a 10 MB upload must not be copied line by line just to be refused. */
function lineCount(text: string): number {
  let lines = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines += 1;
  return lines;
}
