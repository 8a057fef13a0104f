/**
 * Dossier codes are guessable, so a lookup needs a second factor and is rate-limited (issue 4):
 * - 5 wrong answers by one user for one code lock that user out of that code for 24 h;
 * - 10 wrong answers by one user within an hour lock that user out of all lookups for an hour;
 * - counters are per user: nobody's guesses can lock the dossier's owner out;
 * - many wrong answers for one code across users raise an alert for officers.
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
}

export const DEFAULT_LOOKUP_GUARD: LookupGuardOptions = {
  perCodeLimit: 5,
  perCodeLockSec: 24 * 3600,
  perUserLimit: 10,
  perUserWindowSec: 3600,
  alertThreshold: 20,
};

export type LockScope = 'code' | 'user';
export type LookupOutcome = 'shown' | 'wrong_factor' | 'locked' | 'unavailable';

const AUDIT_KEPT = 100_000;

export class LookupGuard {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
    private readonly logger: Logger,
    private readonly options: LookupGuardOptions = DEFAULT_LOOKUP_GUARD,
  ) {}

  /** Which lock, if any, keeps this user from looking this code up now. */
  async lockedOut(userId: string, code: string): Promise<LockScope | null> {
    const [perUser, perCode] = await this.redis.mGet([this.userKey(userId), this.userCodeKey(userId, code)]);
    if (Number(perUser ?? 0) >= this.options.perUserLimit) return 'user';
    if (Number(perCode ?? 0) >= this.options.perCodeLimit) return 'code';
    return null;
  }

  /** Counts a wrong answer (or an unknown code: the same thing to the outside). */
  async recordFailure(userId: string, code: string): Promise<void> {
    const userCode = this.userCodeKey(userId, code);
    const user = this.userKey(userId);
    const anyone = this.keys.lookupFailures('code', code);
    const results = await this.redis
      .multi()
      .incr(userCode)
      .expire(userCode, this.options.perCodeLockSec, 'NX')
      .incr(user)
      .expire(user, this.options.perUserWindowSec, 'NX')
      .incr(anyone)
      .expire(anyone, 3600, 'NX')
      .exec();
    // Reaching a limit starts the full lock time from now, not from the first wrong answer.
    if (Number(results[0]) === this.options.perCodeLimit) await this.redis.expire(userCode, this.options.perCodeLockSec);
    if (Number(results[2]) === this.options.perUserLimit) await this.redis.expire(user, this.options.perUserWindowSec);
    if (Number(results[4]) === this.options.alertThreshold) {
      this.logger.warn({ code, failures: this.options.alertThreshold }, 'ALERT: many wrong dossier lookups for one code: someone may be guessing');
    }
  }

  async audit(userId: string, code: string, outcome: LookupOutcome): Promise<void> {
    await appendCapped(this.redis, this.keys.lookupAudit, { at: new Date().toISOString(), user: hashId(userId), code, outcome }, AUDIT_KEPT);
  }

  private userKey(userId: string): string {
    return this.keys.lookupFailures('user', userId);
  }

  private userCodeKey(userId: string, code: string): string {
    return this.keys.lookupFailures('user-code', `${userId}:${code}`);
  }
}
