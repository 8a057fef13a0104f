/**
 * The provincial system's HTTP adapter against a real local HTTP server: the declarative mapping,
 * not found, retries, timeouts (including a server that trickles bytes), an outage opening the
 * circuit breaker, half-open recovery, and answers that do not fit — always an answer, never a throw.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { HttpDossierSource, readPath, type HttpDossierSourceOptions } from '../../../src/edge/onestop/http-dossier-source';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

interface TestServer {
  url: string;
  requests: Array<{ url: string; headers: IncomingMessage['headers'] }>;
  handle: Handler;
  close(): Promise<void>;
}

async function startServer(): Promise<TestServer> {
  const state: TestServer = {
    url: '',
    requests: [],
    handle: (_req, res) => res.writeHead(500).end(),
    close: async () => undefined,
  };
  const server: Server = createServer((req, res) => {
    state.requests.push({ url: req.url ?? '', headers: req.headers });
    state.handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}

const json =
  (status: number, body: unknown): Handler =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
  };

/** Answers in turn; the last one repeats. */
const sequence = (...handlers: Handler[]): Handler => {
  let i = 0;
  return (req, res) => handlers[Math.min(i++, handlers.length - 1)]!(req, res);
};

const CODE = '000.00.20.H47-240501-0001';

/** Shaped like a provincial one-stop system's answer, personal data included, as they are. */
function provincialAnswer(overrides: Record<string, unknown> = {}) {
  return {
    success: true,
    data: {
      maHoSo: CODE,
      maTTHC: '1.001193.000.00.00.H47',
      tenTTHC: 'Đăng ký khai sinh',
      hoTenNguoiNop: 'Nguyễn Văn An',
      diaChi: 'Thôn Phương Nghệ, xã Xuân Phú',
      trangThai: 'CHO_BO_SUNG',
      ngayTiepNhan: '01/05/2024 08:30',
      ngayHenTra: '03/05/2024',
      ngayTra: null,
      soDienThoai: '0912 345 678',
      soCCCD: '049123456789',
      ghiChu: 'Bổ sung giấy tờ trước ngày 10/05/2024',
      giayToThieu: ['Bản sao giấy chứng sinh', 'Giấy xác nhận cư trú'],
      ...overrides,
    },
  };
}

const MAPPING: HttpDossierSourceOptions['mapping'] = {
  code: 'data.maHoSo',
  procedureCode: 'data.maTTHC',
  status: { path: 'data.trangThai', values: { CHO_BO_SUNG: 'needs_documents', DANG_XU_LY: 4, DA_TRA: 'returned' } },
  receivedAt: 'data.ngayTiepNhan',
  dueAt: 'data.ngayHenTra',
  finishedAt: 'data.ngayTra',
  applicantPhoneLast4: { path: 'data.soDienThoai', last4: true },
  applicantIdLast4: { path: 'data.soCCCD', last4: true },
  note: 'data.ghiChu',
  missingDocuments: 'data.giayToThieu',
};

describe('HttpDossierSource', () => {
  let server: TestServer;
  let now: number;
  let logs: string[];

  beforeEach(async () => {
    server = await startServer();
    now = Date.parse('2024-05-20T03:00:00Z');
    logs = [];
  });
  afterEach(() => server.close());

  function source(options: Partial<HttpDossierSourceOptions> = {}) {
    const logger = pino({ level: 'debug' }, { write: (line: string) => void logs.push(line) });
    return new HttpDossierSource(
      {
        urlTemplate: `${server.url}/api/hoso/{code}?nguon=zalo`,
        auth: { header: 'X-API-Key', value: 'k-123' },
        mapping: MAPPING,
        timeoutMs: 500,
        retries: 2,
        backoff: { baseMs: 5, maxMs: 20 },
        breaker: { failureThreshold: 3, openSeconds: 30 },
        ...options,
      },
      { logger, now: () => now },
    );
  }

  describe('mapping', () => {
    it("turns the system's answer into our dossier: canonical code in the URL, auth header, only last 4 digits", async () => {
      server.handle = json(200, provincialAnswer());
      const result = await source().find(' 000.00.20.h47 - 240501 - 0001 ');
      expect(server.requests).toHaveLength(1);
      expect(server.requests[0]!.url).toBe(`/api/hoso/${encodeURIComponent(CODE)}?nguon=zalo`);
      expect(server.requests[0]!.headers['x-api-key']).toBe('k-123');
      expect(result).toEqual({
        status: 'found',
        dossier: {
          code: CODE,
          procedureCode: '1.001193',
          status: 5,
          receivedAt: '2024-05-01T08:30:00+07:00',
          dueAt: '2024-05-03T23:59:59+07:00',
          applicantPhoneLast4: '5678',
          applicantIdLast4: '6789',
          note: 'Bổ sung giấy tờ trước ngày 10/05/2024',
          missingDocuments: ['Bản sao giấy chứng sinh', 'Giấy xác nhận cư trú'],
          updatedAt: '2024-05-20T10:00:00+07:00',
        },
      });
      const text = JSON.stringify(result);
      for (const personal of ['345 678', '0912', '049123456789', 'Nguyễn', 'Phương Nghệ']) expect(text).not.toContain(personal);
    });

    it('reads portal codes, built-in words, ISO dates and epoch milliseconds too', async () => {
      server.handle = json(
        200,
        provincialAnswer({ trangThai: 10, ngayTiepNhan: '2024-05-01T01:30:00Z', ngayTra: 1714712400000, ghiChu: '' }),
      );
      const found = await source().find(CODE);
      expect(found).toMatchObject({
        status: 'found',
        dossier: { status: 10, receivedAt: '2024-05-01T08:30:00+07:00', finishedAt: '2024-05-03T12:00:00+07:00' },
      });
      expect(found.status === 'found' && 'note' in found.dossier).toBe(false);
      server.handle = json(200, provincialAnswer({ trangThai: 'releasing' }));
      expect(await source().find(CODE)).toMatchObject({ status: 'found', dossier: { status: 9 } });
    });

    it('walks dotted paths through objects and arrays', () => {
      const body = { a: { items: [{ b: 1 }, { b: 2 }] } };
      expect(readPath(body, 'a.items.1.b')).toBe(2);
      expect(readPath(body, 'a.items.x')).toBeUndefined();
      expect(readPath(body, 'a.missing.b')).toBeUndefined();
      expect(readPath(body, 'a.constructor')).toBeUndefined();
    });
  });

  describe('not found', () => {
    it('HTTP 404, not retried', async () => {
      server.handle = json(404, { message: 'Không tìm thấy hồ sơ' });
      expect(await source().find(CODE)).toEqual({ status: 'not_found' });
      expect(server.requests).toHaveLength(1);
    });

    it('a configured path and value in a 200 answer', async () => {
      server.handle = json(200, { success: false, message: 'Không tìm thấy' });
      expect(await source({ notFound: { path: 'success', equals: false } }).find(CODE)).toEqual({ status: 'not_found' });
      server.handle = json(200, { success: true, data: null });
      expect(await source({ notFound: { path: 'data', equals: null } }).find(CODE)).toEqual({ status: 'not_found' });
      server.handle = json(200, { errorCode: 'HS404' });
      expect(await source({ notFound: { path: 'errorCode', equals: ['HS404', 'HS410'] } }).find(CODE)).toEqual({ status: 'not_found' });
    });
  });

  describe('retries', () => {
    it('retries 5xx with back-off and succeeds', async () => {
      server.handle = sequence(json(503, {}), json(502, {}), json(200, provincialAnswer()));
      expect((await source().find(CODE)).status).toBe('found');
      expect(server.requests).toHaveLength(3);
    });

    it('gives up after the configured retries; does not retry other 4xx', async () => {
      server.handle = json(500, {});
      expect(await source().find(CODE)).toEqual({ status: 'unavailable' });
      expect(server.requests).toHaveLength(3);

      server.requests.length = 0;
      server.handle = json(401, { error: 'invalid key' });
      expect(await source().find(CODE)).toEqual({ status: 'unavailable' });
      expect(server.requests).toHaveLength(1);
    });

    it('retries a refused connection', async () => {
      const url = server.url;
      await server.close();
      const started = Date.now();
      const s = new HttpDossierSource({ urlTemplate: `${url}/{code}`, mapping: MAPPING, retries: 1, backoff: { baseMs: 5, maxMs: 5 } });
      expect(await s.find(CODE)).toEqual({ status: 'unavailable' });
      expect(Date.now() - started).toBeLessThan(2000);
    });
  });

  describe('timeout', () => {
    it('a server that never answers: each attempt stops at the deadline', async () => {
      server.handle = () => undefined;
      const started = Date.now();
      expect(await source({ timeoutMs: 150, retries: 1 }).find(CODE)).toEqual({ status: 'unavailable' });
      const elapsed = Date.now() - started;
      expect(server.requests).toHaveLength(2);
      expect(elapsed).toBeGreaterThanOrEqual(290);
      expect(elapsed).toBeLessThan(1500);
      expect(logs.join('\n')).toMatch(/"kind":"timeout"/);
    });

    it('a server that trickles bytes cannot stretch the deadline', async () => {
      const timers: NodeJS.Timeout[] = [];
      server.handle = (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"data":');
        timers.push(setInterval(() => res.write(' '), 40));
      };
      const started = Date.now();
      expect(await source({ timeoutMs: 200, retries: 0 }).find(CODE)).toEqual({ status: 'unavailable' });
      expect(Date.now() - started).toBeLessThan(1000);
      timers.forEach(clearInterval);
    });
  });

  describe('circuit breaker', () => {
    it('an outage opens it: then "unavailable" at once, without calling the system', async () => {
      server.handle = json(503, { message: 'Hệ thống đang bảo trì' });
      const s = source({ retries: 0 });
      for (let i = 0; i < 3; i++) expect(await s.find(CODE)).toEqual({ status: 'unavailable' });
      expect(server.requests).toHaveLength(3);
      expect(s.circuitState).toBe('open');
      expect(logs.join('\n')).toMatch(/circuit opened/);

      for (let i = 0; i < 5; i++) expect(await s.find(CODE)).toEqual({ status: 'unavailable' });
      expect(server.requests).toHaveLength(3);

      now += 29_999;
      expect(await s.find(CODE)).toEqual({ status: 'unavailable' });
      expect(server.requests).toHaveLength(3);
    });

    it('half-open lets one trial through; its success closes the circuit', async () => {
      server.handle = json(500, {});
      const s = source({ retries: 0 });
      for (let i = 0; i < 3; i++) await s.find(CODE);
      expect(s.circuitState).toBe('open');

      now += 30_000;
      expect(s.circuitState).toBe('half_open');
      server.handle = (req, res) => setTimeout(() => json(200, provincialAnswer())(req, res), 50);
      const [trial, other] = await Promise.all([s.find(CODE), s.find(CODE)]);
      expect(trial.status).toBe('found');
      expect(other).toEqual({ status: 'unavailable' });
      expect(server.requests).toHaveLength(4);
      expect(s.circuitState).toBe('closed');
      expect(logs.join('\n')).toMatch(/circuit closed/);

      expect((await s.find(CODE)).status).toBe('found');
      expect(server.requests).toHaveLength(5);
    });

    it('a failed trial opens it for another full period', async () => {
      server.handle = json(500, {});
      const s = source({ retries: 0 });
      for (let i = 0; i < 3; i++) await s.find(CODE);
      now += 30_000;
      expect(await s.find(CODE)).toEqual({ status: 'unavailable' });
      expect(server.requests).toHaveLength(4);
      expect(s.circuitState).toBe('open');
      now += 29_000;
      await s.find(CODE);
      expect(server.requests).toHaveLength(4);
    });

    it('not-found answers and answers that do not fit are not an outage', async () => {
      const s = source({ retries: 0 });
      server.handle = json(404, {});
      for (let i = 0; i < 4; i++) await s.find(CODE);
      server.handle = json(200, provincialAnswer({ ngayHenTra: 'sắp tới' }));
      for (let i = 0; i < 4; i++) await s.find(CODE);
      expect(s.circuitState).toBe('closed');
      expect(server.requests).toHaveLength(8);
    });
  });

  describe('answers that do not fit', () => {
    it('an HTML maintenance page with 200 → unavailable, logged', async () => {
      server.handle = (_req, res) =>
        res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Hệ thống đang bảo trì</body></html>');
      expect(await source().find(CODE)).toEqual({ status: 'unavailable' });
      expect(logs.join('\n')).toMatch(/"kind":"not_json"/);
    });

    it.each([
      ['a missing due date', { ngayHenTra: null }, /dueAt: nothing at data\.ngayHenTra/],
      ['an unreadable date', { ngayTiepNhan: '32/05/2024' }, /receivedAt: not a date/],
      ['an unknown status', { trangThai: 'BI_MAT' }, /status: unknown value/],
      ['another dossier', { maHoSo: '000.00.20.H47-240501-0002' }, /another dossier/],
      ['a date as an object', { ngayTiepNhan: { ngay: 1 } }, /receivedAt: not a date/],
      ['neither phone nor ID', { soDienThoai: null, soCCCD: '' }, /nobody could unlock/],
      ['a phone without digits at the end', { soDienThoai: '09xx', soCCCD: null }, /applicantPhoneLast4: does not end with 4 digits/],
    ])('%s → unavailable, logged without personal data', async (_name, overrides, problem) => {
      server.handle = json(200, provincialAnswer(overrides));
      expect(await source().find(CODE)).toEqual({ status: 'unavailable' });
      const logged = logs.join('\n');
      expect(logged).toMatch(/does not fit the mapping/);
      expect(logged).toMatch(problem);
      for (const personal of ['345 678', '049123456789', 'Nguyễn', 'Phương Nghệ', 'k-123']) expect(logged).not.toContain(personal);
    });

    it('a JSON array or a bare value → unavailable', async () => {
      server.handle = json(200, [1, 2]);
      expect(await source().find(CODE)).toEqual({ status: 'unavailable' });
      server.handle = json(200, 'ok');
      expect(await source().find(CODE)).toEqual({ status: 'unavailable' });
    });
  });

  it('validates its options, naming each one at fault', () => {
    const bad = () =>
      new HttpDossierSource({
        urlTemplate: 'motcua.example.vn/api/hoso',
        mapping: { procedureCode: 'data.maTTHC', status: 'data..x', receivedAt: 'a', dueAt: 'b' },
        timeoutMs: -1,
      });
    expect(bad).toThrow(/urlTemplate: must contain \{code\}/);
    expect(bad).toThrow(/mapping\.status/);
    expect(bad).toThrow(/mapping: must map applicantPhoneLast4 or applicantIdLast4/);
    expect(bad).toThrow(/timeoutMs/);
    expect(() => new HttpDossierSource({ urlTemplate: 'https://motcua.example.vn/api/hoso/{code}', mapping: MAPPING })).not.toThrow();
  });
});
