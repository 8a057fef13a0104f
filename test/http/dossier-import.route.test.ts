/**
 * POST /api/v1/dossiers/import: a one-stop export checked (dry run, the default: nothing written,
 * the report says what would be) and imported (written; a status that moved queues the followers'
 * notice, as a PUT from the one-stop system does), bad rows with their line numbers and reasons.
 */
import axios from 'axios';
import { createHarness, type Harness, mintToken } from '../helpers';
import type { RunningApp } from '../../src/roles/app';
import { DossierStore } from '../../src/domain/dossiers/dossier-store';
import { createQueue, QueueName, type DossierNoticeJob } from '../../src/store/queues';
import { toQueueConnection } from '../../src/store/redis';

const HEADER = 'STT;Mã hồ sơ;Mã thủ tục;Họ tên người nộp;Ngày tiếp nhận;Ngày hẹn trả;Trạng thái;Số điện thoại';
const rows = (status: string) => [
  `1;000.00.20.H47-261101-0001;1.001193;Nguyễn Văn An;01/11/2026 08:30;05/11/2026;${status};0912345678`,
  '2;000.00.20.H47-261101-0002;2.000815;Trần Thị Bình;01/11/2026 09:00;01/11/2026;2;0905111222',
  '3;000.00.20.H47-261101-0003;khai sinh;Lê Văn Cường;01/11/2026 10:00;31/02/2026;2;0977888999',
  '4;;1.001193;Phạm Thị Dung;01/11/2026 10:00;02/11/2026;2;0966111222',
];
const exportOf = (status: string) => `\uFEFF${[HEADER, ...rows(status)].join('\r\n')}\r\n`;

describe('POST /api/v1/dossiers/import', () => {
  let h: Harness;
  let app: RunningApp;
  let base: string;
  let officer: string;
  let onestop: string;

  beforeAll(async () => {
    h = await createHarness('dossier-import');
    app = await h.start({ web: true, worker: false });
    base = `http://127.0.0.1:${app.port}/api/v1`;
    const mint = (role: string) => mintToken(app, { role });
    officer = await mint('officer');
    onestop = await mint('onestop');
  });
  afterAll(() => h.close());

  const upload = (csv: string, query = '', token = officer, contentType = 'text/csv') =>
    axios.post(`${base}/dossiers/import${query}`, csv, {
      headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
      validateStatus: () => true,
    });

  it('a dry run reports what the import would do and writes nothing; the import writes it; a moved status queues the followers’ notice', async () => {
    const store = new DossierStore(app.redis, app.keys);
    const dry = await upload(exportOf('4'));
    expect(dry.status).toBe(200);
    expect(dry.data).toMatchObject({
      dryRun: true,
      separator: ';',
      headerLine: 1,
      ignoredColumns: expect.arrayContaining(['STT', 'Họ tên người nộp']),
      rows: 4,
      imported: 2,
      created: 2,
      updated: 0,
      unchanged: 0,
      statusChanges: [],
    });
    expect(dry.data.columns).toEqual(
      expect.arrayContaining([
        { header: 'Mã hồ sơ', field: 'code' },
        { header: 'Số điện thoại', field: 'phone' },
      ]),
    );
    expect(dry.data.bad).toEqual([
      {
        line: 4,
        code: '000.00.20.H47-261101-0003',
        problems: expect.arrayContaining([
          expect.objectContaining({ field: 'procedureCode', column: 'Mã thủ tục' }),
          expect.objectContaining({ field: 'dueAt' }),
        ]),
      },
      { line: 5, problems: [{ field: 'code', column: 'Mã hồ sơ', message: 'missing' }] },
    ]);
    expect(JSON.stringify(dry.data)).not.toMatch(/0912345678|Nguyễn Văn An/);
    expect((await store.find('000.00.20.H47-261101-0001')).status).toBe('not_found');

    const written = await upload(exportOf('4'), '?dryRun=false');
    expect(written.data).toMatchObject({ dryRun: false, imported: 2, created: 2, statusChanges: [] });
    const stored = await store.find('000.00.20.H47-261101-0001');
    expect(stored).toMatchObject({ status: 'found', dossier: { status: 4, procedureCode: '1.001193', applicantPhoneLast4: '5678' } });

    // The same file again: unchanged. The first dossier's result ready (9): a dry run foresees the change, the import makes it and queues the notice.
    expect((await upload(exportOf('4'), '?dryRun=false')).data).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    const change = [{ code: '000.00.20.H47-261101-0001', from: 4, to: 9 }];
    expect((await upload(exportOf('9'), '?dryRun=true')).data).toMatchObject({
      created: 0,
      updated: 1,
      unchanged: 1,
      statusChanges: change,
    });
    expect(await store.find('000.00.20.H47-261101-0001')).toMatchObject({ dossier: { status: 4 } });
    expect((await upload(exportOf('9'), '?dryRun=false')).data).toMatchObject({ updated: 1, statusChanges: change });
    const queue = createQueue<DossierNoticeJob>(QueueName.DossierNotices, {
      connection: toQueueConnection(app.redis),
      prefix: app.keys.queuePrefix,
    });
    try {
      const jobs = await queue.getJobs(['waiting', 'delayed', 'prioritized']);
      expect(jobs.map((j) => j.data)).toEqual([{ kind: 'changed', code: '000.00.20.H47-261101-0001', status: 9 }]);
    } finally {
      await queue.close();
    }
  });

  it('not an export, no file, a bad flag: 400 naming it; officer and admin only', async () => {
    const notExport = await upload('name,phone\nA,0905123456\n');
    expect(notExport.status).toBe(400);
    expect(notExport.data).toEqual({ error: 'invalid request', fields: { body: expect.stringMatching(/^no header row found/) } });
    expect((await upload('')).data.fields).toHaveProperty('body');
    expect((await upload(exportOf('4'), '?dryRun=yes')).data.fields).toHaveProperty('dryRun');
    expect((await upload(exportOf('4'), '', onestop)).status).toBe(403);
    expect((await upload(exportOf('4'), '', 'test-admin-token')).status).toBe(200);
  });

  it('a file of more lines than an import takes is refused whole; a broken export lists its first bad rows and counts them all', async () => {
    const line = (i: number) => `${i};;1.001193;Người ${i};01/11/2026 10:00;02/11/2026;2;0966111222`;
    const tooLong = await upload([HEADER, ...Array.from({ length: 20_000 }, (_, i) => line(i))].join('\n'));
    expect(tooLong.status).toBe(400);
    expect(tooLong.data.fields.body).toMatch(/at most 20,000 lines/);
    const broken = await upload([HEADER, ...Array.from({ length: 500 }, (_, i) => line(i)), ...rows('4').slice(0, 1)].join('\n'));
    expect(broken.status).toBe(200);
    expect([broken.data.bad.length, broken.data.badCount, broken.data.bad[0].line, broken.data.imported]).toEqual([200, 500, 2, 1]);
  });
});
