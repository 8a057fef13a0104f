/**
 * Rough edges a newcomer meets (issue 11, item 10): a busy port is named with the way out, `.env`
 * is read by `npm start` without overriding the environment, and a message from someone who
 * unfollowed the OA is not an error.
 */
import { createServer, type Server } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, readEnvFile } from '../../src/config';
import { startApp } from '../../src/roles/app';
import { createHarness, eventually, userId, type Harness } from '../helpers';

describe('newcomer rough edges', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness('newcomer');
  });
  afterAll(() => h.close());

  it('a port in use stops the start with a line that says so and how to choose another', async () => {
    const busy: Server = await new Promise((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => resolve(s));
    });
    const port = (busy.address() as { port: number }).port;
    try {
      const started = startApp(loadConfig({ ...h.env, PORT: String(port), HOST: '127.0.0.1' }), { web: true, worker: false });
      await expect(started).rejects.toThrow(new RegExp(`port ${port} on 127\\.0\\.0\\.1 is already in use .*PORT=${port + 1} npm run dev`));
    } finally {
      busy.close();
    }
  });

  it('.env is read when present; the environment wins over it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zoa-env-'));
    const file = join(dir, '.env');
    writeFileSync(file, 'PORT=8080\nKEY_PREFIX=from-file\n# a comment\nZALO_OA_ID=\n');
    const env: NodeJS.ProcessEnv = { KEY_PREFIX: 'from-environment' };
    expect(readEnvFile(join(dir, 'missing.env'), env)).toBe(false);
    expect(readEnvFile(file, env)).toBe(true);
    expect(env).toEqual({ PORT: '8080', KEY_PREFIX: 'from-environment', ZALO_OA_ID: '' });
  });

  it('a message from someone who unfollowed is counted "unreachable": no error, no dead letter, no apology attempt', async () => {
    const app = await h.start({ web: true, worker: true });
    const user = userId();
    h.fake.setUserState(user, 'unfollowed');
    const sendsBefore = h.fake.sendCount;
    expect(await h.say(user, 'xin chào')).toBe(200);
    const outcome = await eventually(
      async () =>
        /zoa_events_handled_total\{[^}]*outcome="(unreachable|error)"/.exec(
          await app.metrics.registry.getSingleMetricAsString('zoa_events_handled_total'),
        )?.[1],
      'the event to be handled',
    );
    expect(outcome).toBe('unreachable');
    expect(await app.redis.lLen(app.keys.deadLetters)).toBe(0);
    expect(h.fake.sendCount).toBe(sendsBefore);
  });
});
