/**
 * The dossier lookups as officers review them: the audit trail the lookup guard appends to (every
 * lookup, the user hashed; newest first, capped) read over a period, and the guessing it shows —
 * codes that drew many wrong second factors within an hour (the guard's alert threshold), and
 * whether a code is locked for chat lookups by everyone now, and until when.
 */
import type { Keys } from '../../store/keys';
import type { RedisClient } from '../../store/redis';
import { DEFAULT_LOOKUP_GUARD, type LookupOutcome } from './lookup-guard';

export interface LookupAuditEntry {
  at: string;
  /** The user, hashed. */
  user: string;
  code: string;
  outcome: LookupOutcome;
}

export interface GuessingAlert {
  code: string;
  /** Wrong second factors (and unknown codes) in the period. */
  wrongAnswers: number;
  /** How many people gave them. */
  users: number;
  /** The most wrong answers within any one hour of the period. */
  peakHour: number;
  /** Lookups refused in the period because a lock was in force. */
  refusedWhileLocked: number;
  firstAt: string;
  lastAt: string;
  /** Locked for chat lookups by everyone until then; null when not locked now. */
  lockedUntil: string | null;
}

const PAGE = 1000;
const HOUR_MS = 3_600_000;

/** The most timestamps (sorted) within any window of `windowMs`. */
function peakWithin(sorted: number[], windowMs: number): number {
  let peak = 0;
  let start = 0;
  sorted.forEach((time, end) => {
    while (time - (sorted[start] ?? time) >= windowMs) start += 1;
    peak = Math.max(peak, end - start + 1);
  });
  return peak;
}

export class LookupAudit {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
    /** Wrong answers for one code within an hour that make an alert (the guard's own threshold). */
    readonly alertThreshold = DEFAULT_LOOKUP_GUARD.alertThreshold,
  ) {}

  /** Entries in [from, to), newest first. The list is newest first: reading stops past `from`. */
  async between(from: number, to: number): Promise<LookupAuditEntry[]> {
    const found: LookupAuditEntry[] = [];
    for (let start = 0; ; start += PAGE) {
      const page = (await this.redis.lRange(this.keys.lookupAudit, start, start + PAGE - 1)).map(
        (raw) => JSON.parse(raw) as LookupAuditEntry,
      );
      found.push(...page.filter((e) => Date.parse(e.at) >= from && Date.parse(e.at) < to));
      const oldest = page[page.length - 1];
      if (page.length < PAGE || !oldest || Date.parse(oldest.at) < from) return found;
    }
  }

  /** The codes guessed at in [from, to) — an hour's wrong answers reached the threshold — and every code locked now. */
  async alerts(from: number, to: number): Promise<GuessingAlert[]> {
    const byCode = new Map<string, LookupAuditEntry[]>();
    for (const e of await this.between(from, to)) {
      if (e.outcome !== 'wrong_factor' && e.outcome !== 'locked') continue;
      // Appended in place: the log holds up to 100,000 entries, and one code may be most of them.
      const entries = byCode.get(e.code);
      if (entries) entries.push(e);
      else byCode.set(e.code, [e]);
    }
    const alerts = await Promise.all([...byCode].map(([code, entries]) => this.alertOf(code, entries)));
    return alerts
      .filter((a) => a.lockedUntil !== null || a.peakHour >= this.alertThreshold)
      .sort((a, b) => b.lastAt.localeCompare(a.lastAt));
  }

  private async alertOf(code: string, entries: LookupAuditEntry[]): Promise<GuessingAlert> {
    const wrong = entries.filter((e) => e.outcome === 'wrong_factor');
    const times = entries.map((e) => Date.parse(e.at)).sort((a, b) => a - b);
    const lockMs = await this.redis.pTTL(this.keys.lookupLocked(code));
    return {
      code,
      wrongAnswers: wrong.length,
      users: new Set(wrong.map((e) => e.user)).size,
      peakHour: peakWithin(
        wrong.map((e) => Date.parse(e.at)).sort((a, b) => a - b),
        HOUR_MS,
      ),
      refusedWhileLocked: entries.length - wrong.length,
      firstAt: new Date(times[0] ?? 0).toISOString(),
      lastAt: new Date(times[times.length - 1] ?? 0).toISOString(),
      lockedUntil: lockMs > 0 ? new Date(Date.now() + lockMs).toISOString() : null,
    };
  }
}
