/**
 * Where dossiers come from: the built-in store fed by the one-stop system (PUT /api/v1/dossiers,
 * CSV import), or a provincial system read over HTTP. The lookup conversation sees only this.
 * `unavailable` is an honest answer: the source is down, the citizen should try again later.
 */
import type { Dossier } from './dossier';

export type DossierLookup = { status: 'found'; dossier: Dossier } | { status: 'not_found' } | { status: 'unavailable' };

export interface DossierSource {
  find(code: string): Promise<DossierLookup>;
}
