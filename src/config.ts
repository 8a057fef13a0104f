/**
 * The one place that reads the environment. Everything else receives a slice of the frozen
 * `Config` from the role that wires it (src/roles), never `process.env`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { isIP } from 'node:net';
import { z } from 'zod';
import type { SecondFactor } from './domain/dossiers/dossier-lookup';
import { OfficeTimeFormatError, parseHolidays, parseOfficeHours, type WeeklySchedule } from './domain/tickets/office-time';

const httpUrl = z
  .string()
  .url()
  .refine((u) => /^https?:\/\//.test(u), 'must start with http:// or https://')
  .transform((u) => u.replace(/\/+$/, ''));

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const nonNegativeInt = (fallback: number) => z.coerce.number().int().nonnegative().default(fallback);
const secret = z.string().min(1, 'must not be empty');
/** A value parsed by a domain parser whose error message says what is wrong (office hours, holidays). */
const parsedBy = <T>(parse: (v: string) => T) =>
  z.string().transform((v, ctx) => {
    try {
      return parse(v);
    } catch (err) {
      if (!(err instanceof OfficeTimeFormatError)) throw err;
      ctx.addIssue({ code: 'custom', message: err.message });
      return z.NEVER;
    }
  });
const flag = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');

/** Express's names for address ranges, accepted in TRUST_PROXY's list. */
const PROXY_PRESETS = new Set(['loopback', 'linklocal', 'uniquelocal']);
const isProxyAddress = (entry: string) => {
  const [address = '', mask, extra] = entry.split('/');
  const family = isIP(address);
  if (!family || extra !== undefined) return false;
  return mask === undefined || (/^\d{1,3}$/.test(mask) && Number(mask) <= (family === 4 ? 32 : 128));
};
/**
 * What Express's "trust proxy" setting takes, checked here so that a bad value stops the start
 * naming the variable (Express itself would throw "invalid IP address" at the first request's
 * setup): `true`/`false`, a hop count, or a comma-separated list of addresses, CIDR ranges and
 * the names loopback, linklocal, uniquelocal.
 */
const trustProxy = z.string().transform((value, ctx): boolean | number | string => {
  const v = value.trim();
  if (v === 'true' || v === 'false') return v === 'true';
  if (/^\d+$/.test(v)) return Number(v);
  const wrong = v
    .split(',')
    .map((e) => e.trim())
    .filter((e) => !PROXY_PRESETS.has(e) && !isProxyAddress(e));
  if (wrong.length === 0) return v;
  ctx.addIssue({
    code: 'custom',
    message: `"${wrong.join('", "')}" is not an address, a CIDR range or loopback/linklocal/uniquelocal: use true, a hop count (1 for one proxy in front), or a comma-separated list of addresses`,
  });
  return z.NEVER;
});

/**
 * `npm start` and the start scripts read `.env` when there is one (see .env.example); variables
 * already in the environment win, so Docker's and systemd's settings are never overridden.
 * Returns whether a file was read.
 */
export function readEnvFile(path: string, env: NodeJS.ProcessEnv = process.env): boolean {
  if (!existsSync(path)) return false;
  for (const [name, value] of Object.entries(parseEnv(readFileSync(path, 'utf8')))) env[name] ??= value;
  return true;
}

/** Names match docs/contract.md; the extra ones are documented in docs/configuration.md. */
export const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** The address the port listens on: all interfaces in production, 127.0.0.1 for `npm run dev`. */
  HOST: z
    .string()
    .refine((h) => isIP(h) !== 0, 'must be an IP address (0.0.0.0 for every interface, 127.0.0.1 for this machine only)')
    .default('0.0.0.0'),
  /** Bearer token a scraper must send for /metrics; unset → /metrics answers this machine only. */
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
    .default('redis://127.0.0.1:6379'),
  KEY_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,40}$/, 'letters, digits, "_", "." or "-" only (1–40)')
    .default('zoa'),
  ZALO_APP_ID: z.string().regex(/^\d{1,30}$/, 'must be the numeric Zalo App id'),
  ZALO_OA_ID: z
    .string()
    .regex(/^\d{1,30}$/, 'must be the numeric OA id')
    .optional(),
  ZALO_OA_SECRET_KEY: secret,
  ZALO_APP_SECRET: secret,
  ZALO_ACCESS_TOKEN: secret.optional(),
  ZALO_REFRESH_TOKEN: secret.optional(),
  ZALO_API_BASE: httpUrl.default('https://openapi.zalo.me'),
  ZALO_OAUTH_BASE: httpUrl.default('https://oauth.zaloapp.com'),
  ZALO_BUTTON_TEMPLATE_TYPE: flag.default(false),
  ZALO_SEND_ATTEMPTS: positiveInt(4),
  ZALO_HTTP_TIMEOUT_MS: positiveInt(10_000),
  TOKEN_REFRESH_AFTER_HOURS: z.coerce.number().positive().max(12).default(12),
  ADMIN_TOKEN: z.string().min(8, 'must be at least 8 characters'),
  BROADCAST_RATE_PER_SEC: positiveInt(50),
  /** Deliveries one worker process runs at once; also the most that may repeat after a crash. */
  BROADCAST_CONCURRENCY: z.coerce.number().int().min(1).max(20).default(10),
  /** Channels an OA may use for broadcasts, in order of preference (docs/guides/broadcasts.md). */
  BROADCAST_CHANNELS: z
    .string()
    .transform((v) => [
      ...new Set(
        v
          .split(',')
          .map((c) => c.trim())
          .filter(Boolean),
      ),
    ])
    .pipe(z.array(z.enum(['consultation', 'template'])).min(1, 'name at least one channel'))
    .default(['consultation', 'template']),
  BROADCAST_TEMPLATE_ID: z.string().min(1).optional(),
  BROADCAST_LOG_DAYS: positiveInt(30),
  PUBLIC_RATE_LIMIT_PER_MIN: positiveInt(120),
  DEFAULT_LOCALE: z.enum(['vi', 'en']).default('vi'),
  // Zalo retries a failed delivery for up to 12 h with the original body (and timestamp): a
  // shorter window would turn a brief outage into lost messages. Replays inside the window are
  // harmless: the 48 h seen-set drops them.
  WEBHOOK_MAX_AGE_SEC: nonNegativeInt(86_400),
  WEBHOOK_BODY_LIMIT_KB: positiveInt(256),
  HUMAN_TAKEOVER_QUIET_MIN: z.coerce.number().nonnegative().default(30),
  CONVERSATION_IDLE_MIN: z.coerce.number().positive().default(30),
  INBOUND_CONCURRENCY: positiveInt(32),
  DOSSIER_TEMPLATE_ID: z.string().min(1).optional(),
  /** Which last four digits unlock a dossier: the phone's, the ID number's, or either. */
  DOSSIER_SECOND_FACTOR: z.enum(['either', 'phone', 'id']).default('either'),
  /** JSON options of the provincial system's HTTP adapter (docs/guides/dossiers.md); unset → the built-in store. */
  DOSSIER_HTTP_SOURCE: z
    .string()
    .refine((v) => {
      try {
        return typeof JSON.parse(v) === 'object';
      } catch {
        return false;
      }
    }, 'must be a JSON object')
    .optional(),
  DOSSIER_FOLLOW_DAYS_AFTER_RETURN: positiveInt(7),
  /** Express's "trust proxy": hops or addresses whose X-Forwarded-For is believed (per-client limits). */
  TRUST_PROXY: trustProxy.optional(),
  // Tickets to the village teams (docs/guides/tickets.md): both limits in office time.
  TICKET_TAKE_MINUTES: z.coerce.number().positive().default(30),
  TICKET_ANSWER_HOURS: z.coerce.number().positive().default(8),
  // Unset: the service centre's opening hours in data/commune.json (src/engine/tickets.ts).
  OFFICE_HOURS: parsedBy(parseOfficeHours).optional(),
  HOLIDAYS: parsedBy(parseHolidays).default([]),
  /** Closed tickets (and their history) are deleted this many days after closing. */
  TICKET_RETENTION_DAYS: positiveInt(365),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Env = z.infer<typeof envSchema>;

export interface Config {
  port: number;
  host: string;
  metricsToken?: string;
  redisUrl: string;
  keyPrefix: string;
  defaultLocale: 'vi' | 'en';
  logLevel: Env['LOG_LEVEL'];
  trustProxy?: boolean | number | string;
  zalo: {
    appId: string;
    oaId?: string;
    oaSecretKey: string;
    appSecret: string;
    initialTokens?: { accessToken: string; refreshToken: string };
    apiBase: string;
    oauthBase: string;
    buttonTemplateType: boolean;
    sendAttempts: number;
    httpTimeoutMs: number;
    refreshAfterMs: number;
  };
  webhook: { maxAgeMs: number; bodyLimitBytes: number };
  engine: { humanQuietMs: number; conversationIdleMs: number; inboundConcurrency: number };
  dossiers: { templateId?: string; followDaysAfterReturn: number; httpSource?: unknown; secondFactor: SecondFactor };
  adminToken: string;
  broadcastRatePerSec: number;
  broadcasts: { concurrency: number; channels: Array<'consultation' | 'template'>; templateId?: string; logDays: number };
  /** Service levels of tickets, counted in office time. */
  tickets: { takeWithinMs: number; answerWithinMs: number; officeHours?: WeeklySchedule; holidays: string[]; retentionMs: number };
  publicRateLimitPerMin: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** One line per problem, each naming its variable, so an operator can fix them all at once. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Readonly<Config> {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((i) => `${String(i.path[0] ?? 'environment')}: ${describeIssue(i, cleaned)}`);
  problems.push(...tokenPairProblems(cleaned));
  if (!parsed.success || problems.length) throw new ConfigError(problems);
  return Object.freeze(toConfig(parsed.data));
}

/** Checked beside the schema so that it is reported together with every other problem. */
function tokenPairProblems(env: Record<string, unknown>): string[] {
  if (Boolean(env.ZALO_ACCESS_TOKEN) === Boolean(env.ZALO_REFRESH_TOKEN)) return [];
  const missing = env.ZALO_ACCESS_TOKEN ? 'ZALO_REFRESH_TOKEN' : 'ZALO_ACCESS_TOKEN';
  return [`${missing}: the token pair must be given together`];
}

function describeIssue(issue: z.core.$ZodIssue, env: Record<string, unknown>): string {
  const name = String(issue.path[0] ?? '');
  return name && !(name in env) && issue.code === 'invalid_type' ? 'is required but not set' : issue.message;
}

function toConfig(env: Env): Config {
  return {
    port: env.PORT,
    host: env.HOST,
    metricsToken: env.METRICS_TOKEN,
    redisUrl: env.REDIS_URL,
    keyPrefix: env.KEY_PREFIX,
    defaultLocale: env.DEFAULT_LOCALE,
    logLevel: env.LOG_LEVEL,
    trustProxy: env.TRUST_PROXY,
    zalo: {
      appId: env.ZALO_APP_ID,
      oaId: env.ZALO_OA_ID,
      oaSecretKey: env.ZALO_OA_SECRET_KEY,
      appSecret: env.ZALO_APP_SECRET,
      initialTokens:
        env.ZALO_ACCESS_TOKEN && env.ZALO_REFRESH_TOKEN
          ? { accessToken: env.ZALO_ACCESS_TOKEN, refreshToken: env.ZALO_REFRESH_TOKEN }
          : undefined,
      apiBase: env.ZALO_API_BASE,
      oauthBase: env.ZALO_OAUTH_BASE,
      buttonTemplateType: env.ZALO_BUTTON_TEMPLATE_TYPE,
      sendAttempts: env.ZALO_SEND_ATTEMPTS,
      httpTimeoutMs: env.ZALO_HTTP_TIMEOUT_MS,
      refreshAfterMs: env.TOKEN_REFRESH_AFTER_HOURS * 3_600_000,
    },
    webhook: { maxAgeMs: env.WEBHOOK_MAX_AGE_SEC * 1000, bodyLimitBytes: env.WEBHOOK_BODY_LIMIT_KB * 1024 },
    engine: {
      humanQuietMs: Math.round(env.HUMAN_TAKEOVER_QUIET_MIN * 60_000),
      conversationIdleMs: Math.round(env.CONVERSATION_IDLE_MIN * 60_000),
      inboundConcurrency: env.INBOUND_CONCURRENCY,
    },
    dossiers: {
      templateId: env.DOSSIER_TEMPLATE_ID,
      secondFactor: env.DOSSIER_SECOND_FACTOR,
      followDaysAfterReturn: env.DOSSIER_FOLLOW_DAYS_AFTER_RETURN,
      httpSource: env.DOSSIER_HTTP_SOURCE ? (JSON.parse(env.DOSSIER_HTTP_SOURCE) as unknown) : undefined,
    },
    adminToken: env.ADMIN_TOKEN,
    broadcastRatePerSec: env.BROADCAST_RATE_PER_SEC,
    broadcasts: {
      concurrency: env.BROADCAST_CONCURRENCY,
      channels: env.BROADCAST_CHANNELS,
      templateId: env.BROADCAST_TEMPLATE_ID,
      logDays: env.BROADCAST_LOG_DAYS,
    },
    tickets: {
      takeWithinMs: Math.round(env.TICKET_TAKE_MINUTES * 60_000),
      answerWithinMs: Math.round(env.TICKET_ANSWER_HOURS * 3_600_000),
      ...(env.OFFICE_HOURS ? { officeHours: env.OFFICE_HOURS } : {}),
      holidays: env.HOLIDAYS,
      retentionMs: env.TICKET_RETENTION_DAYS * 86_400_000,
    },
    publicRateLimitPerMin: env.PUBLIC_RATE_LIMIT_PER_MIN,
  };
}
