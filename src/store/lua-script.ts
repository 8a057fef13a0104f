/**
 * A Lua script run by EVALSHA with a fallback to EVAL when Redis has not cached it yet (after a
 * restart or a SCRIPT FLUSH). Scripts make a multi-key change atomic; their KEYS/ARGV contract is
 * written in a header next to each script.
 */
import { createHash } from 'node:crypto';
import type { RedisClient } from './redis';

export class LuaScript {
  private readonly sha: string;

  constructor(
    readonly name: string,
    private readonly source: string,
  ) {
    this.sha = createHash('sha1').update(source).digest('hex');
  }

  async run(client: RedisClient, keys: string[], args: Array<string | number>): Promise<unknown> {
    const options = { keys, arguments: args.map(String) };
    try {
      return await client.evalSha(this.sha, options);
    } catch (err) {
      if (!(err instanceof Error) || !err.message.startsWith('NOSCRIPT')) throw err;
      return client.eval(this.source, options);
    }
  }
}
