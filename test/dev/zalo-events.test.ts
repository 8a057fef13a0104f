/** Builders and fixtures must look like Zalo's wire format: string ids, verifiable signatures. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { verifySignature } from '../../src/edge/zalo/signature';
import {
  chatNowEvent,
  followEvent,
  oaSendTextEvent,
  signedRequest,
  unfollowEvent,
  userFileEvent,
  userImageEvent,
  userLocationEvent,
  userSeenEvent,
  userStickerEvent,
  userTextEvent,
} from '../../src/dev/zalo-events';

const subject = { appId: '2553928453557884079', oaId: '3662729599332560487', userId: '6142494823123456789' };
const keys = { appId: subject.appId, oaSecretKey: 'oa-secret-key' };
const FIXTURES = join(__dirname, '..', 'fixtures', 'zalo');

/** Every key ending in "id" (and every timestamp) anywhere in the event must hold a string. */
function nonStringIds(value: unknown, path = '$'): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => nonStringIds(v, `${path}[${i}]`));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, v]) => {
    const here = `${path}.${key}`;
    const idLike = /(^|_)ids?($|_)/.test(key) || key === 'timestamp';
    const bad = idLike && (Array.isArray(v) ? v.some((x) => typeof x !== 'string') : typeof v !== 'string');
    return bad ? [here] : nonStringIds(v, here);
  });
}

const built = {
  text: userTextEvent({ ...subject, text: 'Chào bạn' }),
  image: userImageEvent({ ...subject, url: 'https://example.zdn.vn/a.jpg', caption: 'ảnh' }),
  location: userLocationEvent({ ...subject, latitude: 21.0285, longitude: 105.8542 }),
  file: userFileEvent({ ...subject, url: 'https://example.zdn.vn/a.pdf', name: 'a.pdf', size: 1200, fileType: 'pdf' }),
  sticker: userStickerEvent({ ...subject, stickerId: 'abc', url: 'https://example.zdn.vn/s.webp' }),
  follow: followEvent(subject),
  unfollow: unfollowEvent(subject),
  chatnow: chatNowEvent(subject),
  echo: oaSendTextEvent({ ...subject, text: 'Xin chào', msgId: '0123456789abcdef0123456789abcdef' }),
  seen: userSeenEvent({ ...subject, msgIds: ['0123456789abcdef0123'] }),
};

describe('event builders', () => {
  it.each(Object.entries(built))('%s keeps every id and the timestamp a string', (_name, event) => {
    expect(nonStringIds(event)).toEqual([]);
    expect(event.timestamp).toMatch(/^\d{13}$/);
  });

  it('gives user messages a fresh 20-hex msg_id and the documented direction', () => {
    const a = userTextEvent({ ...subject, text: 'a' });
    const b = userTextEvent({ ...subject, text: 'b' });
    expect(a.message.msg_id).toMatch(/^[0-9a-f]{20}$/);
    expect(a.message.msg_id).not.toBe(b.message.msg_id);
    expect(a).toMatchObject({ sender: { id: subject.userId }, recipient: { id: subject.oaId } });
    expect(built.echo).toMatchObject({ sender: { id: subject.oaId }, recipient: { id: subject.userId } });
  });

  it('builds follow and chat-now events in their flat shapes', () => {
    expect(followEvent({ ...subject, timestamp: '1699003881354' })).toEqual({
      oa_id: subject.oaId,
      follower: { id: subject.userId },
      event_name: 'follow',
      source: 'oa_profile',
      app_id: subject.appId,
      timestamp: '1699003881354',
    });
    expect(built.chatnow).toMatchObject({ user_id: subject.userId, oa_id: subject.oaId, event_name: 'user_click_chatnow' });
  });
});

describe('signedRequest', () => {
  it.each(Object.entries(built))('%s verifies with verifySignature over the exact bytes', (_name, event) => {
    const { body, headers } = signedRequest(event, keys);
    expect(headers['content-type']).toBe('application/json');
    expect(body.equals(Buffer.from(JSON.stringify(event), 'utf8'))).toBe(true);
    expect(verifySignature(headers['x-zevent-signature'], body, event.timestamp, keys)).toBe('app_id');
  });

  it('keeps a 19-digit user id exact through the wire bytes', () => {
    const { body } = signedRequest(built.text, keys);
    expect(body.toString('utf8')).toContain('"id":"6142494823123456789"');
    expect(JSON.parse(body.toString('utf8')).sender.id).toBe('6142494823123456789');
  });

  it('fails verification when the body or the secret differ', () => {
    const { body, headers } = signedRequest(built.text, keys);
    const tampered = Buffer.from(body.toString('utf8').replace('Chào', 'Chao'), 'utf8');
    expect(verifySignature(headers['x-zevent-signature'], tampered, built.text.timestamp, keys)).toBeNull();
    const otherKeys = { ...keys, oaSecretKey: 'other' };
    expect(verifySignature(headers['x-zevent-signature'], body, built.text.timestamp, otherKeys)).toBeNull();
  });
});

describe('fixtures', () => {
  const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.json'));

  it('covers every event kind the bot must meet', () => {
    expect(files.sort()).toEqual(
      [
        'add_user_to_tag',
        'follow',
        'oa_send_image',
        'oa_send_text',
        'unfollow',
        'user_click_chatnow',
        'user_reacted_message',
        'user_received_message',
        'user_seen_message',
        'user_send_audio',
        'user_send_business_card',
        'user_send_file',
        'user_send_gif',
        'user_send_image',
        'user_send_link',
        'user_send_location',
        'user_send_sticker',
        'user_send_text',
        'user_submit_info',
        'user_send_video',
      ]
        .map((name) => `${name}.json`)
        .sort(),
    );
  });

  it.each(files)('%s is named by its event and keeps ids as strings', (file) => {
    const event = JSON.parse(readFileSync(join(FIXTURES, file), 'utf8'));
    expect(`${event.event_name}.json`).toBe(file);
    expect(event.app_id).toBe(subject.appId);
    expect(nonStringIds(event)).toEqual([]);
  });
});
