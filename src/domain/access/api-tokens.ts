/**
 * API tokens for officers' tools and the one-stop system (docs/contract.md). A token is shown once,
 * at creation; Redis keeps only its SHA-256, so a copy of the database unlocks nothing. The
 * bootstrap ADMIN_TOKEN from the environment is compared in constant time and never stored.
 */
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { Keys } from '../../store/keys';
import type { RedisClient } from '../../store/redis';

/** The environment's admin token's name: a setting's name, never shown to a citizen as who answers. */
export const ENV_ADMIN_NAME = 'ADMIN_TOKEN';

export const ROLES = ['admin', 'officer', 'team', 'onestop'] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  /** Token id, or "env" for the bootstrap admin token. */
  id: string;
  role: Role;
  name: string;
  /** A team token's village: it sees only that village's tickets. */
  village?: string;
}

const storedToken = z.object({
  id: z.string(),
  role: z.enum(ROLES),
  name: z.string(),
  village: z.string().optional(),
  createdAt: z.string(),
});

export type TokenRecord = z.infer<typeof storedToken>;

const sha256 = (value: string) => createHash('sha256').update(value).digest();

export class ApiTokens {
  private readonly adminHash: Buffer;

  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
    adminToken: string,
  ) {
    this.adminHash = sha256(adminToken);
  }

  async create(input: { role: Role; name: string; village?: string }): Promise<{ id: string; token: string }> {
    const id = randomUUID();
    const token = `zoa_${randomBytes(32).toString('base64url')}`;
    const record = { id, ...input, createdAt: new Date().toISOString() };
    const hash = sha256(token).toString('hex');
    // Two commands, since the hashes sit in different slots on a cluster. The id first: a token
    // that works is always revocable; a crash in between leaves an id for a token never handed out.
    await this.redis.hSet(this.keys.apiTokenIds, id, hash);
    await this.redis.hSet(this.keys.apiTokens, hash, JSON.stringify(record));
    return { id, token };
  }

  /** true when a token with that id existed. */
  async revoke(id: string): Promise<boolean> {
    const hash = await this.redis.hGet(this.keys.apiTokenIds, id);
    if (!hash) return false;
    // The token stops working first; a crash before the id goes leaves it for a second revoke.
    await this.redis.hDel(this.keys.apiTokens, hash);
    await this.redis.hDel(this.keys.apiTokenIds, id);
    return true;
  }

  /** Every stored token's record, oldest first: who holds which role. The secrets are not kept, so none is shown. */
  async list(): Promise<TokenRecord[]> {
    const records = (await this.redis.hVals(this.keys.apiTokens)).flatMap((raw) => {
      const parsed = storedToken.safeParse(JSON.parse(raw));
      return parsed.success ? [parsed.data] : [];
    });
    return records.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  async verify(token: string): Promise<Principal | undefined> {
    const hash = sha256(token);
    if (timingSafeEqual(hash, this.adminHash)) return { id: 'env', role: 'admin', name: ENV_ADMIN_NAME };
    const raw = await this.redis.hGet(this.keys.apiTokens, hash.toString('hex'));
    const parsed = raw ? storedToken.safeParse(JSON.parse(raw)) : undefined;
    if (!parsed?.success) return undefined;
    const { id, role, name, village } = parsed.data;
    return { id, role, name, village };
  }
}
