import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseZaloEvent } from '../../../src/edge/zalo/events';

const FIXTURES = join(__dirname, '../../fixtures/zalo');
const USER = '6142494823123456789';
const load = (name: string) => JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8')) as Record<string, unknown>;

describe('webhook event schemas', () => {
  it.each(readdirSync(FIXTURES).map((f) => f.replace('.json', '')))('accepts the real-shaped %s', (name) => {
    const result = parseZaloEvent(load(name));
    expect(result.status).toBe('ok');
    if (result.status === 'ok') {
      expect(result.event.kind).toBe(name);
      expect(result.event.userId).toBe(USER);
    }
  });

  it('keeps 19-digit ids exact, as strings', () => {
    const event = load('user_send_text');
    (event.sender as { id: string }).id = '9007199254740993123';
    const result = parseZaloEvent(event);
    expect(result.status === 'ok' && result.event.userId).toBe('9007199254740993123');
  });

  it('rejects ids sent as numbers instead of rounding them', () => {
    const text =
      '{"event_name":"user_send_text","app_id":"2553928453557884079","sender":{"id":6142494823123456789},"recipient":{"id":"3662729599332560487"},"message":{"text":"x","msg_id":"a1"},"timestamp":"1699003881354"}';
    const result = parseZaloEvent(JSON.parse(text));
    expect(result.status).toBe('invalid');
    expect(result.status === 'invalid' && result.issues.join()).toMatch(/sender\.id/);
  });

  it('tells who the event is about in both directions', () => {
    const echo = parseZaloEvent(load('oa_send_text'));
    const seen = parseZaloEvent(load('user_seen_message'));
    expect(echo.status === 'ok' && echo.event.userId).toBe(USER);
    expect(seen.status === 'ok' && seen.event.userId).toBe(USER);
    expect(echo.status === 'ok' && echo.event.interaction).toBe(false);
    expect(seen.status === 'ok' && seen.event.interaction).toBe(false);
  });

  it('counts follows, chat-now and user messages as interactions', () => {
    for (const name of ['follow', 'user_click_chatnow', 'user_send_text', 'user_send_image']) {
      const result = parseZaloEvent(load(name));
      expect(result.status === 'ok' && result.event.interaction).toBe(true);
    }
    const unfollow = parseZaloEvent(load('unfollow'));
    expect(unfollow.status === 'ok' && unfollow.event.interaction).toBe(false);
  });

  it('dedupes by msg_id, else by kind + subject + timestamp', () => {
    const text = parseZaloEvent(load('user_send_text'));
    const follow = parseZaloEvent(load('follow'));
    expect(text.status === 'ok' && text.event.dedupeKey).toBe('m.cb31dff1c39642cc1b83');
    expect(follow.status === 'ok' && follow.event.dedupeKey).toBe(`e.follow.${USER}.1699003892354`);
  });

  it('ignores unknown and out-of-scope kinds without failing', () => {
    expect(parseZaloEvent({ ...load('user_send_text'), event_name: 'user_send_hologram' })).toEqual({
      status: 'ignored',
      kind: 'user_send_hologram',
      reason: 'unknown_kind',
    });
    expect(parseZaloEvent({ ...load('user_send_text'), event_name: 'anonymous_send_text' }).status).toBe('ignored');
    expect(parseZaloEvent({ ...load('user_send_text'), event_name: 'user_send_group_text' }).status).toBe('ignored');
  });

  it('reports the fields of a malformed known event', () => {
    const result = parseZaloEvent({ event_name: 'follow', app_id: '1', timestamp: 'yesterday' });
    expect(result.status).toBe('invalid');
    const issues = result.status === 'invalid' ? result.issues.join('\n') : '';
    expect(issues).toMatch(/timestamp/);
    expect(issues).toMatch(/oa_id/);
    expect(issues).toMatch(/follower/);
    expect(parseZaloEvent(null).status).toBe('invalid');
    expect(parseZaloEvent([1, 2]).status).toBe('invalid');
  });
});
