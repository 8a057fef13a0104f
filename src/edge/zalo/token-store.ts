/**
 * The OA token pair (docs/zalo-platform.md §4). Refresh tokens are single-use: two processes refreshing
 * at once, or a crash between refreshing and saving, lose the OA's authorisation. So:
 * - the pair lives in Redis, seeded once from the environment (taken as freshly issued);
 * - one refresh at a time across all processes (a Redis lock) and within a process (one promise);
 * - a caller that saw a token fail passes it in; if the pair already changed, no refresh happens;
 * - the new pair is written to Redis before anyone uses it;
 * - a failed refresh logs loudly and counts in a metric: an OA admin must re-authorise.
 */
import { randomUUID } from 'node:crypto';
import axios, { type AxiosInstance } from 'axios';
import { z } from 'zod';
import type { Logger } from '../../logger';
import type { Metrics } from '../../metrics';
import type { Keys } from '../../store/keys';
import { LuaScript } from '../../store/lua-script';
import type { RedisClient } from '../../store/redis';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  /** When Zalo issued it (ms); the proactive refresh runs from this. */
  issuedAt: number;
  expiresAt: number;
}

export interface TokenStoreOptions {
  appId: string;
  appSecret: string;
  oauthBase: string;
  initial?: { accessToken: string; refreshToken: string };
  /** Refresh proactively once the pair is this old (ms). */
  refreshAfterMs: number;
  timeoutMs?: number;
  /** How long a refresher may hold the lock (ms). Default 30 s. */
  lockTtlMs?: number;
  now?: () => number;
}

const ACCESS_TOKEN_LIFETIME_MS = 25 * 3_600_000;

const storedPair = z.object({
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1),
  issuedAt: z.number(),
  expiresAt: z.number(),
});

const oauthAnswer = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  expires_in: z.coerce.number().positive().optional(),
});

/** KEYS: lock · ARGV: owner → deletes the lock only if we still hold it */
const releaseLock = new LuaScript(
  'releaseTokenLock',
  `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`,
);

export class TokenUnavailableError extends Error {
  override readonly name = 'TokenUnavailableError';
}

export class TokenStore {
  private inflight?: Promise<TokenPair>;
  /** A refreshed pair Redis has not taken yet: the only copy of a live refresh token. */
  private unsaved?: TokenPair;
  private readonly http: AxiosInstance;
  private readonly now: () => number;

  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
    private readonly options: TokenStoreOptions,
    private readonly logger: Logger,
    private readonly metrics: Metrics,
  ) {
    this.now = options.now ?? Date.now;
    this.http = axios.create({ baseURL: options.oauthBase, timeout: options.timeoutMs ?? 10_000 });
  }

  /** The pair in force; seeds Redis from the environment the first time. */
  async current(): Promise<TokenPair> {
    if (this.unsaved) return this.saveUnsaved(this.unsaved);
    const stored = await this.read();
    if (stored) return stored;
    const initial = this.options.initial;
    if (!initial) {
      throw new TokenUnavailableError(
        'no Zalo token pair in Redis and none in ZALO_ACCESS_TOKEN / ZALO_REFRESH_TOKEN: authorise the OA and set them',
      );
    }
    const issuedAt = this.now();
    const seeded: TokenPair = { ...initial, issuedAt, expiresAt: issuedAt + ACCESS_TOKEN_LIFETIME_MS };
    await this.redis.set(this.keys.tokens, JSON.stringify(seeded), { condition: 'NX' });
    return (await this.read()) ?? seeded;
  }

  /** Refreshes unless `staleAccessToken` was already replaced; concurrent callers share one refresh. */
  refresh(staleAccessToken: string | null, reason: string): Promise<TokenPair> {
    this.inflight ??= this.refreshOnce(staleAccessToken, reason).finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  /** The scheduled refresh: well before the 25 h expiry. Returns whether it refreshed. */
  async refreshIfDue(): Promise<boolean> {
    const pair = await this.current();
    if (this.now() - pair.issuedAt < this.options.refreshAfterMs) return false;
    await this.refresh(pair.accessToken, 'scheduled');
    return true;
  }

  private async refreshOnce(stale: string | null, reason: string): Promise<TokenPair> {
    const lockTtl = this.options.lockTtlMs ?? 30_000;
    const deadline = this.now() + lockTtl + 5000;
    const owner = randomUUID();
    for (;;) {
      const pair = await this.current();
      if (stale !== null && pair.accessToken !== stale) return pair;
      const locked = await this.redis.set(this.keys.tokenLock, owner, { condition: 'NX', expiration: { type: 'PX', value: lockTtl } });
      if (locked === 'OK') {
        try {
          return await this.refreshLocked(stale, reason);
        } finally {
          await releaseLock.run(this.redis, [this.keys.tokenLock], [owner]).catch(() => undefined);
        }
      }
      if (this.now() > deadline) throw new TokenUnavailableError('another process holds the token refresh lock too long');
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  private async refreshLocked(stale: string | null, reason: string): Promise<TokenPair> {
    const pair = await this.current();
    if (stale !== null && pair.accessToken !== stale) return pair;
    try {
      const fresh = await this.callOAuth(pair.refreshToken);
      // Persist before use: the old refresh token is already dead at Zalo.
      this.unsaved = fresh;
      await this.saveUnsaved(fresh);
      this.metrics.tokenRefreshes.inc({ result: 'success' });
      this.logger.info({ reason }, 'zalo token pair refreshed');
      return fresh;
    } catch (err) {
      this.metrics.tokenRefreshes.inc({ result: 'failure' });
      this.logger.fatal(
        { reason, err: err instanceof Error ? err.message : String(err) },
        'ZALO TOKEN REFRESH FAILED: the OA cannot send until an OA admin re-authorises the app',
      );
      throw err;
    }
  }

  /** Writes the pair, retrying for a few seconds; until it is stored, it stays in memory and is used. */
  private async saveUnsaved(pair: TokenPair): Promise<TokenPair> {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      try {
        await this.redis.set(this.keys.tokens, JSON.stringify(pair));
        if (this.unsaved === pair) this.unsaved = undefined;
        return pair;
      } catch {
        await new Promise((r) => setTimeout(r, 200 * 2 ** attempt));
      }
    }
    this.logger.fatal('the refreshed Zalo token pair is not saved in Redis yet: it lives only in this process');
    return pair;
  }

  private async callOAuth(refreshToken: string): Promise<TokenPair> {
    const form = new URLSearchParams({ refresh_token: refreshToken, app_id: this.options.appId, grant_type: 'refresh_token' });
    const res = await this.http.post('/v4/oa/access_token', form.toString(), {
      headers: { 'content-type': 'application/x-www-form-urlencoded', secret_key: this.options.appSecret },
      validateStatus: () => true,
    });
    const body = (res.data ?? {}) as Record<string, unknown>;
    // Zalo answers at the top level; some gateways wrap it in `data`: accept both.
    const parsed = oauthAnswer.safeParse(body.access_token ? body : body.data);
    if (!parsed.success) {
      const reason = body.error_name ?? body.message ?? 'no token in answer';
      throw new TokenUnavailableError(
        `OAuth refresh refused (${JSON.stringify(body.error ?? res.status)}): ${typeof reason === 'string' ? reason : JSON.stringify(reason)}`,
      );
    }
    const issuedAt = this.now();
    const lifetime = (parsed.data.expires_in ?? ACCESS_TOKEN_LIFETIME_MS / 1000) * 1000;
    return {
      accessToken: parsed.data.access_token,
      refreshToken: parsed.data.refresh_token,
      issuedAt,
      expiresAt: issuedAt + lifetime,
    };
  }

  private async read(): Promise<TokenPair | undefined> {
    const raw = await this.redis.get(this.keys.tokens);
    if (!raw) return undefined;
    const parsed = storedPair.safeParse(JSON.parse(raw));
    if (!parsed.success) throw new TokenUnavailableError('the token pair stored in Redis is malformed');
    return parsed.data;
  }
}
