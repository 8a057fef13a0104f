/**
 * `npm run dev`: the whole service on one machine with no Zalo account. Outbound calls go to the
 * fake Zalo OA API mounted in this process (/fake-zalo), and /simulator lets a person chat as
 * citizens through the real signed webhook; /console is the officers' console, built and rebuilt on
 * change, opened signed in with the dev admin token by the link printed at start. Missing Zalo
 * settings get harmless dev values; if no Redis answers and REDIS_URL is unset, a private
 * redis-server child is started when one exists.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { Socket } from 'node:net';
import { join } from 'node:path';
import { loadConfig } from '../config';
import { projectRoot } from '../project-root';
import { createLogger } from '../logger';
import { createFakeZalo } from '../dev/fake-zalo';
import { createSimulatorRouter } from '../dev/simulator';
import { freePort } from '../dev/free-port';
import { startApp } from './app';
import { exitOnConfigError, stopOnSignals } from './main';

const DEV_DEFAULTS: Record<string, string> = {
  ZALO_APP_ID: '1000000000000000001',
  ZALO_OA_ID: '2000000000000000002',
  ZALO_OA_SECRET_KEY: 'dev-oa-secret-key',
  ZALO_APP_SECRET: 'dev-app-secret',
  ZALO_ACCESS_TOKEN: 'dev-access-token',
  ZALO_REFRESH_TOKEN: 'dev-refresh-token',
  ADMIN_TOKEN: 'dev-admin-token',
  KEY_PREFIX: 'zoa-dev',
  // The dev admin token is public (docs/development.md): the simulator is for this machine only.
  HOST: '127.0.0.1',
};

async function main(): Promise<void> {
  const env: NodeJS.ProcessEnv = { ...DEV_DEFAULTS, ...process.env };
  const port = Number(env.PORT ?? 3000);
  const local = `http://127.0.0.1:${port}`;
  env.ZALO_API_BASE = `${local}/fake-zalo`;
  env.ZALO_OAUTH_BASE = `${local}/fake-zalo`;
  const redisChild = await ensureRedis(env);
  let config;
  try {
    config = loadConfig(env);
  } catch (err) {
    exitOnConfigError(err);
  }
  const logger = createLogger(config.logLevel, { role: 'dev' });
  const identity = { appId: config.zalo.appId, oaId: config.zalo.oaId ?? DEV_DEFAULTS.ZALO_OA_ID!, oaSecretKey: config.zalo.oaSecretKey };
  const fake = createFakeZalo({
    appId: config.zalo.appId,
    appSecret: config.zalo.appSecret,
    accessToken: config.zalo.initialTokens?.accessToken ?? DEV_DEFAULTS.ZALO_ACCESS_TOKEN!,
    refreshToken: config.zalo.initialTokens?.refreshToken ?? DEV_DEFAULTS.ZALO_REFRESH_TOKEN!,
    echo: { webhookUrl: `${local}/webhook/zalo`, ...identity, delayMs: 200 },
  });
  const app = await startApp(
    config,
    { web: true, worker: true },
    {
      logger,
      mount: (express) => {
        express.use('/fake-zalo', fake.router);
        express.use('/simulator', createSimulatorRouter({ fake, webhookUrl: `${local}/webhook/zalo`, ...identity }));
      },
    },
  );
  // The tokens of a previous dev run may be rotated away from this fake's: start from the env pair.
  await app.redis.del(app.keys.tokens);
  const consoleWatch = watchConsole();
  // The dev admin token is public (docs/development.md); a token of the developer's own is not printed.
  const signIn = env.ADMIN_TOKEN === DEV_DEFAULTS.ADMIN_TOKEN ? `#token=${env.ADMIN_TOKEN}` : '';
  process.stdout.write(
    `\n  Zalo simulator: http://localhost:${app.port}/simulator\n  Console:        http://localhost:${app.port}/console/${signIn}\n\n`,
  );
  stopOnSignals(app);
  process.once('exit', () => {
    redisChild?.kill();
    consoleWatch.kill();
  });
}

/** Builds the console into dist/console and again on every change of its sources (vite build --watch). */
function watchConsole(): ChildProcess {
  const root = projectRoot();
  const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  return spawn(process.execPath, [vite, 'build', '--watch', '--config', 'console/vite.config.mts', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
}

/** Uses REDIS_URL or a running local Redis; else starts a private one when the binary exists. */
async function ensureRedis(env: NodeJS.ProcessEnv): Promise<ChildProcess | undefined> {
  if (env.REDIS_URL) return undefined;
  if (await answers(6379)) return undefined;
  if (spawnSync('redis-server', ['--version']).status !== 0) {
    process.stderr.write(
      'No Redis answers on 127.0.0.1:6379 and redis-server is not installed.\n' +
        'Install it (Debian/Ubuntu: sudo apt-get install redis-server; macOS: brew install redis),\n' +
        'or run one in Docker (docker run -p 6379:6379 redis:7), or set REDIS_URL.\n',
    );
    process.exit(1);
  }
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  for (let i = 0; i < 50 && !(await answers(port)); i += 1) await new Promise((r) => setTimeout(r, 100));
  env.REDIS_URL = `redis://127.0.0.1:${port}`;
  process.stdout.write(`Started a private redis-server on port ${port} (it stops with this process).\n`);
  return child;
}

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    socket.setTimeout(300);
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('+PONG'));
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.connect(port, '127.0.0.1');
  });
}

main().catch(exitOnConfigError);
