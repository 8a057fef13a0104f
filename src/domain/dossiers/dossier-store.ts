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
    const dossier = readStored(await this.redis.get(this.keys.dossier(code)));
    return dossier ? { status: 'found', dossier } : { status: 'not_found' };
  }

  /** Stores the dossier; returns the status it had before (undefined when new). */
  async put(dossier: Dossier): Promise<number | undefined> {
    return readStored(await this.redis.set(this.keys.dossier(dossier.code), JSON.stringify(dossier), { GET: true }))?.status;
  }
}

/** A stored dossier, or undefined when there is none or it no longer fits the model. */
function readStored(raw: string | null): Dossier | undefined {
  if (!raw) return undefined;
  const parsed = dossierSchema.safeParse(JSON.parse(raw));
  return parsed.success ? parsed.data : undefined;
}
