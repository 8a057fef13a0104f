/**
 * Per-client limit on the public (token-less) endpoints: a fixed one-minute window counted in
 * Redis, so every web process shares it. Over the limit → 429 with Retry-After. If Redis cannot
 * count, the request is let through: a public catalogue read is not worth refusing over that.
 */
import type { NextFunction, Request, Response } from 'express';
import type { Keys } from '../store/keys';
import type { RedisClient } from '../store/redis';

export function publicRateLimit(redis: RedisClient, keys: Keys, perMinute: number, now: () => number = Date.now) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const window = Math.floor(now() / 60_000);
    const key = keys.publicRate(req.ip ?? 'unknown', window);
    let count: number;
    try {
      const [incremented] = await redis.multi().incr(key).expire(key, 61).exec();
      count = Number(incremented);
    } catch {
      next();
      return;
    }
    res.setHeader('ratelimit-limit', String(perMinute));
    res.setHeader('ratelimit-remaining', String(Math.max(0, perMinute - count)));
    if (count > perMinute) {
      res.setHeader('retry-after', String(Math.ceil(((window + 1) * 60_000 - now()) / 1000)));
      res.status(429).json({ error: 'too many requests: try again in a minute' });
      return;
    }
    next();
  };
}
