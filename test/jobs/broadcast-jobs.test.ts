import { rateLimitWindow } from '../../src/jobs/broadcast-jobs';

/**
 * The busiest sliding second of BullMQ's fixed windows, by brute force: windows [k·d, (k+1)·d)
 * back to back, each sending its `max` jobs at the moments closest to the second [t, t + 1000);
 * t runs over every half millisecond of one window (sends happen at any moment, not on whole ms).
 */
function busiestSecond(max: number, duration: number): number {
  let windows = 0;
  for (let t = 0.5; t < duration; t += 0.5) {
    let touched = 0;
    for (let k = 0; k * duration < t + 1000; k += 1) if ((k + 1) * duration > t) touched += 1;
    windows = Math.max(windows, touched);
  }
  return windows * max;
}

describe('the broadcast rate limit window', () => {
  it('spreads the ceiling over ~100 ms windows', () => {
    expect(rateLimitWindow(50)).toEqual({ max: 5, duration: 100 });
    expect(rateLimitWindow(20)).toEqual({ max: 2, duration: 100 });
    expect(rateLimitWindow(3)).toEqual({ max: 1, duration: 334 });
  });

  it('keeps every sliding second within max(rate × 1.1, rate + 1) for every rate 1–2000, at ≥ 90 % of the rate', () => {
    const over: number[] = [];
    const slow: number[] = [];
    for (let rate = 1; rate <= 2000; rate += 1) {
      const { max, duration } = rateLimitWindow(rate);
      if (busiestSecond(max, duration) > Math.max(rate * 1.1, rate + 1)) over.push(rate);
      const average = (1000 * max) / duration;
      if (average > rate || average < 0.9 * rate) slow.push(rate);
    }
    expect(over).toEqual([]);
    expect(slow).toEqual([]);
  });
});
