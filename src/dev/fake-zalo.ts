/**
 * In-process fake of Zalo's OA Open API and OAuth v4 (docs/zalo-platform.md §3–§4, §6) for the local
 * simulator, integration tests and benchmarks. It reproduces the behaviour that bites real
 * integrations — errors inside HTTP 200, single-use refresh tokens, the 7-day window, the night
 * ban, the 2000-character NFC limit, the 5-button limit, the rate limit, echoes through the
 * webhook — so the bot meets them locally first. Benchmarks run through it: no per-request
 * logging and only O(1) bookkeeping per call.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import axios from 'axios';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import { oaSendTextEvent, signedRequest } from './zalo-events';

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const FREE_WINDOW_MS = 48 * HOUR_MS;
const INTERACTION_WINDOW_MS = 7 * 24 * HOUR_MS;
/** Asia/Ho_Chi_Minh is UTC+7 all year (no DST), so a fixed offset is exact and cheap. */
const VIETNAM_OFFSET_MS = 7 * HOUR_MS;
const MAX_TEXT_LENGTH = 2000;
const MAX_BUTTONS = 5;
const ECHO_TIMEOUT_MS = 5000;

export const FAKE_ZALO_PATHS = {
  cs: '/v3.0/oa/message/cs',
  template: '/v3.0/oa/message/template',
  quota: '/v3.0/oa/quota/message',
  accessToken: '/v4/oa/access_token',
  followers: '/v3.0/oa/user/getlist',
  userDetail: '/v3.0/oa/user/detail',
  tagFollower: '/v2.0/oa/tag/tagfollower',
  untagFollower: '/v2.0/oa/tag/rmfollowerfromtag',
} as const;

/** getlist pages (docs/zalo-platform.md §5): at most 50 a call, offsets up to 9951. */
const FOLLOWER_PAGE_MAX = 50;
const FOLLOWER_OFFSET_MAX = 9951;

/** Zalo's own wording (docs/zalo-platform.md §6 and the published error table), so logs read like production. */
const ERROR_MESSAGES: Readonly<Record<number, string>> = {
  [-32]: 'Your application reached limit call api',
  [-100]: 'attachment_id was expired',
  [-200]: 'Send message failed',
  [-201]: 'Parameter is invalid',
  [-210]: 'Parameter exceeds allowable limit',
  [-211]: 'Out of quota',
  [-213]: 'User has not followed OA',
  [-216]: 'Access token is invalid',
  [-217]: 'User has blocked invitation from OA',
  [-218]: 'Out of quota receive',
  [-220]: 'access_token is expired or removed',
  [-227]: 'User is banned or has been inactive for more than 45 days',
  [-230]: 'User has not interacted with the OA in the past 7 days',
  [-232]: 'User has not interacted, or last interaction expired',
  [-234]: 'This message cannot be sent at night (10:00PM - 6:00AM)',
  [-244]: 'User has restricted this message type from your OA',
};

const userIdSchema = z.string().regex(/^\d{1,30}$/);
const title = z.string().min(1);
const buttonSchema = z.discriminatedUnion('type', [
  z.object({ title, type: z.literal('oa.open.url'), payload: z.object({ url: z.string().min(1) }) }),
  z.object({ title, type: z.literal('oa.query.show'), payload: z.string().min(1) }),
  z.object({ title, type: z.literal('oa.query.hide'), payload: z.string().min(1) }),
  z.object({ title, type: z.literal('oa.open.phone'), payload: z.object({ phone_code: z.string().min(1) }) }),
  z.object({
    title,
    type: z.literal('oa.open.sms'),
    payload: z.object({ phone_code: z.string().min(1), content: z.string() }),
  }),
]);
const buttonsSchema = z.array(buttonSchema);
// Loose: whatever else the bot puts in an attachment is kept for inspection, not judged.
const attachmentSchema = z.looseObject({
  type: z.string().min(1),
  payload: z.looseObject({ buttons: z.array(z.unknown()).optional(), elements: z.array(z.unknown()).optional() }).optional(),
});
const csBodySchema = z.object({
  recipient: z.object({ user_id: userIdSchema }),
  message: z.object({
    text: z.string().optional(),
    attachment: attachmentSchema.optional(),
    quote_message_id: z.string().min(1).optional(),
  }),
});
const templateBodySchema = z.object({
  user_id: userIdSchema,
  template_id: z.string().min(1),
  template_data: z.record(z.string(), z.unknown()),
});
const quotaBodySchema = z.object({ user_id: userIdSchema });
const tagBodySchema = z.object({ user_id: userIdSchema, tag_name: z.string().min(1) });
const userDetailQuerySchema = z.object({ user_id: z.string().min(1) });
const followerQuerySchema = z.object({
  offset: z.number().int().min(0).max(FOLLOWER_OFFSET_MAX),
  count: z.number().int().min(1).max(FOLLOWER_PAGE_MAX),
});
const refreshBodySchema = z.object({
  grant_type: z.literal('refresh_token'),
  refresh_token: z.string().min(1),
  app_id: z.string().min(1),
});

export type FakeButton = z.infer<typeof buttonSchema>;
export type UserState = 'follower' | 'unfollowed' | 'blocked';

export interface StoredMessage {
  /** The message_id answered to the caller (and the msg_id of the echo). */
  id: string;
  userId: string;
  kind: 'cs' | 'template';
  text?: string;
  buttons?: FakeButton[];
  attachment?: Record<string, unknown>;
  quoteMessageId?: string;
  templateId?: string;
  templateData?: Record<string, unknown>;
  /** now() when accepted. */
  at: number;
}

export interface FakeZaloEcho {
  webhookUrl: string;
  appId: string;
  oaId: string;
  oaSecretKey: string;
  delayMs?: number;
}

export interface FakeZaloOptions {
  appId: string;
  /** The OAuth `secret_key` header must equal it. */
  appSecret: string;
  /** Initial pair, valid from the start. Tokens never expire by time: only a refresh kills them. */
  accessToken: string;
  refreshToken: string;
  now?: () => number;
  /** Calls per clock minute across the OA API (not OAuth); over it → -32. Default 4000. */
  rateLimitPerMin?: number;
  /** The 7-day rule for /message/cs (-230). Default true. */
  requireInteraction?: boolean;
  /** After each accepted /message/cs, POST a signed oa_send_text echo to the webhook, like Zalo. */
  echo?: FakeZaloEcho;
}

export interface FakeZaloTokens {
  accessToken: string;
  refreshToken: string;
}

export interface FakeZalo {
  /** Mount under its own prefix: it answers 404 for every path it does not know. */
  readonly router: Router;
  messages(userId?: string): StoredMessage[];
  onMessage(listener: (message: StoredMessage) => void): () => void;
  recordInteraction(userId: string, atMs?: number): void;
  /** 'follower' users are what `/user/getlist` lists, in the order they were set. */
  setUserState(userId: string, state: UserState): void;
  /** The tags a user carries (`/tag/tagfollower`, `/tag/rmfollowerfromtag`). */
  tagsOf(userId: string): string[];
  /** The name `/user/detail` gives for a user; users without one are unknown to it (-213). */
  setDisplayName(userId: string, name: string): void;
  /**
   * The next `times` calls to `path` (e.g. '/v3.0/oa/message/cs') answer `errorCode` in Zalo's
   * envelope; a positive code from 500 up is an HTTP status answered without one (a 503 from
   * Zalo's front end), and nothing is stored.
   */
  failNext(path: string, errorCode: number, times?: number): void;
  /** The next `times` calls to `path` are answered only after `ms` (then handled normally). */
  delayNext(path: string, ms: number, times?: number): void;
  currentTokens(): FakeZaloTokens;
  readonly refreshCount: number;
  /** Accepted sends (cs and template). */
  readonly sendCount: number;
  /** Back to the initial tokens, no messages, users or queued failures; listeners stay. */
  reset(): void;
}

interface Envelope {
  error: number;
  message: string;
  data?: Record<string, unknown>;
}

interface OAuthError {
  error: number;
  error_name: string;
  error_description: string;
}

interface TokenAnswer {
  access_token: string;
  refresh_token: string;
  expires_in: string;
}

type Attachment = z.infer<typeof attachmentSchema>;

class ApiError extends Error {
  constructor(
    readonly code: number,
    detail?: string,
  ) {
    super(detail ?? ERROR_MESSAGES[code] ?? 'Fake Zalo error');
  }

  toEnvelope(): Envelope {
    return { error: this.code, message: this.message };
  }
}

interface FakeState {
  tokens: FakeZaloTokens;
  interactions: Map<string, number>;
  userStates: Map<string, UserState>;
  tags: Map<string, Set<string>>;
  displayNames: Map<string, string>;
  all: StoredMessage[];
  byUser: Map<string, StoredMessage[]>;
  failures: Map<string, number[]>;
  delays: Map<string, number[]>;
  refreshCount: number;
  sendCount: number;
  rateMinute: number;
  rateCount: number;
}

function freshState(options: FakeZaloOptions): FakeState {
  return {
    tokens: { accessToken: options.accessToken, refreshToken: options.refreshToken },
    interactions: new Map(),
    userStates: new Map(),
    tags: new Map(),
    displayNames: new Map(),
    all: [],
    byUser: new Map(),
    failures: new Map(),
    delays: new Map(),
    refreshCount: 0,
    sendCount: 0,
    rateMinute: -1,
    rateCount: 0,
  };
}

/** Zalo names the offending field: "<field> is invalid!". */
function parseOr201<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const path = result.error.issues[0]?.path ?? [];
  const field = [...path].reverse().find((key) => typeof key === 'string') ?? 'body';
  throw new ApiError(-201, `${field} is invalid!`);
}

function parseButtons(attachment: Attachment | undefined): FakeButton[] | undefined {
  if (attachment?.type !== 'template') return undefined;
  const payload = attachment.payload;
  if (!payload?.buttons && !payload?.elements) throw new ApiError(-201, 'payload is invalid!');
  if (!payload.buttons) return undefined;
  if (payload.buttons.length > MAX_BUTTONS) throw new ApiError(-201, 'buttons is invalid!');
  return parseOr201(buttonsSchema, payload.buttons);
}

function checkText(text: string | undefined, hasAttachment: boolean): void {
  if (!text && !hasAttachment) throw new ApiError(-201, 'message is invalid!');
  // UTF-16 length after NFC: what a Java backend measures, and never laxer than code points.
  if (text && text.normalize('NFC').length > MAX_TEXT_LENGTH) throw new ApiError(-210);
}

function isNightInVietnam(nowMs: number): boolean {
  const hour = new Date(nowMs + VIETNAM_OFFSET_MS).getUTCHours();
  return hour >= 22 || hour < 6;
}

function success(data: Record<string, unknown>): Envelope {
  return { error: 0, message: 'Success', data };
}

function runOa(handle: () => Envelope): Envelope {
  try {
    return handle();
  } catch (err) {
    if (err instanceof ApiError) return err.toEnvelope();
    throw err;
  }
}

function oauthError(error: number, errorName: string, description: string): OAuthError {
  return { error, error_name: errorName, error_description: description };
}

function newToken(): string {
  return randomBytes(48).toString('base64url');
}

function normalisePath(path: string): string {
  return path.startsWith('/') ? path : `/${path}`;
}

function enqueue(queues: Map<string, number[]>, path: string, value: number, times: number): void {
  const key = normalisePath(path);
  const queue = queues.get(key) ?? [];
  for (let i = 0; i < times; i += 1) queue.push(value);
  queues.set(key, queue);
}

function take(queues: Map<string, number[]>, path: string): number | undefined {
  const queue = queues.get(path);
  if (!queue) return undefined;
  const value = queue.shift();
  if (queue.length === 0) queues.delete(path);
  return value;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** body-parser marks its own failures (malformed JSON, too large) with a 4xx `status`. */
function isBodyParserError(err: unknown): boolean {
  if (typeof err !== 'object' || err === null || !('status' in err)) return false;
  return typeof err.status === 'number' && err.status < 500;
}

class FakeZaloImpl implements FakeZalo {
  readonly router: Router;
  private state: FakeState;
  private readonly listeners = new Set<(message: StoredMessage) => void>();
  private readonly now: () => number;

  constructor(private readonly options: FakeZaloOptions) {
    this.now = options.now ?? Date.now;
    this.state = freshState(options);
    this.router = this.buildRouter();
  }

  get refreshCount(): number {
    return this.state.refreshCount;
  }

  get sendCount(): number {
    return this.state.sendCount;
  }

  messages(userId?: string): StoredMessage[] {
    if (userId === undefined) return [...this.state.all];
    return [...(this.state.byUser.get(userId) ?? [])];
  }

  onMessage(listener: (message: StoredMessage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  recordInteraction(userId: string, atMs?: number): void {
    this.state.interactions.set(userId, atMs ?? this.now());
  }

  setUserState(userId: string, state: UserState): void {
    this.state.userStates.set(userId, state);
  }

  setDisplayName(userId: string, name: string): void {
    this.state.displayNames.set(userId, name);
  }

  tagsOf(userId: string): string[] {
    return [...(this.state.tags.get(userId) ?? [])];
  }

  failNext(path: string, errorCode: number, times = 1): void {
    enqueue(this.state.failures, path, errorCode, times);
  }

  delayNext(path: string, ms: number, times = 1): void {
    enqueue(this.state.delays, path, ms, times);
  }

  currentTokens(): FakeZaloTokens {
    return { ...this.state.tokens };
  }

  reset(): void {
    this.state = freshState(this.options);
  }

  private buildRouter(): Router {
    const router = express.Router();
    router.use(express.json({ limit: '1mb' }), express.urlencoded({ extended: false }));
    this.oaRoute(router, FAKE_ZALO_PATHS.cs, (req) => this.sendCs(req));
    this.oaRoute(router, FAKE_ZALO_PATHS.template, (req) => this.sendTemplate(req));
    this.oaRoute(router, FAKE_ZALO_PATHS.quota, (req) => this.quota(req));
    this.oaRoute(router, FAKE_ZALO_PATHS.tagFollower, (req) => this.tag(req, true));
    this.oaRoute(router, FAKE_ZALO_PATHS.untagFollower, (req) => this.tag(req, false));
    this.oaRoute(router, FAKE_ZALO_PATHS.followers, (req) => this.followerList(req), 'get');
    this.oaRoute(router, FAKE_ZALO_PATHS.userDetail, (req) => this.userDetail(req), 'get');
    router.post(FAKE_ZALO_PATHS.accessToken, (req, res) =>
      this.answer(
        FAKE_ZALO_PATHS.accessToken,
        res,
        () => this.refresh(req),
        (code) => oauthError(code, 'forced_failure', 'failNext'),
      ),
    );
    router.use((_req: Request, res: Response) => {
      res.status(404).json({ error: 404, message: 'Not found' });
    });
    router.use((err: unknown, _req: Request, res: Response, next: NextFunction) => {
      if (!isBodyParserError(err)) return next(err);
      // Zalo keeps its HTTP-200 envelope even for a body it cannot read.
      res.json({ error: -201, message: 'body is invalid!' });
    });
    return router;
  }

  private oaRoute(router: Router, path: string, handle: (req: Request) => Envelope, method: 'get' | 'post' = 'post'): void {
    router[method](path, (req, res) =>
      this.answer(
        path,
        res,
        () => runOa(() => handle(req)),
        (code) => new ApiError(code).toEnvelope(),
      ),
    );
  }

  /** Queued delays and failures come first, so tests can script timeouts and error classes. */
  private async answer(path: string, res: Response, handle: () => object, forced: (code: number) => object): Promise<void> {
    const delay = take(this.state.delays, path);
    if (delay !== undefined) await sleep(delay);
    const failure = take(this.state.failures, path);
    if (failure !== undefined && failure >= 500) {
      res.status(failure).type('text/html').send('<html><body>Service Unavailable</body></html>');
      return;
    }
    res.json(failure === undefined ? handle() : forced(failure));
  }

  private sendCs(req: Request): Envelope {
    this.admit(req);
    const body = parseOr201(csBodySchema, req.body);
    const { text, attachment, quote_message_id: quoteMessageId } = body.message;
    const buttons = parseButtons(attachment);
    checkText(text, attachment !== undefined);
    const userId = body.recipient.user_id;
    this.assertReachable(userId);
    this.assertInWindow(userId);
    const stored = this.store({ kind: 'cs', userId, text, buttons, attachment, quoteMessageId });
    this.echo(stored);
    return success({ message_id: stored.id, user_id: userId });
  }

  private sendTemplate(req: Request): Envelope {
    this.admit(req);
    const body = parseOr201(templateBodySchema, req.body);
    this.assertReachable(body.user_id);
    if (isNightInVietnam(this.now())) throw new ApiError(-234);
    const stored = this.store({
      kind: 'template',
      userId: body.user_id,
      templateId: body.template_id,
      templateData: body.template_data,
    });
    // ZNS answers msg_id where /message/cs answers message_id; which one the by-uid template
    // endpoint uses is unknown, so both are given and the client may read either.
    return success({ message_id: stored.id, msg_id: stored.id, user_id: body.user_id });
  }

  private quota(req: Request): Envelope {
    this.admit(req);
    const { user_id: userId } = parseOr201(quotaBodySchema, req.body);
    const last = this.state.interactions.get(userId) ?? null;
    return success({ user_id: userId, last_interaction: last, quota_type: this.windowOf(last) });
  }

  private followerList(req: Request): Envelope {
    this.admit(req);
    const { offset, count } = parseOr201(followerQuerySchema, dataParameter(req));
    const followers = [...this.state.userStates].filter(([, state]) => state === 'follower').map(([userId]) => userId);
    const users = followers.slice(offset, offset + count).map((userId) => ({ user_id: userId }));
    return success({ total: followers.length, count: users.length, offset, users });
  }

  private userDetail(req: Request): Envelope {
    this.admit(req);
    const { user_id: userId } = parseOr201(userDetailQuerySchema, dataParameter(req));
    const name = this.state.displayNames.get(userId);
    if (name === undefined) throw new ApiError(-213);
    return success({ user_id: userId, display_name: name, user_is_follower: this.state.userStates.get(userId) !== 'unfollowed' });
  }

  private tag(req: Request, add: boolean): Envelope {
    this.admit(req);
    const { user_id: userId, tag_name: tag } = parseOr201(tagBodySchema, req.body);
    this.assertReachable(userId);
    const tags = this.state.tags.get(userId) ?? new Set<string>();
    if (add) tags.add(tag);
    else tags.delete(tag);
    this.state.tags.set(userId, tags);
    return success({});
  }

  /** free < 48 h ≤ paid ≤ 7 days < none: the billing windows of docs/zalo-platform.md §3. */
  private windowOf(last: number | null): 'free' | 'paid' | 'none' {
    if (last === null) return 'none';
    const age = this.now() - last;
    if (age < FREE_WINDOW_MS) return 'free';
    return age <= INTERACTION_WINDOW_MS ? 'paid' : 'none';
  }

  private refresh(req: Request): TokenAnswer | OAuthError {
    if (req.get('secret_key') !== this.options.appSecret) {
      return oauthError(-14014, 'invalid_secret', 'Invalid secret key');
    }
    const parsed = refreshBodySchema.safeParse(req.is('application/x-www-form-urlencoded') ? req.body : undefined);
    // The real code for a malformed request is unknown; any non-zero error exercises the client.
    if (!parsed.success) return oauthError(-14000, 'invalid_request', 'Expected a form-encoded refresh request');
    if (parsed.data.app_id !== this.options.appId) return oauthError(-14001, 'invalid_app_id', 'Unknown app_id');
    if (parsed.data.refresh_token !== this.state.tokens.refreshToken) {
      return oauthError(-14020, 'invalid_refresh_token', 'Refresh token is invalid or already used');
    }
    return this.rotateTokens();
  }

  /** Single use: the new pair replaces both old tokens at once, like Zalo. */
  private rotateTokens(): TokenAnswer {
    this.state.tokens = { accessToken: newToken(), refreshToken: newToken() };
    this.state.refreshCount += 1;
    const { accessToken, refreshToken } = this.state.tokens;
    return { access_token: accessToken, refresh_token: refreshToken, expires_in: '90000' };
  }

  /** Every OA call counts against the rate, even one refused for its token, as at Zalo. */
  private admit(req: Request): void {
    const minute = Math.floor(this.now() / MINUTE_MS);
    if (minute !== this.state.rateMinute) {
      this.state.rateMinute = minute;
      this.state.rateCount = 0;
    }
    this.state.rateCount += 1;
    if (this.state.rateCount > (this.options.rateLimitPerMin ?? 4000)) throw new ApiError(-32);
    if (req.get('access_token') !== this.state.tokens.accessToken) throw new ApiError(-216);
  }

  private assertReachable(userId: string): void {
    const state = this.state.userStates.get(userId);
    if (state === 'blocked') throw new ApiError(-217);
    if (state === 'unfollowed') throw new ApiError(-213);
  }

  private assertInWindow(userId: string): void {
    if (this.options.requireInteraction === false) return;
    const last = this.state.interactions.get(userId);
    if (last === undefined || this.now() - last > INTERACTION_WINDOW_MS) throw new ApiError(-230);
  }

  private store(fields: Omit<StoredMessage, 'id' | 'at'>): StoredMessage {
    const stored: StoredMessage = { ...fields, id: randomBytes(16).toString('hex'), at: this.now() };
    this.state.all.push(stored);
    const mine = this.state.byUser.get(stored.userId);
    if (mine) mine.push(stored);
    else this.state.byUser.set(stored.userId, [stored]);
    this.state.sendCount += 1;
    this.notify(stored);
    return stored;
  }

  private notify(stored: StoredMessage): void {
    for (const listener of this.listeners) {
      try {
        listener(stored);
      } catch {
        // A faulty observer (test or simulator) must not change what the API answers.
      }
    }
  }

  /** Fire and forget, after the answer is written: Zalo's echo races the send response too. */
  private echo(stored: StoredMessage): void {
    const echo = this.options.echo;
    if (!echo) return;
    const event = oaSendTextEvent({
      appId: echo.appId,
      oaId: echo.oaId,
      userId: stored.userId,
      text: stored.text ?? '',
      msgId: stored.id,
      timestamp: String(this.now()),
    });
    const { body, headers } = signedRequest(event, echo);
    const post = () => {
      axios.post(echo.webhookUrl, body, { headers, timeout: ECHO_TIMEOUT_MS, validateStatus: () => true }).catch(() => undefined);
    };
    setTimeout(post, echo.delayMs ?? 0).unref();
  }
}

export function createFakeZalo(options: FakeZaloOptions): FakeZalo {
  return new FakeZaloImpl(options);
}

export interface ListeningFakeZalo {
  url: string;
  close(): Promise<void>;
}

/** A standalone server on 127.0.0.1 with the router at `/`; port 0 picks a free port. */
export async function listenFakeZalo(fake: FakeZalo, port = 0): Promise<ListeningFakeZalo> {
  const app = express();
  app.use(fake.router);
  const server = createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // Keep-alive sockets of the clients would otherwise hold close() open.
        server.closeAllConnections();
      }),
  };
}

/** The read endpoints take their parameters as `?data=<JSON>`. */
function dataParameter(req: Request): unknown {
  try {
    return JSON.parse(typeof req.query.data === 'string' ? req.query.data : '') as unknown;
  } catch {
    throw new ApiError(-201, 'data is invalid!');
  }
}
