/**
 * Process entry: `node dist/src/roles/main.js [all|web|worker]`. Reads the configuration once
 * (the environment, and `.env` in the project folder when there is one, the environment winning),
 * stops with one line per problem when it is wrong, and shuts down gracefully on SIGTERM/SIGINT.
 */
import { join } from 'node:path';
import { ConfigError, loadConfig, readEnvFile } from '../config';
import { projectRoot } from '../project-root';
import { startApp, type Roles, type RunningApp } from './app';

const ROLES: Record<string, Roles> = {
  all: { web: true, worker: true },
  web: { web: true, worker: false },
  worker: { web: false, worker: true },
};

export function exitOnConfigError(err: unknown): never {
  if (err instanceof ConfigError) {
    for (const problem of err.problems) process.stderr.write(`configuration error: ${problem}\n`);
  } else {
    process.stderr.write(`failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  }
  process.exit(1);
}

export function stopOnSignals(app: RunningApp): void {
  const stop = (signal: string) => {
    app.logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 30_000);
    force.unref();
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

async function main(): Promise<void> {
  const roleArg = process.argv[2] ?? 'all';
  const roles = ROLES[roleArg];
  if (!roles) exitOnConfigError(new Error(`unknown role "${roleArg}": use all, web or worker`));
  let config;
  try {
    readEnvFile(join(projectRoot(), '.env'));
    config = loadConfig();
  } catch (err) {
    exitOnConfigError(err);
  }
  stopOnSignals(await startApp(config, roles));
}

if (require.main === module) main().catch(exitOnConfigError);
