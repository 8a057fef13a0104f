import { rateLimitWindow } from '../../src/engine/broadcast-workers';

describe('the broadcast rate limit window', () => {
  it('spreads the ceiling over ~100 ms windows, exact on average', () => {
    expect(rateLimitWindow(50)).toEqual({ max: 5, duration: 100 });
    expect(rateLimitWindow(20)).toEqual({ max: 2, duration: 100 });
    expect(rateLimitWindow(25)).toEqual({ max: 2, duration: 80 });
    expect(rateLimitWindow(5)).toEqual({ max: 1, duration: 200 });
    for (const rate of [10, 25, 33, 50, 77, 200, 1000]) {
      const { max, duration } = rateLimitWindow(rate);
      // The busiest sliding second spans one window more than its share.
      expect(max * (Math.floor(1000 / duration) + 1)).toBeLessThanOrEqual(Math.ceil(rate * 1.1) + 1);
    }
  });
});
