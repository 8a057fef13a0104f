import { ConfigError, loadConfig } from '../src/config';

const REQUIRED = {
  ZALO_APP_ID: '2553928453557884079',
  ZALO_OA_SECRET_KEY: 'oa-secret',
  ZALO_APP_SECRET: 'app-secret',
  ADMIN_TOKEN: 'admin-token-123',
};

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

describe('configuration', () => {
  it('applies the contract defaults', () => {
    const config = loadConfig(REQUIRED);
    expect(config.port).toBe(3000);
    expect(config.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(config.keyPrefix).toBe('zoa');
    expect(config.zalo.apiBase).toBe('https://openapi.zalo.me');
    expect(config.zalo.oauthBase).toBe('https://oauth.zaloapp.com');
    expect(config.broadcastRatePerSec).toBe(50);
    expect(config.publicRateLimitPerMin).toBe(120);
    expect(config.defaultLocale).toBe('vi');
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('reports every missing variable on its own line, by name', () => {
    const lines = problems({});
    expect(lines).toHaveLength(4);
    for (const name of Object.keys(REQUIRED)) {
      expect(lines).toContainEqual(`${name}: is required but not set`);
    }
  });

  it('names each malformed variable', () => {
    const lines = problems({ ...REQUIRED, PORT: 'eighty', REDIS_URL: 'localhost:6379', DEFAULT_LOCALE: 'fr', ZALO_API_BASE: 'ftp://x' });
    expect(lines.map((l) => l.split(':')[0]).sort()).toEqual(['DEFAULT_LOCALE', 'PORT', 'REDIS_URL', 'ZALO_API_BASE']);
  });

  it('wants the token pair together', () => {
    expect(problems({ ...REQUIRED, ZALO_ACCESS_TOKEN: 'a' })).toEqual(['ZALO_REFRESH_TOKEN: the token pair must be given together']);
    const config = loadConfig({ ...REQUIRED, ZALO_ACCESS_TOKEN: 'a', ZALO_REFRESH_TOKEN: 'r' });
    expect(config.zalo.initialTokens).toEqual({ accessToken: 'a', refreshToken: 'r' });
  });

  it('checks TRUST_PROXY as Express reads it, naming the variable when it is wrong', () => {
    expect(loadConfig({ ...REQUIRED, TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ ...REQUIRED, TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ ...REQUIRED, TRUST_PROXY: 'loopback, 10.0.0.0/8, fd00::1' }).trustProxy).toBe('loopback, 10.0.0.0/8, fd00::1');
    const lines = problems({ ...REQUIRED, TRUST_PROXY: 'yes-please, 10.0.0.0/40' });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^TRUST_PROXY: "yes-please", "10\.0\.0\.0\/40" is not an address/);
  });

  it('accepts http base URLs for local fakes and drops a trailing slash', () => {
    const config = loadConfig({ ...REQUIRED, ZALO_API_BASE: 'http://127.0.0.1:9999/', PORT: '0' });
    expect(config.zalo.apiBase).toBe('http://127.0.0.1:9999');
    expect(config.port).toBe(0);
  });
});
