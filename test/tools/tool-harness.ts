/**
 * What the command-line tools' tests share: the environment a tool reads (a private KEY_PREFIX on
 * the real Redis), a way to run its `main` capturing what it prints, and input files in a
 * temporary folder.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Output } from '../../src/tools/cli';
import { IDS } from '../helpers';

export function toolEnv(prefix: string): Record<string, string> {
  return {
    REDIS_URL: 'redis://127.0.0.1:6379',
    KEY_PREFIX: prefix,
    LOG_LEVEL: 'silent',
    ZALO_APP_ID: IDS.appId,
    ZALO_OA_SECRET_KEY: IDS.oaSecretKey,
    ZALO_APP_SECRET: IDS.appSecret,
    ADMIN_TOKEN: 'test-admin-token',
  };
}

type ToolMain = (argv: string[], env: NodeJS.ProcessEnv, io: Output) => Promise<number>;

/** Runs a tool's `main` with these arguments; resolves to its exit code and what it printed. */
export function toolRunner(main: ToolMain, env: NodeJS.ProcessEnv) {
  return async (...argv: string[]) => {
    let stdout = '';
    let stderr = '';
    const code = await main(argv, env, { out: (t) => void (stdout += t), err: (t) => void (stderr += t) });
    return { code, stdout, stderr };
  };
}

/** Writes input files into a fresh temporary folder; each call gives the file's path. */
export function inputFiles(name: string): (file: string, text: string) => string {
  const dir = mkdtempSync(join(tmpdir(), `${name}-`));
  return (file, text) => {
    const path = join(dir, file);
    writeFileSync(path, text);
    return path;
  };
}
