/**
 * Officers' Zalo ids and their roles: who may compose announcements in the chat. Managed by an
 * admin through the API (`PUT/DELETE /api/v1/staff/<zalo user id>`); every change is appended to
 * a capped audit list with the actor, so a wrongly granted role can be traced.
 */
import { z } from 'zod';
import type { Keys } from '../../store/keys';
import type { RedisClient } from '../../store/redis';
import { appendCapped } from '../../store/capped-list';

export const STAFF_ROLES = ['admin', 'officer'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const staffInputSchema = z.strictObject({
  role: z.enum(STAFF_ROLES),
  name: z.string().trim().min(1).max(100),
});

export type StaffInput = z.infer<typeof staffInputSchema>;

const storedMember = staffInputSchema.extend({ updatedAt: z.string() });

export interface StaffMember extends StaffInput {
  id: string;
  updatedAt: string;
}

/** Who made a change (an API token's principal). */
export interface StaffActor {
  id: string;
  name: string;
}

export interface StaffAuditEntry {
  at: string;
  action: 'put' | 'delete';
  staffId: string;
  role?: StaffRole;
  name?: string;
  actor: StaffActor;
}

/** Enough history to trace any change of a small commune's staff; older entries fall off. */
const AUDIT_KEPT = 5000;

export class StaffDirectory {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
    private readonly now: () => number = Date.now,
  ) {}

  async role(zaloUserId: string): Promise<StaffRole | undefined> {
    return (await this.get(zaloUserId))?.role;
  }

  async get(zaloUserId: string): Promise<StaffMember | undefined> {
    const raw = await this.redis.hGet(this.keys.staff, zaloUserId);
    const parsed = raw ? storedMember.safeParse(JSON.parse(raw)) : undefined;
    return parsed?.success ? { id: zaloUserId, ...parsed.data } : undefined;
  }

  async list(): Promise<StaffMember[]> {
    const all = await this.redis.hGetAll(this.keys.staff);
    return Object.entries(all).flatMap(([id, raw]) => {
      const parsed = storedMember.safeParse(JSON.parse(raw));
      return parsed.success ? [{ id, ...parsed.data }] : [];
    });
  }

  /** Grants or changes a role; `created` when the id had none. */
  async put(zaloUserId: string, input: StaffInput, actor: StaffActor): Promise<{ member: StaffMember; created: boolean }> {
    const at = new Date(this.now()).toISOString();
    const member = { ...input, updatedAt: at };
    const created = (await this.redis.hSet(this.keys.staff, zaloUserId, JSON.stringify(member))) === 1;
    await this.audit({ at, action: 'put', staffId: zaloUserId, role: input.role, name: input.name, actor });
    return { member: { id: zaloUserId, ...member }, created };
  }

  /** true when the id had a role. */
  async remove(zaloUserId: string, actor: StaffActor): Promise<boolean> {
    const removed = (await this.redis.hDel(this.keys.staff, zaloUserId)) === 1;
    if (removed) await this.audit({ at: new Date(this.now()).toISOString(), action: 'delete', staffId: zaloUserId, actor });
    return removed;
  }

  async auditTrail(limit = 100): Promise<StaffAuditEntry[]> {
    return (await this.redis.lRange(this.keys.staffAudit, 0, limit - 1)).map((e) => JSON.parse(e) as StaffAuditEntry);
  }

  private audit(entry: StaffAuditEntry): Promise<void> {
    return appendCapped(this.redis, this.keys.staffAudit, entry, AUDIT_KEPT);
  }
}
