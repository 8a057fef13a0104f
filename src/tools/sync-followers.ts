/**
 * CLI: npm run followers:sync [-- --tags]
 *
 * Lists everyone on Zalo's follower list in the follower registry (people who followed before the
 * bot existed, or whose follow event was lost), then with `--tags` mirrors every listed
 * follower's village and topics as Zalo tags (src/domain/followers/zalo-mirror.ts). Uses the
 * token pair in Redis (or the configured initial pair), like the service.
 *
 * Exit codes: 0 done · 1 Zalo refused or failed mid-way (what was done stays done; run again) ·
 * 2 bad usage, bad configuration or Redis unreachable.
 */
import { loadCommuneProfile } from '../domain/commune/commune-profile';
import { FollowerRegistry } from '../domain/followers/follower-registry';
import { syncFollowers, ZaloTagMirror } from '../domain/followers/zalo-mirror';
import { ZaloFollowerDirectory } from '../edge/zalo/follower-directory';
import { InteractionLedger } from '../edge/zalo/interaction-ledger';
import { ZaloOaClient } from '../edge/zalo/oa-client';
import { TokenStore } from '../edge/zalo/token-store';
import { createLogger } from '../logger';
import { createMetrics } from '../metrics';
import { createKeys } from '../store/keys';
import { processOutput, runAsProgram, withRedis, type Output } from './cli';

const USAGE = 'usage: npm run followers:sync [-- --tags]';

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env, io: Output = processOutput): Promise<number> {
  if (argv.some((a) => a !== '--tags')) {
    io.err(`${USAGE}\n`);
    return 2;
  }
  return withRedis(env, io, { what: 'sync', failureCode: 1 }, async (redis, config) => {
    const keys = createKeys(config.keyPrefix);
    const logger = createLogger(config.logLevel === 'silent' ? 'silent' : 'warn');
    const metrics = createMetrics();
    const { zalo } = config;
    const tokens = new TokenStore(
      redis,
      keys,
      {
        appId: zalo.appId,
        appSecret: zalo.appSecret,
        oauthBase: zalo.oauthBase,
        initial: zalo.initialTokens,
        refreshAfterMs: zalo.refreshAfterMs,
        timeoutMs: zalo.httpTimeoutMs,
      },
      logger,
      metrics,
    );
    const client = new ZaloOaClient(
      { apiBase: zalo.apiBase, timeoutMs: zalo.httpTimeoutMs, attempts: zalo.sendAttempts, buttonTemplateType: zalo.buttonTemplateType },
      tokens,
      new InteractionLedger(redis, keys),
      metrics,
      logger,
    );
    const directory = new ZaloFollowerDirectory(client);
    const registry = new FollowerRegistry(redis, keys);
    const synced = await syncFollowers(directory, registry);
    io.out(
      `followers on Zalo: ${synced.total}, listed: ${synced.seen}${synced.truncated ? ' (Zalo lists at most 10,000 per query: the rest rely on follow events)' : ''}\n`,
    );
    if (argv.includes('--tags')) {
      const mirrored = await new ZaloTagMirror(redis, keys, registry, directory, loadCommuneProfile()).mirrorAll();
      io.out(
        `tags: ${mirrored.followers} followers checked, ${mirrored.tagged} tags added, ${mirrored.untagged} removed, ${mirrored.unreachable} followers unreachable\n`,
      );
    }
    return 0;
  });
}

runAsProgram(module, main);
