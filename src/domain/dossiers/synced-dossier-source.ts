/**
 * A provincial system as the source of truth, with our store as its memory: every dossier read
 * from it is kept, so a status change seen there — on a citizen's lookup or on the periodic check
 * of followed dossiers — notifies followers exactly as a change pushed through the API does.
 */
import type { Dossier } from './dossier';
import type { DossierLookup, DossierSource } from './dossier-source';
import type { DossierStore } from './dossier-store';

export class SyncedDossierSource implements DossierSource {
  constructor(
    private readonly remote: DossierSource,
    private readonly store: DossierStore,
    private readonly onStatusChange: (dossier: Dossier) => Promise<void>,
  ) {}

  async find(code: string): Promise<DossierLookup> {
    const found = await this.remote.find(code);
    if (found.status !== 'found') return found;
    const previous = await this.store.put(found.dossier);
    if (previous !== undefined && previous !== found.dossier.status) await this.onStatusChange(found.dossier);
    return found;
  }
}
