/**
 * What the command-line tools (imports, sync) share: where they write, how they read their input
 * file, and a Redis session under the service's configuration. Exit codes are the same for all:
 * 0 done · 1 the input could not be used (or the work failed mid-way) · 2 bad usage, bad
 * configuration or Redis unreachable.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { ConfigError, loadConfig, type Config } from '../config';
import { CsvFileError, decodeCsv } from '../domain/csv';
import { createLogger } from '../logger';
import { closeRedis, createRedis, type RedisClient } from '../store/redis';

const REDIS_CONNECT_TIMEOUT_MS = 5000;

export interface Output {
  out(text: string): void;
  err(text: string): void;
}

export const processOutput: Output = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/** The host part only: a REDIS_URL may carry a password. */
function redisWhere(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '6379'}`;
  } catch {
    return 'REDIS_URL';
  }
}

async function connect(url: string, logLevel: string): Promise<RedisClient> {
  // The tools' log lines go nowhere near stdout's report: only connection trouble is logged.
  const client = createRedis({ url, failFast: false, name: 'cli' }, createLogger(logLevel === 'silent' ? 'silent' : 'fatal'));
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      client.connect(),
      new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`could not reach Redis at ${redisWhere(url)} within ${REDIS_CONNECT_TIMEOUT_MS / 1000} s`)),
          REDIS_CONNECT_TIMEOUT_MS,
        );
      }),
    ]);
    return client;
  } catch (error) {
    client.destroy();
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/** Reads and parses the input file; on failure says why (`<file>: cannot import: …`) and gives undefined. */
export function readInput<T>(file: string, parse: (bytes: Buffer) => T, io: Output): T | undefined {
  try {
    return parse(readFileSync(file));
  } catch (error) {
    const reason =
      error instanceof CsvFileError
        ? error.message
        : (error as NodeJS.ErrnoException).code === 'ENOENT'
          ? 'no such file'
          : (error as Error).message;
    io.err(`${file}: cannot import: ${reason}\n`);
    return undefined;
  }
}

export interface RedisSessionOptions {
  /** Names the work in the error line: "<what> stopped: …". */
  what: string;
  /** The exit code when the work throws (2 when it was writing an import, 1 for a sync). */
  failureCode: number;
}

/** Loads the configuration, connects to Redis, runs `work`, and always closes the connection. */
export async function withRedis(
  env: NodeJS.ProcessEnv,
  io: Output,
  options: RedisSessionOptions,
  work: (redis: RedisClient, config: Readonly<Config>) => Promise<number>,
): Promise<number> {
  let config: Readonly<Config>;
  try {
    config = loadConfig(env);
  } catch (error) {
    io.err(error instanceof ConfigError ? `${error.message}\n` : `${(error as Error).message}\n`);
    return 2;
  }
  let redis: RedisClient;
  try {
    redis = await connect(config.redisUrl, config.logLevel);
  } catch (error) {
    io.err(`${options.what} stopped: ${(error as Error).message}\n`);
    return 2;
  }
  try {
    return await work(redis, config);
  } catch (error) {
    io.err(`${options.what} stopped: ${(error as Error).message}\n`);
    return options.failureCode;
  } finally {
    await closeRedis(redis);
  }
}

/** An admin import of one file (followers, teams): what differs between them. */
export interface FileImport<T, W> {
  usage: string;
  /** The file's text → what it holds; throws `CsvFileError` when the file cannot be used at all. */
  parse(text: string, file: string): T;
  /** Whether the parsed file holds anything to write. */
  writable(parsed: T): boolean;
  write(parsed: T, redis: RedisClient, config: Readonly<Config>): Promise<W>;
  /** What was imported and every problem; `written` is undefined when nothing was written. */
  report(fileName: string, parsed: T, written?: W): string;
}

/**
 * `<tool> <file>`: reads and parses the file, writes what it holds under the service's
 * configuration, and prints the report (to stderr, with exit code 1, when nothing could be written).
 */
export async function runFileImport<T, W>(argv: string[], env: NodeJS.ProcessEnv, io: Output, tool: FileImport<T, W>): Promise<number> {
  const [file, ...more] = argv;
  if (file === undefined || more.length > 0 || file.startsWith('--')) {
    io.err(`${tool.usage}\n`);
    return 2;
  }
  const parsed = readInput(file, (bytes) => tool.parse(decodeCsv(bytes), file), io);
  if (parsed === undefined) return 1;
  if (!tool.writable(parsed)) {
    io.err(tool.report(basename(file), parsed));
    return 1;
  }
  return withRedis(env, io, { what: 'import', failureCode: 2 }, async (redis, config) => {
    const written = await tool.write(parsed, redis, config);
    io.out(tool.report(basename(file), parsed, written));
    return 0;
  });
}

/** Runs a tool's `main` when its file is the program, setting the exit code. */
export function runAsProgram(module: NodeModule, main: (argv: string[]) => Promise<number>): void {
  if (require.main !== module) return;
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
