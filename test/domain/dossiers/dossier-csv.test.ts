/**
 * The one-stop export import: a realistic Excel-made CSV (BOM, CRLF, Vietnamese headers, quoted
 * fields with commas, doubled quotes and a line break, dd/mm/yyyy dates, names and addresses we
 * must not keep, a footer), bad rows reported with line numbers, and the CLI end to end. The fields
 * themselves: dossier-fields.test.ts; the CSV reading: test/domain/csv.test.ts.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from 'redis';
import { CsvFileError, decodeCsv } from '../../../src/domain/csv';
import { parseDossierCsv, type ParsedDossierCsv } from '../../../src/domain/dossiers/dossier-csv';
import { DossierStore } from '../../../src/domain/dossiers/dossier-store';
import { createKeys } from '../../../src/store/keys';
import { deleteKeys, uniquePrefix } from '../../helpers';
import { toolEnv } from '../../tools/tool-harness';

const ROOT = join(__dirname, '../../..');
const NOW = new Date('2024-05-20T03:00:00Z');

/** Lines are numbered as an editor shows them; record 5's address spans lines 6–7. */
const EXPORT_LINES = [
  /* 1 */ 'STT,Mã hồ sơ,Mã thủ tục,Tên thủ tục,Họ tên người nộp,Địa chỉ,Ngày tiếp nhận,Ngày hẹn trả,Ngày trả kết quả,Trạng thái,Số điện thoại,Số CCCD',
  /* 2 */ '1,000.00.20.H47-240501-0001,1.001193,Đăng ký khai sinh,Nguyễn Văn An,"Thôn Phương Nghệ, xã Xuân Phú",01/05/2024 08:30,01/05/2024 16:00,01/05/2024 15:10,10,0912345678,049123456789',
  /* 3 */ '2,000.00.20.H47-240502-0002,2.000815,"Chứng thực bản sao từ bản chính giấy tờ, văn bản",Trần Thị Bình,"Thôn Đồng Tràm Tây, xã Xuân Phú",02/05/2024 09:00,02/05/2024,,9,"0905 111 222",',
  /* 4 */ '3,000.00.20.H47-240503-0003,1.004222,Đăng ký thường trú,"Lê Văn ""Ba"" Cường",Thôn Hương Quế Đông,03/05/2024 10:15,10/05/2024,,Đang xử lý,,049087654321',
  /* 5 */ '4,000.00.20.H47-240503-0004,1.000656,Đăng ký khai tử,Phạm Thị Dung,Thôn Phương Nghệ,03/05/2024 14:00,06/05/2024 17:00,,Yêu cầu bổ sung giấy tờ,+84 935 000 111,',
  /* 6 */ '5,000.00.20.H47-240504-0005,2.000884,Chứng thực chữ ký,Võ Văn Em,"Tổ 3',
  /* 7 */ 'thôn Phương Nghệ",04/05/2024 07:45,04/05/2024 11:00,,2,0977888999,',
  /* 8 */ '6,000.00.20.H47-240504-0006,1.001193,Đăng ký khai sinh,Hồ Thị Giang,Thôn Đồng Tràm Tây,04/05/2024 09:20,04/05/2024 16:00,,releasing,0966111222,',
  /* 9 */ '7,000.00.20.H47-240505-0007,1.004222,Đăng ký thường trú,Đặng Văn Hải,Thôn Hương Quế Đông,05/05/2024 08:00,31/02/2024,,4,0911222333,',
  /* 10 */ '8,000.00.20.H47-240505-0008,2.000815,Chứng thực bản sao,Bùi Thị Lan,Thôn Phương Nghệ,05/05/2024 08:10,05/05/2024 16:00,,2,,',
  /* 11 */ '9,000.00.20.H47-240505-0009,khai sinh,Đăng ký khai sinh,Ngô Văn Minh,Thôn Đồng Tràm Tây,05/05/2024 09:00,05/05/2024 16:00,,17,0988777666,',
  /* 12 */ '10,000.00.20.H47-240506-0010,1.004222,Đăng ký thường trú,Lý Thị Nga,Thôn Phương Nghệ,2024-05-06T08:00:00+07:00,2024-05-13,,needs_payment,0944555666,',
  /* 13 */ '11,,1.001193,Đăng ký khai sinh,Mai Văn Ơn,Thôn Phương Nghệ,06/05/2024 10:00,06/05/2024 16:00,,2,0933444555,',
  /* 14 */ '12,000.00.20.h47 - 240507 - 0012,2.000884,Chứng thực chữ ký,Trương Thị Phúc,Thôn Hương Quế Đông,07/05/2024 08:05,07/05/2024 11:00,,cancelled,,049111222333',
  /* 15 */ '13,000.00.20.H47-240501-0001,1.001193,Đăng ký khai sinh,Nguyễn Văn An,Thôn Phương Nghệ,01/05/2024 08:30,01/05/2024 16:00,,10,0912345678,',
  /* 16 */ '14,000.00.20.H47-240508-0014,1.004222,Đăng ký thường trú,Đỗ Văn Quang,Thôn Đồng Tràm Tây,08/05/2024 09:30,15/05/2024,,3,912000333,',
  /* 17 */ '15,000.00.20.H47-240508-0015,1.001193.000.00.00.H47,Đăng ký khai sinh,Châu Thị Sen,Thôn Phương Nghệ,08/05/2024 14:20,09/05/2024,,01,*******4455,',
  /* 18 */ '',
  /* 19 */ '"Tổng cộng: 15 hồ sơ",,,,,,,,,,,',
];
const EXPORT = `\uFEFF${EXPORT_LINES.join('\r\n')}\r\n`;
const FULL_NUMBERS = [
  '0912345678',
  '049123456789',
  '0905111222',
  '049087654321',
  '84935000111',
  '0977888999',
  '0966111222',
  '0944555666',
  '049111222333',
  '912000333',
];

function parse(text = EXPORT): ParsedDossierCsv {
  return parseDossierCsv(decodeCsv(Buffer.from(text, 'utf8')), { now: NOW });
}

function badLine(parsed: ParsedDossierCsv, line: number) {
  return parsed.bad.find((b) => b.line === line);
}

describe('parsing a one-stop export', () => {
  const parsed = parse();

  it('reads the valid rows and refuses the bad ones, each with its line number', () => {
    expect(parsed.separator).toBe(',');
    expect(parsed.headerLine).toBe(1);
    expect(parsed.rows.map((r) => r.line)).toEqual([2, 3, 4, 5, 6, 8, 12, 14, 16, 17]);
    expect(parsed.bad.map((b) => b.line).sort((a, b) => a - b)).toEqual([9, 10, 11, 13, 15, 19]);
  });

  it('maps Vietnamese headers and ignores (never stores) names and addresses', () => {
    expect(parsed.columns.map((c) => c.field)).toEqual([
      'code',
      'procedureCode',
      'receivedAt',
      'dueAt',
      'finishedAt',
      'status',
      'phone',
      'idNumber',
    ]);
    expect(parsed.ignoredColumns).toEqual(['STT', 'Tên thủ tục', 'Họ tên người nộp', 'Địa chỉ']);
    const stored = JSON.stringify(parsed.rows);
    for (const word of ['Nguyễn', 'Phương Nghệ', 'Chứng thực']) expect(stored).not.toContain(word);
  });

  it('turns dates into instants at +07:00; a due date without a time is the end of that day', () => {
    const first = parsed.rows[0]!.dossier;
    expect(first).toEqual({
      code: '000.00.20.H47-240501-0001',
      procedureCode: '1.001193',
      status: 10,
      receivedAt: '2024-05-01T08:30:00+07:00',
      dueAt: '2024-05-01T16:00:00+07:00',
      finishedAt: '2024-05-01T15:10:00+07:00',
      applicantPhoneLast4: '5678',
      applicantIdLast4: '6789',
      updatedAt: '2024-05-20T10:00:00+07:00',
    });
    const second = parsed.rows[1]!.dossier;
    expect(second.dueAt).toBe('2024-05-02T23:59:59+07:00');
    expect(second.finishedAt).toBeUndefined();
    expect(parsed.rows.find((r) => r.line === 12)!.dossier).toMatchObject({
      receivedAt: '2024-05-06T08:00:00+07:00',
      dueAt: '2024-05-13T23:59:59+07:00',
    });
  });

  it('keeps only the last 4 digits of phone and ID numbers, whatever their shape', () => {
    const byLine = new Map(parsed.rows.map((r) => [r.line, r.dossier]));
    expect(byLine.get(3)).toMatchObject({ applicantPhoneLast4: '1222' });
    expect(byLine.get(3)!.applicantIdLast4).toBeUndefined();
    expect(byLine.get(4)).toMatchObject({ applicantIdLast4: '4321' });
    expect(byLine.get(5)).toMatchObject({ applicantPhoneLast4: '0111' });
    expect(byLine.get(16)).toMatchObject({ applicantPhoneLast4: '0333' });
    expect(byLine.get(17)).toMatchObject({ applicantPhoneLast4: '4455' });
    const everything = JSON.stringify(parsed);
    for (const number of FULL_NUMBERS) expect(everything).not.toContain(number);
  });

  it("reads statuses as codes, portal labels or other systems' words", () => {
    const statusOf = (line: number) => parsed.rows.find((r) => r.line === line)!.dossier.status;
    expect([2, 3, 4, 5, 6, 8, 12, 14, 16, 17].map(statusOf)).toEqual([10, 9, 4, 5, 2, 9, 6, 7, 3, 1]);
  });

  it('is lenient about the code and the long procedure code', () => {
    expect(parsed.rows.find((r) => r.line === 14)!.dossier.code).toBe('000.00.20.H47-240507-0012');
    expect(parsed.rows.find((r) => r.line === 17)!.dossier.procedureCode).toBe('1.001193');
  });

  it('says which fields are at fault, by their header in the file', () => {
    expect(badLine(parsed, 9)).toEqual({
      line: 9,
      code: '000.00.20.H47-240505-0007',
      problems: [{ field: 'dueAt', column: 'Ngày hẹn trả', message: expect.stringMatching(/"31\/02\/2024" is not a date/) }],
    });
    expect(badLine(parsed, 10)!.problems).toEqual([
      { field: 'row', column: 'Số điện thoại, Số CCCD', message: expect.stringMatching(/nobody could unlock/) },
    ]);
    expect(badLine(parsed, 11)!.problems.map((p) => [p.field, p.column])).toEqual([
      ['procedureCode', 'Mã thủ tục'],
      ['status', 'Trạng thái'],
    ]);
    expect(badLine(parsed, 13)!.problems).toEqual([{ field: 'code', column: 'Mã hồ sơ', message: 'missing' }]);
    expect(badLine(parsed, 15)!.problems[0]!.message).toMatch(/already on line 2/);
    expect(badLine(parsed, 19)!.problems.map((p) => p.field)).toEqual(
      expect.arrayContaining(['code', 'procedureCode', 'receivedAt', 'dueAt', 'status']),
    );
  });
});

describe('other export shapes', () => {
  it('";" separator, no BOM, headers without diacritics in any case, title lines above the header', () => {
    const text = [
      'DANH SÁCH HỒ SƠ TIẾP NHẬN;;;;;;',
      'Từ ngày 01/05/2024 đến ngày 31/05/2024;;;;;;',
      'ma ho so;MA THU TUC;ngay tiep nhan (dd/mm/yyyy);Ngay hen tra;Ngay hoan thanh;TRANG THAI;so dinh danh',
      '000.00.20.H47-240510-0001;1.001193;"10/05/2024 8:05";11/05/2024;11/05/2024 09:00;Da tra ket qua;"049 123 456 789"',
      '000.00.20.H47-240510-0002;2.000815;10/05/2024;10/05/2024;;submitted;0491;extra;values',
    ].join('\n');
    const parsed = parse(text);
    expect(parsed.separator).toBe(';');
    expect(parsed.headerLine).toBe(3);
    expect(parsed.rows).toHaveLength(1);
    expect(parsed.rows[0]!.dossier).toMatchObject({
      status: 10,
      applicantIdLast4: '6789',
      receivedAt: '2024-05-10T08:05:00+07:00',
      finishedAt: '2024-05-11T09:00:00+07:00',
    });
    expect(parsed.bad).toEqual([
      {
        line: 5,
        code: '000.00.20.H47-240510-0002',
        problems: [{ field: 'row', message: expect.stringMatching(/9 fields but the header has 7/) }],
      },
    ]);
  });

  it('English headers, Excel\'s "sep=" line, UTF-16 with its BOM', () => {
    const text =
      'sep=,\r\ncode,procedure,received,due,finished,status,phone,ID number\r\nHS-2024-000123,1.001193,2024-05-01,2024-05-03,,processing,0912345678,\r\n';
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const parsed = parseDossierCsv(decodeCsv(utf16), { now: NOW });
    expect(parsed.rows.map((r) => [r.line, r.dossier.code, r.dossier.status])).toEqual([[3, 'HS-2024-000123', 4]]);
  });

  it('spaces after the separator, before a quoted field', () => {
    const text =
      'Mã hồ sơ, Mã thủ tục, Ngày tiếp nhận, Ngày hẹn trả, Trạng thái, Số điện thoại\nAB.CD.EF-240501-0001, 1.001193, "01/05/2024, 08:30", 02/05/2024, 2, "0912 345 678"\n';
    expect(parse(text).rows.map((r) => [r.dossier.receivedAt, r.dossier.applicantPhoneLast4])).toEqual([
      ['2024-05-01T08:30:00+07:00', '5678'],
    ]);
  });

  it('an unterminated quote is a bad row, not a crash', () => {
    const text =
      'Mã hồ sơ,Mã thủ tục,Ngày tiếp nhận,Ngày hẹn trả,Trạng thái,Số điện thoại\nA1.B2.C3-240501-0001,1.001193,01/05/2024,02/05/2024,2,0912345678\nA1.B2.C3-240501-0002,1.001193,"01/05/2024,02/05/2024,2,0912345678\nA1.B2.C3-240501-0003,1.001193,01/05/2024,02/05/2024,2,0912345678\n';
    const parsed = parse(text);
    expect(parsed.rows.map((r) => r.line)).toEqual([2]);
    expect(parsed.bad).toEqual([
      { line: 3, problems: [{ field: 'row', message: expect.stringMatching(/never closed; lines 3–5 were not read/) }] },
    ]);
  });

  it('a file that is not a dossier export is refused as a whole, saying what is missing', () => {
    expect(() => parse('Họ tên,Địa chỉ\nNguyễn Văn An,Phương Nghệ\n')).toThrow(CsvFileError);
    expect(() => parse('Mã hồ sơ,Mã thủ tục,Ngày tiếp nhận,Ngày hẹn trả,Trạng thái\nX,1.001193,01/05/2024,02/05/2024,2\n')).toThrow(
      /lacks "so dien thoai" \(phone or ID number\)/,
    );
  });
});

describe('npm run dossiers:import (end to end, real Redis)', () => {
  const prefix = uniquePrefix('csv');
  const dir = mkdtempSync(join(tmpdir(), 'dossiers-'));
  const env = toolEnv(prefix);
  const redis = createClient({ url: env.REDIS_URL });
  const store = new DossierStore(redis, createKeys(prefix));

  beforeAll(() => redis.connect());
  afterAll(async () => {
    await redis.close();
    await deleteKeys(prefix);
  });

  function runCli(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['--require', 'tsx/cjs', join(ROOT, 'src/tools/import-dossiers.ts'), ...args], {
        cwd: ROOT,
        env: { ...process.env, ...env },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
  }

  it('imports the valid rows, reports the bad ones, and exits 0', async () => {
    const file = join(dir, 'export.csv');
    writeFileSync(file, EXPORT);
    const run = await runCli(file);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/imported: 10 \(new 10, updated 0, unchanged 0\)/);
    expect(run.stdout).toMatch(/bad rows: 6/);
    expect(run.stdout).toMatch(/line 9 \(000\.00\.20\.H47-240505-0007\): Ngày hẹn trả: "31\/02\/2024" is not a date/);
    expect(run.stdout).toMatch(/line 13: Mã hồ sơ: missing/);
    expect(run.stdout).toMatch(/columns ignored \(not stored\): STT, Tên thủ tục, Họ tên người nộp, Địa chỉ/);
    for (const number of FULL_NUMBERS) expect(run.stdout).not.toContain(number);

    const found = await store.find('000.00.20.H47-240501-0001');
    expect(found).toMatchObject({ status: 'found', dossier: { status: 10, applicantPhoneLast4: '5678', applicantIdLast4: '6789' } });
    const raw = await redis.get(createKeys(prefix).dossier('000.00.20.H47-240501-0001'));
    for (const number of FULL_NUMBERS) expect(raw).not.toContain(number);
    expect(await store.find('000.00.20.H47-240505-0007')).toEqual({ status: 'not_found' });
  });

  it('a second run: unchanged rows, a status change, and the missing-document list kept while the status holds', async () => {
    const code = '000.00.20.H47-240503-0004';
    const before = await store.find(code);
    if (before.status !== 'found') throw new Error('expected the dossier from the first run');
    await store.put({ ...before.dossier, missingDocuments: ['Giấy chứng tử bản chính'] });

    const changed = EXPORT.replace(
      ',04/05/2024 09:20,04/05/2024 16:00,,releasing,',
      ',04/05/2024 09:20,04/05/2024 16:00,04/05/2024 15:30,returned,',
    );
    const file = join(dir, 'export-2.csv');
    writeFileSync(file, changed);
    const run = await runCli(file);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/imported: 10 \(new 0, updated 1, unchanged 9\); status changes: 1/);
    expect(run.stdout).toMatch(/000\.00\.20\.H47-240504-0006: status 9 → 10/);
    expect(await store.find(code)).toMatchObject({
      status: 'found',
      dossier: { status: 5, missingDocuments: ['Giấy chứng tử bản chính'] },
    });
  });

  it('--dry-run checks without writing', async () => {
    const file = join(dir, 'dry.csv');
    writeFileSync(
      file,
      'Mã hồ sơ,Mã thủ tục,Ngày tiếp nhận,Ngày hẹn trả,Trạng thái,Số CCCD\nDRY.00.01-240501-0001,1.001193,01/05/2024,02/05/2024,2,049123456789\n',
    );
    const run = await runCli(file, '--dry-run');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/dry run: 1 rows valid, nothing written/);
    expect(await store.find('DRY.00.01-240501-0001')).toEqual({ status: 'not_found' });
  });

  it('exits 1 when the file cannot be read or is not an export, 2 on bad usage', async () => {
    const missing = await runCli(join(dir, 'nope.csv'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/nope\.csv: cannot import: no such file/);
    const other = join(dir, 'other.csv');
    writeFileSync(other, 'Họ tên,Địa chỉ\nNguyễn Văn An,Phương Nghệ\n');
    const notExport = await runCli(other);
    expect(notExport.code).toBe(1);
    expect(notExport.stderr).toMatch(/no header row found/);
    expect((await runCli()).code).toBe(2);
  });
});
