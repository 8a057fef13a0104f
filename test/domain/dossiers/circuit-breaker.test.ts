/** The circuit breaker on a fake clock: closed → open → half-open → closed or open again. */
import { CircuitBreaker, CircuitOpenError, type CircuitState } from '../../../src/domain/dossiers/circuit-breaker';

describe('CircuitBreaker', () => {
  let now: number;
  let transitions: string[];
  let breaker: CircuitBreaker;
  let calls: number;

  const ok = () => breaker.run(async () => ++calls);
  const fail = () =>
    breaker.run(async () => {
      calls++;
      throw new Error('down');
    });

  /** A call whose outcome the test decides later, to hold a trial in flight. */
  function deferred() {
    let settle!: (success: boolean) => void;
    const promise = breaker.run(
      () =>
        new Promise<number>((resolve, reject) => {
          calls++;
          settle = (success) => (success ? resolve(calls) : reject(new Error('down')));
        }),
    );
    return { promise, settle: (success: boolean) => settle(success) };
  }

  beforeEach(() => {
    now = 1_000_000;
    transitions = [];
    calls = 0;
    breaker = new CircuitBreaker({
      failureThreshold: 3,
      openMs: 10_000,
      now: () => now,
      onStateChange: (to: CircuitState, from: CircuitState) => transitions.push(`${from}→${to}`),
    });
  });

  it('opens after N consecutive failures, not before', async () => {
    await expect(fail()).rejects.toThrow('down');
    await expect(fail()).rejects.toThrow('down');
    expect(breaker.state).toBe('closed');
    expect(breaker.consecutiveFailures).toBe(2);
    await expect(fail()).rejects.toThrow('down');
    expect(breaker.state).toBe('open');
    expect(transitions).toEqual(['closed→open']);
  });

  it('a success resets the count: failures must be consecutive', async () => {
    await expect(fail()).rejects.toThrow();
    await expect(fail()).rejects.toThrow();
    await ok();
    await expect(fail()).rejects.toThrow();
    await expect(fail()).rejects.toThrow();
    expect(breaker.state).toBe('closed');
  });

  it('while open, refuses at once without calling, saying how long is left', async () => {
    for (let i = 0; i < 3; i++) await expect(fail()).rejects.toThrow('down');
    now += 4_000;
    const refused = await ok().catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(CircuitOpenError);
    expect((refused as CircuitOpenError).retryAfterMs).toBe(6_000);
    expect((refused as Error).name).toBe('CircuitOpenError');
    expect(calls).toBe(3);
    now += 5_999;
    expect(breaker.state).toBe('open');
    await expect(ok()).rejects.toBeInstanceOf(CircuitOpenError);
    expect(calls).toBe(3);
  });

  it('half-open after the period: one trial at a time; its success closes the circuit', async () => {
    for (let i = 0; i < 3; i++) await expect(fail()).rejects.toThrow();
    now += 10_000;
    expect(breaker.state).toBe('half_open');

    const trial = deferred();
    await expect(ok()).rejects.toBeInstanceOf(CircuitOpenError);
    expect(calls).toBe(4);
    trial.settle(true);
    await expect(trial.promise).resolves.toBe(4);

    expect(breaker.state).toBe('closed');
    expect(transitions).toEqual(['closed→open', 'open→half_open', 'half_open→closed']);
    await expect(ok()).resolves.toBe(5);
    // Closed again with a fresh count: it takes N failures to open once more.
    await expect(fail()).rejects.toThrow();
    await expect(fail()).rejects.toThrow();
    expect(breaker.state).toBe('closed');
  });

  it('a failed trial opens it for another full period', async () => {
    for (let i = 0; i < 3; i++) await expect(fail()).rejects.toThrow();
    now += 12_000;
    await expect(fail()).rejects.toThrow('down');
    expect(breaker.state).toBe('open');
    expect(transitions).toEqual(['closed→open', 'open→half_open', 'half_open→open']);
    now += 9_999;
    await expect(ok()).rejects.toBeInstanceOf(CircuitOpenError);
    now += 1;
    await expect(ok()).resolves.toBe(5);
    expect(breaker.state).toBe('closed');
  });

  it('a call started while closed that fails after the circuit opened does not extend the open period', async () => {
    const slow = deferred();
    for (let i = 0; i < 3; i++) await expect(fail()).rejects.toThrow();
    now += 9_000;
    slow.settle(false);
    await expect(slow.promise).rejects.toThrow('down');
    now += 1_000;
    expect(breaker.state).toBe('half_open');
  });

  it('refuses nonsense options', () => {
    expect(() => new CircuitBreaker({ failureThreshold: 0, openMs: 1000 })).toThrow(/failureThreshold/);
    expect(() => new CircuitBreaker({ failureThreshold: 1, openMs: 0 })).toThrow(/openMs/);
  });
});
