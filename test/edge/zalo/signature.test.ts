import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash, createHmac } from 'node:crypto';
import { signatureHeader, verifySignature } from '../../../src/edge/zalo/signature';

const APP_ID = '2553928453557884079';
const OA_ID = '3662729599332560487';
const SECRET = 'oa-secret-key';
const keys = { appId: APP_ID, oaId: OA_ID, oaSecretKey: SECRET };

// The real-shaped payload, compact as Zalo sends it.
const raw = Buffer.from(JSON.stringify(JSON.parse(readFileSync(join(__dirname, '../../fixtures/zalo/user_send_text.json'), 'utf8'))));
const timestamp = (JSON.parse(raw.toString()) as { timestamp: string }).timestamp;
const sha = (s: Buffer) => createHash('sha256').update(s).digest('hex');

describe('webhook signature', () => {
  it('accepts sha256(app_id + raw body + timestamp + OA secret) with the mac= prefix', () => {
    const mac = sha(Buffer.concat([Buffer.from(APP_ID), raw, Buffer.from(timestamp + SECRET)]));
    expect(verifySignature(`mac=${mac}`, raw, timestamp, keys)).toBe('app_id');
    expect(verifySignature(`mac=${mac.toUpperCase()}`, raw, timestamp, keys)).toBe('app_id');
  });

  it('accepts the oa_id-first variant and says so', () => {
    expect(verifySignature(signatureHeader(OA_ID, raw, timestamp, SECRET), raw, timestamp, keys)).toBe('oa_id');
  });

  it('refuses a missing, forged or prefix-less signature', () => {
    const good = signatureHeader(APP_ID, raw, timestamp, SECRET);
    expect(verifySignature(undefined, raw, timestamp, keys)).toBeNull();
    expect(verifySignature('', raw, timestamp, keys)).toBeNull();
    expect(verifySignature(good.slice(4), raw, timestamp, keys)).toBeNull();
    expect(verifySignature(`mac=${'0'.repeat(64)}`, raw, timestamp, keys)).toBeNull();
    expect(verifySignature('mac=zz', raw, timestamp, keys)).toBeNull();
  });

  it('refuses a signature made with the wrong secret, with HMAC, or over another timestamp', () => {
    expect(verifySignature(signatureHeader(APP_ID, raw, timestamp, 'app-secret'), raw, timestamp, keys)).toBeNull();
    const hmac = createHmac('sha256', SECRET)
      .update(Buffer.concat([Buffer.from(APP_ID), raw, Buffer.from(timestamp)]))
      .digest('hex');
    expect(verifySignature(`mac=${hmac}`, raw, timestamp, keys)).toBeNull();
    expect(verifySignature(signatureHeader(APP_ID, raw, timestamp, SECRET), raw, String(Number(timestamp) + 1), keys)).toBeNull();
  });

  it('refuses the same JSON re-serialised with spaces', () => {
    const header = signatureHeader(APP_ID, raw, timestamp, SECRET);
    const spaced = Buffer.from(JSON.stringify(JSON.parse(raw.toString()), null, 1));
    expect(spaced.equals(raw)).toBe(false);
    expect(verifySignature(header, spaced, timestamp, keys)).toBeNull();
  });
});
