/** Reading CSV files; a whole Excel-made export, read end to end, is in dossiers/dossier-csv.test.ts. */
import { decodeCsv } from '../../src/domain/csv';

describe('CSV bytes', () => {
  it('a file that is not UTF-8 (a Windows-1258 export) is refused', () => {
    expect(() => decodeCsv(Buffer.from([0x4d, 0xe3, 0x20, 0x68, 0xf4, 0x20, 0x73, 0xa1]))).toThrow(/not UTF-8/);
  });
});
