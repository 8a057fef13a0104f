/**
 * A circuit breaker for a remote system that may be down. After `failureThreshold` consecutive
 * failures it opens: calls are refused at once (`CircuitOpenError`) for `openMs`, so citizens get
 * "try again later" without waiting on timeouts and the ailing system is left alone. Then it is
 * half-open: exactly one trial call goes through (others are still refused); its success closes
 * the circuit, its failure opens it for another `openMs`.
 *
 * Left out on purpose: failure-rate windows and slow-call detection (the caller's timeout makes a
 * slow call a failure). A call that started while closed and ends after the circuit opened does
 * not change the state: only the trial decides when to close.
 */

export type CircuitState = 'closed' | 'open' | 'half_open';

export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit (≥ 1). */
  failureThreshold: number;
  /** How long the circuit stays open before a trial call, in ms. */
  openMs: number;
  /** The clock; injected by tests. @defaultValue Date.now */
  now?: () => number;
  /** Told of every transition, e.g. to log "opened" and "closed again". */
  onStateChange?: (to: CircuitState, from: CircuitState) => void;
}

export class CircuitOpenError extends Error {
  constructor(readonly retryAfterMs: number) {
    super(`circuit open: not calling for another ${Math.ceil(retryAfterMs / 1000)} s`);
    this.name = 'CircuitOpenError';
  }
}

export class CircuitBreaker {
  private readonly now: () => number;
  private failures = 0;
  private openUntil = 0;
  private current: CircuitState = 'closed';
  private trialInFlight = false;

  constructor(private readonly options: CircuitBreakerOptions) {
    if (!Number.isInteger(options.failureThreshold) || options.failureThreshold < 1)
      throw new Error('failureThreshold must be an integer ≥ 1');
    if (!(options.openMs > 0)) throw new Error('openMs must be > 0');
    this.now = options.now ?? Date.now;
  }

  /** The state as of now: an open circuit whose time is up reads as half-open. */
  get state(): CircuitState {
    if (this.current === 'open' && this.now() >= this.openUntil) return 'half_open';
    return this.current;
  }

  /** Consecutive failures counted while closed. */
  get consecutiveFailures(): number {
    return this.failures;
  }

  /**
   * Runs `fn` unless the circuit refuses: a rejection from `fn` is a failure, anything else a
   * success. Throws `CircuitOpenError` without calling `fn` while open, or while half-open with
   * the trial still running.
   */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    const state = this.state;
    if (state === 'open') throw new CircuitOpenError(this.openUntil - this.now());
    const trial = state === 'half_open';
    if (trial) {
      if (this.trialInFlight) throw new CircuitOpenError(0);
      this.trialInFlight = true;
      this.moveTo('half_open');
    }
    let value: T;
    try {
      value = await fn();
    } catch (error) {
      if (trial) {
        this.trialInFlight = false;
        this.open();
      } else if (this.current === 'closed' && ++this.failures >= this.options.failureThreshold) {
        this.open();
      }
      throw error;
    }
    if (trial) {
      this.trialInFlight = false;
      this.failures = 0;
      this.moveTo('closed');
    } else if (this.current === 'closed') {
      this.failures = 0;
    }
    return value;
  }

  private open(): void {
    this.openUntil = this.now() + this.options.openMs;
    this.failures = 0;
    this.moveTo('open');
  }

  private moveTo(next: CircuitState): void {
    const previous = this.current;
    this.current = next;
    if (previous !== next) this.options.onStateChange?.(next, previous);
  }
}
