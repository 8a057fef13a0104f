/**
 * The built-in dossier store in Redis, fed by the one-stop system. Writing returns the previous
 * status, so the caller can tell a change (which notifies followers) from a repeat.
 */
import type { Keys } from '../../store/keys';
import type { RedisClient } from '../../store/redis';
import { dossierSchema, type Dossier } from './dossier';
import type { DossierLookup, DossierSource } from './dossier-source';

export class DossierStore implements DossierSource {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
  ) {}

  async find(code: string): Promise<DossierLookup> {
    const raw = await this.redis.get(this.keys.dossier(code));
    if (!raw) return { status: 'not_found' };
    const parsed = dossierSchema.safeParse(JSON.parse(raw));
    return parsed.success ? { status: 'found', dossier: parsed.data } : { status: 'not_found' };
  }

  /** Stores the dossier; returns the status it had before (undefined when new). */
  async put(dossier: Dossier): Promise<number | undefined> {
    const previous = await this.redis.set(this.keys.dossier(dossier.code), JSON.stringify(dossier), { GET: true });
    if (!previous) return undefined;
    const parsed = dossierSchema.safeParse(JSON.parse(previous));
    return parsed.success ? parsed.data.status : undefined;
  }
}
