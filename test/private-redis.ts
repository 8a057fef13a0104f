/**
 * A redis-server of a test's own, on a free port, that a scenario may freeze (SIGSTOP),
 * thaw (SIGCONT), stop (SIGTERM) and start again on the same port — never the shared Redis.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from 'redis';
import { freePort } from '../src/dev/free-port';

export interface PrivateRedis {
  url: string;
  freeze(): void;
  thaw(): void;
  /** SIGTERM, and wait for the process to exit. */
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  // AOF on, as in production (docker-compose.yml): a stopped Redis keeps what it acknowledged.
  const dir = mkdtempSync(join(tmpdir(), 'zoa-faults-'));
  let child: ChildProcess | undefined;

  async function start(): Promise<void> {
    child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'yes', '--appendfsync', 'always', '--dir', dir],
      { stdio: 'ignore' },
    );
    for (let i = 0; i < 100; i += 1) {
      const probe = createClient({ url, socket: { reconnectStrategy: false, connectTimeout: 200 } });
      probe.on('error', () => undefined);
      // Until the AOF is loaded a PING is refused (LOADING): not up yet, like a refused connection.
      const answered = await probe
        .connect()
        .then(async () => (await probe.ping()) === 'PONG')
        .catch(() => false);
      if (probe.isOpen) probe.destroy();
      if (answered) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`redis-server did not start on ${port}`);
  }

  async function stop(): Promise<void> {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((r) => running.once('exit', r));
    running.kill('SIGCONT');
    running.kill('SIGTERM');
    await exited;
  }

  await start();
  return {
    url,
    freeze: () => child?.kill('SIGSTOP'),
    thaw: () => child?.kill('SIGCONT'),
    stop,
    start,
    close: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
