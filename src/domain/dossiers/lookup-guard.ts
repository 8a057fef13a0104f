/**
 * Dossier codes are guessable, so a lookup needs a second factor and is rate-limited (issue 4):
 * - 5 wrong answers by one user for one code lock that user out of that code for 24 h;
 * - 10 wrong answers by one user within an hour lock that user out of all lookups for an hour;
 * - those two counters are per user: one account's guesses cannot lock the dossier's owner out;
 * - many wrong answers for one code across users (20 within an hour) raise an alert for officers
 *   and lock that code for chat lookups by everyone for 24 h: guessing from many accounts is
 *   stopped, at the price that anyone who knows a code can pause its chat lookup (a nuisance,
 *   not a leak: the owner is told to call or visit the centre, and the officers are told).
 * Every lookup is audited with the user id hashed.
 */
import type { Logger } from '../../logger';
import { hashId } from '../../logger';
import type { Keys } from '../../store/keys';
import type { RedisClient } from '../../store/redis';
import { appendCapped } from '../../store/capped-list';

export interface LookupGuardOptions {
  perCodeLimit: number;
  perCodeLockSec: number;
  perUserLimit: number;
  perUserWindowSec: number;
  /** Wrong answers for one code across all users within an hour that raise an alert. */
  alertThreshold: number;
  /** Wrong answers for one code across all users within an hour that lock it for everyone… */
  everyoneLockThreshold: number;
  /** …for this long. */
  everyoneLockSec: number;
}

export const DEFAULT_LOOKUP_GUARD: LookupGuardOptions = {
  perCodeLimit: 5,
  perCodeLockSec: 24 * 3600,
  perUserLimit: 10,
  perUserWindowSec: 3600,
  alertThreshold: 20,
  everyoneLockThreshold: 20,
  everyoneLockSec: 24 * 3600,
};

/** `code`: this user, this code · `user`: this user, every code · `everyone`: this code, every user. */
export type LockScope = 'code' | 'user' | 'everyone';
export type LookupOutcome = 'shown' | 'wrong_factor' | 'locked' | 'unavailable';

const AUDIT_KEPT = 100_000;
/** As long as a retried delivery of the event can come back (the webhook's seen-set). */
const COUNTED_TTL_SEC = 48 * 3600;

export class LookupGuard {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
    private readonly logger: Logger,
    private readonly options: LookupGuardOptions = DEFAULT_LOOKUP_GUARD,
    /** Tells officers that someone may be guessing (the engine's notice sender); a log line without it. */
    private readonly alert?: (code: string, failures: number, lockedForEveryone: boolean) => Promise<unknown>,
    /** The inbound event being handled (engine/event-scope.ts): a retried event counts its wrong answer once. */
    private readonly currentEvent: () => { id: string; userId: string } | undefined = () => undefined,
  ) {}

  /** Which lock, if any, keeps this user from looking this code up now. */
  async lockedOut(userId: string, code: string): Promise<LockScope | null> {
    // Separate GETs, not one MGET: the keys sit in different slots on a cluster, and each limit stands alone.
    const [perUser, perCode, everyone] = await Promise.all([
      this.redis.get(this.userKey(userId)),
      this.redis.get(this.userCodeKey(userId, code)),
      this.redis.exists(this.keys.lookupLocked(code)),
    ]);
    return this.lockOf(Number(perUser ?? 0), Number(perCode ?? 0), everyone === 1);
  }

  private lockOf(perUser: number, perCode: number, everyone: boolean): LockScope | null {
    if (perUser >= this.options.perUserLimit) return 'user';
    if (perCode >= this.options.perCodeLimit) return 'code';
    if (everyone) return 'everyone';
    return null;
  }

  /**
   * Counts a wrong answer (or an unknown code: the same thing to the outside); resolves to the
   * lock it leaves in force, read from the counts just written rather than fetched again.
   */
  async recordFailure(userId: string, code: string): Promise<LockScope | null> {
    const event = this.currentEvent();
    if (event && !(await this.redis.set(this.keys.lookupCounted(event.userId, event.id), code, { NX: true, EX: COUNTED_TTL_SEC }))) {
      return this.lockedOut(userId, code); // counted when this event was first handled
    }
    const userCode = this.userCodeKey(userId, code);
    const user = this.userKey(userId);
    const [perCode, perUser, byAnyone] = await Promise.all([
      this.count(userCode, this.options.perCodeLockSec),
      this.count(user, this.options.perUserWindowSec),
      this.count(this.keys.lookupFailures('code', code), 3600),
    ]);
    // Reaching a limit starts the full lock time from now, not from the first wrong answer.
    if (perCode === this.options.perCodeLimit) await this.redis.expire(userCode, this.options.perCodeLockSec);
    if (perUser === this.options.perUserLimit) await this.redis.expire(user, this.options.perUserWindowSec);
    const lockedNow = byAnyone === this.options.everyoneLockThreshold;
    if (lockedNow) await this.redis.set(this.keys.lookupLocked(code), '1', { EX: this.options.everyoneLockSec });
    if (byAnyone === this.options.alertThreshold) {
      this.logger.warn(
        { code, failures: byAnyone, lockedForEveryone: lockedNow },
        'ALERT: many wrong dossier lookups for one code: someone may be guessing',
      );
      // The citizen's lookup must not fail because an officer could not be told.
      await this.alert?.(code, byAnyone, lockedNow).catch((err: Error) =>
        this.logger.error({ code, err: err.message }, 'could not tell officers about guessing'),
      );
    }
    const everyone = byAnyone >= this.options.everyoneLockThreshold || (await this.redis.exists(this.keys.lookupLocked(code))) === 1;
    return this.lockOf(perUser, perCode, everyone);
  }

  async audit(userId: string, code: string, outcome: LookupOutcome): Promise<void> {
    await appendCapped(
      this.redis,
      this.keys.lookupAudit,
      { at: new Date().toISOString(), user: hashId(userId), code, outcome },
      AUDIT_KEPT,
    );
  }

  /**
   * One wrong answer more on one counter; its window starts with the first. One MULTI per counter:
   * the counters are independent (each limit is checked on its own), and on a cluster they sit
   * in different slots.
   */
  private async count(key: string, windowSec: number): Promise<number> {
    const [count] = await this.redis.multi().incr(key).expire(key, windowSec, 'NX').exec();
    return Number(count);
  }

  private userKey(userId: string): string {
    return this.keys.lookupFailures('user', userId);
  }

  private userCodeKey(userId: string, code: string): string {
    return this.keys.lookupFailures('user-code', `${userId}:${code}`);
  }
}
