/**
 * Jest's global setup: the browser tests need the built console (dist/console). CI builds it before
 * `npm test`; a developer's `npm test` builds it here when it is missing or older than any of its
 * sources (console/, the console texts, the lock file). A stat walk when it is up to date.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

function newest(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

export default function buildConsole(): void {
  const built = join(root, 'dist', 'console', 'index.html');
  const sources = [
    join(root, 'console'),
    join(root, 'locales', 'vi', 'console.json'),
    join(root, 'locales', 'en', 'console.json'),
    join(root, 'package-lock.json'),
  ];
  if (existsSync(built) && statSync(built).mtimeMs >= Math.max(...sources.map(newest))) return;
  execFileSync(
    process.execPath,
    [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'console/vite.config.mts', '--logLevel', 'warn'],
    { cwd: root, stdio: 'inherit' },
  );
}
