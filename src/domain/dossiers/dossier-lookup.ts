/**
 * A citizen's status lookup: lockouts first, then the source, then the second factor (the last
 * four digits of the phone or ID number on file). An unknown code and a wrong factor take the
 * same path — one source read, one failure recorded, one audit line — so neither the answer nor
 * its timing tells which codes exist.
 */
import { timingSafeEqual } from 'node:crypto';
import type { Dossier } from './dossier';
import type { DossierSource } from './dossier-source';
import type { LockScope, LookupGuard } from './lookup-guard';
import type { DossierFollows } from './dossier-follows';
import type { DailyCounts } from '../stats/daily-counts';

/** Which last four digits unlock a dossier: the phone's, the ID number's, or either. */
export type SecondFactor = 'either' | 'phone' | 'id';

export type LookupResult =
  { kind: 'shown'; dossier: Dossier } | { kind: 'wrong' } | { kind: 'locked'; scope: LockScope } | { kind: 'unavailable' };

export class DossierLookupService {
  constructor(
    private readonly source: DossierSource,
    private readonly guard: LookupGuard,
    private readonly follows: DossierFollows,
    /** Which last four digits unlock a dossier. */
    readonly secondFactor: SecondFactor = 'either',
    /** Lookups per day, for the officers' overview. */
    private readonly daily?: Pick<DailyCounts, 'add'>,
  ) {}

  /** The procedure code of a dossier, for recording a rating; undefined when unknown. */
  async procedureOf(code: string): Promise<string | undefined> {
    const found = await this.source.find(code);
    return found.status === 'found' ? found.dossier.procedureCode : undefined;
  }

  /** Before asking for the second factor: a locked-out attempt is refused (and audited) at once. */
  async lockedOut(userId: string, code: string): Promise<LockScope | null> {
    const locked = await this.guard.lockedOut(userId, code);
    if (locked) await this.guard.audit(userId, code, 'locked');
    return locked;
  }

  async lookup(userId: string, code: string, factor: string): Promise<LookupResult> {
    // A figure for the console: a counter that fails must not fail the citizen's lookup.
    await this.daily?.add('lookups').catch(() => undefined);
    const locked = await this.lockedOut(userId, code);
    if (locked) return { kind: 'locked', scope: locked };
    const found = await this.source.find(code);
    if (found.status === 'unavailable') {
      await this.guard.audit(userId, code, 'unavailable');
      return { kind: 'unavailable' };
    }
    const dossier = found.status === 'found' ? found.dossier : undefined;
    if (dossier && matchesFactor(dossier, factor, this.secondFactor)) {
      await this.guard.audit(userId, code, 'shown');
      await this.follows.grant(userId, code);
      return { kind: 'shown', dossier };
    }
    const nowLocked = await this.guard.recordFailure(userId, code);
    await this.guard.audit(userId, code, 'wrong_factor');
    return nowLocked ? { kind: 'locked', scope: nowLocked } : { kind: 'wrong' };
  }
}

const sameDigits = (a: string | undefined, b: string) =>
  a !== undefined && timingSafeEqual(Buffer.from(a.padEnd(4)), Buffer.from(b.padEnd(4).slice(0, 4)));

function matchesFactor(dossier: Dossier, factor: string, accepted: SecondFactor): boolean {
  // Both are compared every time: which one matched must not show in the timing either.
  const phone = sameDigits(dossier.applicantPhoneLast4, factor);
  const id = sameDigits(dossier.applicantIdLast4, factor);
  return (accepted !== 'id' && phone) || (accepted !== 'phone' && id);
}
