/**
 * A provincial one-stop system read over HTTP, as a `DossierSource`. The system's JSON is turned
 * into our `Dossier` by a declarative mapping (dotted paths), so a new province is configuration,
 * not code. When the system is down, slow, or answers something we cannot read, `find` returns
 * `unavailable` — the citizen hears an honest "try again later" — and never throws.
 *
 * Failure handling, from the inside out:
 * - every attempt has a hard deadline (`timeoutMs`, for the whole response, not just idle time);
 * - network errors, timeouts and 5xx are retried (`retries`, exponential back-off with jitter);
 *   other 4xx and non-JSON bodies are not (asking again will not help);
 * - one `find` (all its attempts) counts once for the circuit breaker; a JSON answer that does not
 *   fit the mapping is a data problem of one dossier, not an outage, and does not count.
 *
 * Worst-case latency of one `find` is (retries + 1) × timeoutMs plus the back-off: 9.6 s with the
 * defaults. Personal data: the phone and ID numbers are cut to 4 digits during mapping, and logs
 * carry the dossier code, HTTP status and which mapped fields failed — never the response body.
 */
import axios, { type AxiosInstance } from 'axios';
import { z } from 'zod';
import { createLogger, type Logger } from '../../logger';
import { backoffDelay } from '../backoff';
import { CircuitBreaker, CircuitOpenError } from '../../domain/dossiers/circuit-breaker';
import {
  foldStatusWord,
  parseDossierDate,
  toLastFour,
  toPortalStatus,
  toProcedureCode,
  toVietnamIso,
} from '../../domain/dossiers/dossier-fields';
import { checkDossierFields, CITIZEN_STATES, type Dossier, type PortalStatus } from '../../domain/dossiers/dossier';
import { canonicalDossierCode, toDossierCode } from '../../domain/dossiers/dossier-code';
import type { DossierLookup, DossierSource } from '../../domain/dossiers/dossier-source';

// ---------------------------------------------------------------------------------------------
// Options
// ---------------------------------------------------------------------------------------------

const path = z.string().regex(/^[^.\s]+(\.[^.\s]+)*$/, 'must be a dotted path such as data.maHoSo');
const field = z.union([path, z.object({ path }).strict()]);
const lastFourField = z.union([
  path,
  z
    .object({
      path,
      /** true: the value is a full phone or ID number, keep its last 4 digits; false: it is the last 4 already. */
      last4: z.boolean().default(false),
    })
    .strict(),
]);
const statusField = z.union([
  path,
  z
    .object({
      path,
      /** The system's own words → a portal code 1–10 or one of our citizen states; looked up folded, before the built-in words. */
      values: z.record(z.string(), z.union([z.number().int().min(1).max(10), z.enum(CITIZEN_STATES)])).optional(),
    })
    .strict(),
]);
const primitive = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const httpDossierSourceOptionsSchema = z
  .object({
    /** e.g. https://motcua.example.vn/api/hoso/{code}; `{code}` is replaced by the canonical code, URL-encoded. */
    urlTemplate: z
      .string()
      .refine((t) => t.includes('{code}'), 'must contain {code}')
      .refine((t) => /^https?:\/\/[^/\s]+/.test(t) && URL.canParse(t.replace(/\{code\}/g, 'X')), 'must be an http(s) URL'),
    /** A header sent with every request, e.g. { header: 'X-API-Key', value: '…' } or Authorization. */
    auth: z
      .object({
        header: z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, 'must be an HTTP header name'),
        value: z.string().min(1),
      })
      .strict()
      .optional(),
    /** Where our fields are in the system's JSON. `code`, when given, must match the code asked for. */
    mapping: z
      .object({
        code: field.optional(),
        procedureCode: field,
        status: statusField,
        receivedAt: field,
        dueAt: field,
        finishedAt: field.optional(),
        applicantPhoneLast4: lastFourField.optional(),
        applicantIdLast4: lastFourField.optional(),
        note: field.optional(),
        /** An array of strings, or one string with a line per document. */
        missingDocuments: field.optional(),
        /** When absent, the time of the lookup. */
        updatedAt: field.optional(),
      })
      .strict()
      .refine((m) => m.applicantPhoneLast4 || m.applicantIdLast4, {
        message: 'must map applicantPhoneLast4 or applicantIdLast4: without a second factor no citizen could unlock a dossier',
      }),
    /**
     * Besides HTTP 404, an answer that means "no such dossier": the value at `path` equals
     * `equals` (or one of them). `null` also matches a missing path.
     */
    notFound: z
      .object({ path, equals: z.union([primitive, z.array(primitive).min(1)]) })
      .strict()
      .optional(),
    /** Hard deadline of one attempt. @defaultValue 3000 */
    timeoutMs: z.number().int().positive().max(60_000).default(3000),
    /** Further attempts after a network error, timeout or 5xx. @defaultValue 2 */
    retries: z.number().int().min(0).max(10).default(2),
    /** Back-off before retry n (0-based): a random delay in [½, 1] × min(maxMs, baseMs × 2ⁿ). */
    backoff: z
      .object({ baseMs: z.number().int().min(0).default(200), maxMs: z.number().int().min(0).default(2000) })
      .strict()
      .prefault({}),
    /** Open after `failureThreshold` consecutive failed lookups, for `openSeconds`. @defaultValue 5, 30 */
    breaker: z
      .object({ failureThreshold: z.number().int().min(1).default(5), openSeconds: z.number().positive().default(30) })
      .strict()
      .prefault({}),
  })
  .strict();

export type HttpDossierSourceOptions = z.input<typeof httpDossierSourceOptionsSchema>;
type Options = z.output<typeof httpDossierSourceOptionsSchema>;

export interface HttpDossierSourceDeps {
  /** @defaultValue a silent logger */
  logger?: Logger;
  /** The clock for the circuit breaker and `updatedAt`. @defaultValue Date.now */
  now?: () => number;
  /** For the back-off jitter. @defaultValue Math.random */
  random?: () => number;
  /** @defaultValue a fresh axios instance */
  http?: AxiosInstance;
}

// ---------------------------------------------------------------------------------------------
// Failures of one attempt
// ---------------------------------------------------------------------------------------------

type FailureKind = 'network' | 'timeout' | 'http_status' | 'not_json';

/** The system did not answer usefully; `retryable` decides whether another attempt may help. */
class SourceFailure extends Error {
  constructor(
    readonly kind: FailureKind,
    readonly retryable: boolean,
    readonly httpStatus?: number,
  ) {
    super(httpStatus ? `${kind} ${httpStatus}` : kind);
    this.name = 'SourceFailure';
  }
}

interface Answer {
  httpStatus: number;
  body: unknown;
}

// ---------------------------------------------------------------------------------------------
// Mapping
// ---------------------------------------------------------------------------------------------

/** Walks "data.items.0.maHoSo"; numeric segments index arrays. */
export function readPath(value: unknown, dotted: string): unknown {
  let current = value;
  for (const segment of dotted.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    if (Array.isArray(current)) {
      if (!/^\d+$/.test(segment)) return undefined;
      current = current[Number(segment)];
    } else {
      if (!Object.prototype.hasOwnProperty.call(current, segment)) return undefined;
      current = (current as Record<string, unknown>)[segment];
    }
  }
  return current;
}

const pathOf = (spec: string | { path: string }) => (typeof spec === 'string' ? spec : spec.path);
const isEmpty = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

type Mapped = { dossier: Dossier } | { problems: string[] };

function toDossier(body: unknown, code: string, options: Options, statusWords: ReadonlyMap<string, PortalStatus>, now: number): Mapped {
  const m = options.mapping;
  const problems: string[] = [];
  const read = (name: string, spec: string | { path: string } | undefined, required: boolean): unknown => {
    if (!spec) return undefined;
    const value = readPath(body, pathOf(spec));
    if (isEmpty(value)) {
      if (required) problems.push(`${name}: nothing at ${pathOf(spec)}`);
      return undefined;
    }
    return value;
  };
  const text = (name: string, value: unknown, parse: (s: string) => string | undefined): string | undefined => {
    if (value === undefined) return undefined;
    const parsed = typeof value === 'string' || typeof value === 'number' ? parse(String(value)) : undefined;
    if (!parsed) problems.push(`${name}: unreadable ${typeof value}`);
    return parsed;
  };
  const date = (name: 'receivedAt' | 'dueAt' | 'finishedAt' | 'updatedAt', required: boolean): string | undefined => {
    const value = read(name, m[name], required);
    if (value === undefined) return undefined;
    const parsed =
      typeof value === 'string' || typeof value === 'number' ? parseDossierDate(value, { endOfDay: name === 'dueAt' }) : undefined;
    if (!parsed) problems.push(`${name}: not a date`);
    return parsed;
  };
  const lastFour = (name: 'applicantPhoneLast4' | 'applicantIdLast4'): string | undefined => {
    const spec = m[name];
    const value = read(name, spec, false);
    if (value === undefined || !spec) return undefined;
    const full = typeof spec === 'object' && spec.last4;
    const digits = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : undefined;
    const result = digits === undefined ? undefined : full ? toLastFour(digits) : /^\d{4}$/.test(digits) ? digits : undefined;
    if (!result) problems.push(`${name}: ${full ? 'does not end with 4 digits' : 'not 4 digits'}`);
    return result;
  };

  const returnedCode = text('code', read('code', m.code, false), toDossierCode);
  if (returnedCode && returnedCode !== code) problems.push('code: the answer is about another dossier');
  const procedureCode = text('procedureCode', read('procedureCode', m.procedureCode, true), toProcedureCode);
  const rawStatus = read('status', m.status, true);
  let status: PortalStatus | undefined;
  if (rawStatus !== undefined) {
    status = typeof rawStatus === 'string' || typeof rawStatus === 'number' ? toPortalStatus(rawStatus, statusWords) : undefined;
    if (!status) problems.push(`status: unknown value`);
  }
  const receivedAt = date('receivedAt', true);
  const dueAt = date('dueAt', true);
  const finishedAt = date('finishedAt', false);
  const updatedAt = date('updatedAt', false) ?? toVietnamIso(now);
  const applicantPhoneLast4 = lastFour('applicantPhoneLast4');
  const applicantIdLast4 = lastFour('applicantIdLast4');
  const note = read('note', m.note, false);
  const rawMissing = read('missingDocuments', m.missingDocuments, false);
  const missingDocuments =
    rawMissing === undefined
      ? undefined
      : Array.isArray(rawMissing)
        ? rawMissing.filter((d): d is string => typeof d === 'string' && d.trim() !== '').map((d) => d.trim())
        : typeof rawMissing === 'string'
          ? rawMissing
              .split(/\r?\n/)
              .map((d) => d.trim())
              .filter(Boolean)
          : undefined;
  if (rawMissing !== undefined && missingDocuments === undefined) problems.push('missingDocuments: neither a list nor text');
  if (!applicantPhoneLast4 && !applicantIdLast4 && !problems.some((p) => p.startsWith('applicant'))) {
    problems.push('applicantPhoneLast4/applicantIdLast4: neither present, nobody could unlock this dossier');
  }
  if (problems.length) return { problems };

  const candidate = {
    code,
    procedureCode,
    status,
    receivedAt,
    dueAt,
    finishedAt,
    applicantPhoneLast4,
    applicantIdLast4,
    // Cut to what our model holds rather than refuse a real dossier over a long remark.
    // A note that is not text (an object from a misconfigured export) is dropped, never shown as "[object Object]".
    note: typeof note === 'string' || typeof note === 'number' ? String(note).trim().slice(0, 1000) || undefined : undefined,
    missingDocuments: missingDocuments?.length ? missingDocuments.slice(0, 30).map((d) => d.slice(0, 300)) : undefined,
    updatedAt,
  };
  const parsed = checkDossierFields(candidate);
  if (!parsed.success) return { problems: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) };
  return { dossier: parsed.data };
}

function matchesNotFound(body: unknown, rule: Options['notFound']): boolean {
  if (!rule) return false;
  const value = readPath(body, rule.path);
  const wanted = Array.isArray(rule.equals) ? rule.equals : [rule.equals];
  return wanted.some((w) => (w === null ? value === null || value === undefined : value === w));
}

// ---------------------------------------------------------------------------------------------
// The source
// ---------------------------------------------------------------------------------------------

export class HttpDossierSource implements DossierSource {
  private readonly options: Options;
  private readonly logger: Logger;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly http: AxiosInstance;
  private readonly breaker: CircuitBreaker;
  private readonly statusWords: ReadonlyMap<string, PortalStatus>;
  /** For logs: the system's host, never the full URL (it may carry a key). */
  private readonly host: string;

  /** Throws an Error naming every invalid option. */
  constructor(options: HttpDossierSourceOptions, deps: HttpDossierSourceDeps = {}) {
    const parsed = httpDossierSourceOptionsSchema.safeParse(options);
    if (!parsed.success) {
      throw new Error(
        `invalid HttpDossierSource options:\n${parsed.error.issues.map((i) => `${i.path.join('.') || 'options'}: ${i.message}`).join('\n')}`,
      );
    }
    this.options = parsed.data;
    this.logger = deps.logger ?? createLogger('silent');
    this.now = deps.now ?? Date.now;
    this.random = deps.random ?? Math.random;
    this.http = deps.http ?? axios.create();
    this.host = new URL(this.options.urlTemplate.replace(/\{code\}/g, 'X')).host;
    const status = this.options.mapping.status;
    const words = typeof status === 'object' && status.values ? Object.entries(status.values) : [];
    this.statusWords = new Map(
      words.map(([word, value]) => [foldStatusWord(word), typeof value === 'number' ? (value as PortalStatus) : toPortalStatus(value)!]),
    );
    this.breaker = new CircuitBreaker({
      failureThreshold: this.options.breaker.failureThreshold,
      openMs: this.options.breaker.openSeconds * 1000,
      now: this.now,
      onStateChange: (to, from) => {
        if (to === 'open')
          this.logger.warn(
            { source: this.host, from, openSeconds: this.options.breaker.openSeconds },
            'dossier source circuit opened: lookups answer "try again later"',
          );
        else if (to === 'closed') this.logger.info({ source: this.host }, 'dossier source circuit closed: the system answers again');
      },
    });
  }

  /** The breaker's state, for health checks and metrics. */
  get circuitState() {
    return this.breaker.state;
  }

  async find(input: string): Promise<DossierLookup> {
    const code = canonicalDossierCode(input);
    let answer: Answer;
    try {
      answer = await this.breaker.run(() => this.fetchWithRetries(code));
    } catch (error) {
      if (error instanceof CircuitOpenError) return { status: 'unavailable' };
      const failure = error instanceof SourceFailure ? error : undefined;
      this.logger.warn(
        {
          source: this.host,
          code,
          kind: failure?.kind ?? 'bug',
          httpStatus: failure?.httpStatus,
          err: failure ? undefined : (error as Error).message,
        },
        'dossier source unavailable',
      );
      return { status: 'unavailable' };
    }
    if (answer.httpStatus === 404 || matchesNotFound(answer.body, this.options.notFound)) return { status: 'not_found' };
    const mapped = toDossier(answer.body, code, this.options, this.statusWords, this.now());
    if ('problems' in mapped) {
      this.logger.warn({ source: this.host, code, problems: mapped.problems }, 'dossier source answer does not fit the mapping');
      return { status: 'unavailable' };
    }
    return { status: 'found', dossier: mapped.dossier };
  }

  private async fetchWithRetries(code: string): Promise<Answer> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.fetchOnce(code);
      } catch (error) {
        if (!(error instanceof SourceFailure) || !error.retryable || attempt >= this.options.retries) throw error;
        this.logger.debug(
          { source: this.host, code, kind: error.kind, httpStatus: error.httpStatus, attempt },
          'dossier source attempt failed, retrying',
        );
        // Equal jitter, as for Zalo calls: retries of many lookups spread out.
        const { baseMs, maxMs } = this.options.backoff;
        await new Promise((resolve) => setTimeout(resolve, backoffDelay(attempt + 1, { baseMs, capMs: maxMs, random: this.random })));
      }
    }
  }

  private async fetchOnce(code: string): Promise<Answer> {
    const url = this.options.urlTemplate.replace(/\{code\}/g, encodeURIComponent(code));
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (this.options.auth) headers[this.options.auth.header] = this.options.auth.value;
    // axios's own timeout is an idle timer on the socket; a server trickling bytes would beat it.
    const deadline = AbortSignal.timeout(this.options.timeoutMs);
    let response;
    try {
      response = await this.http.get<string>(url, {
        headers,
        signal: deadline,
        timeout: this.options.timeoutMs,
        responseType: 'text',
        transformResponse: [(data: unknown) => data],
        validateStatus: () => true,
        maxRedirects: 3,
        maxContentLength: 1_000_000,
      });
    } catch (error) {
      const code = (error as { code?: string }).code;
      const timeout = deadline.aborted || code === 'ECONNABORTED' || code === 'ETIMEDOUT';
      throw new SourceFailure(timeout ? 'timeout' : 'network', true);
    }
    if (response.status === 404) return { httpStatus: 404, body: safeJson(response.data) };
    if (response.status >= 500) throw new SourceFailure('http_status', true, response.status);
    if (response.status < 200 || response.status >= 300) throw new SourceFailure('http_status', false, response.status);
    const body = safeJson(response.data);
    if (body === undefined || typeof body !== 'object' || body === null) throw new SourceFailure('not_json', false, response.status);
    return { httpStatus: response.status, body };
  }
}

function safeJson(text: unknown): unknown {
  if (typeof text !== 'string') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
