import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseZaloEvent, type ZaloEvent } from '../../src/edge/zalo/events';
import { toUpdate } from '../../src/engine/to-update';

const USER = '6142494823123456789';
const options = { callbackPrefix: '#q:' };

function event(name: string, patch: (raw: Record<string, any>) => void = () => undefined): ZaloEvent {
  const raw = JSON.parse(readFileSync(join(__dirname, '../fixtures/zalo', `${name}.json`), 'utf8'));
  patch(raw);
  const parsed = parseZaloEvent(raw);
  if (parsed.status !== 'ok') throw new Error(`fixture ${name} did not parse`);
  return parsed.event;
}

describe('Zalo event → Telegram-shaped update', () => {
  it('text keeps the 19-digit id as the chat and the sender, untouched', () => {
    const update = toUpdate(event('user_send_text'), options)!;
    expect(update.message?.text).toBe('Chào bạn');
    expect(update.message?.chat.id).toBe(USER);
    expect(update.message?.from?.id).toBe(USER);
    expect(update.message?.chat.type).toBe('private');
  });

  it('a prefixed payload becomes a callback query in the same chat', () => {
    const update = toUpdate(
      event('user_send_text', (r) => (r.message.text = '#q:lang:en')),
      options,
    )!;
    expect(update.message).toBeUndefined();
    expect(update.callback_query?.data).toBe('lang:en');
    expect(update.callback_query?.message?.chat.id).toBe(USER);
    expect(update.callback_query?.from.id).toBe(USER);
  });

  it.each(['follow', 'user_click_chatnow'])('%s starts the greeting as /start', (name) => {
    const update = toUpdate(event(name), options)!;
    expect(update.message?.text).toBe('/start');
    expect(update.message?.entities?.[0]?.type).toBe('bot_command');
    expect(update.message?.chat.id).toBe(USER);
  });

  it('media become the matching message kinds', () => {
    expect(toUpdate(event('user_send_image'), options)?.message?.photo?.[0]?.file_id).toMatch(/^https?:/);
    expect(toUpdate(event('user_send_location'), options)?.message?.location).toEqual({ latitude: 21.0285, longitude: 105.8542 });
    expect(toUpdate(event('user_send_file'), options)?.message?.document?.file_name).toBeTruthy();
    expect(toUpdate(event('user_send_sticker'), options)?.message?.sticker).toBeDefined();
    expect(toUpdate(event('user_send_audio'), options)?.message?.voice).toBeDefined();
    expect(toUpdate(event('user_send_video'), options)?.message?.video).toBeDefined();
  });

  it('receipts, echoes and unfollows are not for the bot', () => {
    for (const name of ['user_seen_message', 'user_received_message', 'oa_send_text', 'unfollow', 'user_reacted_message']) {
      expect(toUpdate(event(name), options)).toBeNull();
    }
  });

  it('gives every update its own id', () => {
    const a = toUpdate(event('user_send_text'), options)!;
    const b = toUpdate(event('user_send_text'), options)!;
    expect(b.update_id).toBeGreaterThan(a.update_id);
  });
});
