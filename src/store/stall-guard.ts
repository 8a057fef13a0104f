/**
 * A frozen Redis (a stopped process, a stalled network path) keeps the TCP connection open and
 * never answers, and node-redis's command timeout only covers commands not yet written to the
 * socket (node-redis PR #3008), so a request waiting on Redis would wait as long as the freeze.
 * Where an answer is due quickly — the webhook's acknowledgement, inside Zalo's 2 s — the work
 * runs against a deadline. A missed deadline marks Redis stalled: until a PING (queued behind the
 * frozen commands) comes back, requests are refused at once instead of each waiting out the
 * deadline. The late commands still run when Redis wakes: the webhook's are idempotent (seen-set).
 */
import type { RedisClient } from './redis';

export class RedisStalledError extends Error {
  override readonly name = 'RedisStalledError';
  constructor(deadlineMs: number) {
    super(`Redis did not answer within ${deadlineMs} ms`);
  }
}

export class RedisStallGuard {
  private probe: Promise<void> | undefined;

  constructor(
    private readonly redis: RedisClient,
    readonly deadlineMs: number,
  ) {}

  /** True from a missed deadline until Redis answers again. */
  get stalled(): boolean {
    return this.probe !== undefined;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.stalled) throw new RedisStalledError(this.deadlineMs);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.markStalled();
        reject(new RedisStalledError(this.deadlineMs));
      }, this.deadlineMs);
    });
    try {
      return await Promise.race([work(), deadline]);
    } finally {
      clearTimeout(timer);
    }
  }

  private markStalled(): void {
    // Any answer, even an error (the connection was dropped and commands now fail fast), ends the stall.
    this.probe ??= this.redis
      .ping()
      .then(
        () => undefined,
        () => undefined,
      )
      .finally(() => {
        this.probe = undefined;
      });
  }
}
