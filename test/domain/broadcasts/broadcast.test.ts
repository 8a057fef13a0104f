/** The create body and the audience: what an officer may ask for, field by field. */
import {
  audienceSchema as audienceSchemaFor,
  broadcastInputSchema,
  initialStatus,
  type BroadcastContent,
} from '../../../src/domain/broadcasts/broadcast';
import { loadCommuneProfile } from '../../../src/domain/commune/commune-profile';
import { inputFields } from '../../../src/domain/input-fields';

const NOW = Date.parse('2026-11-27T10:00:00+07:00');
const commune = loadCommuneProfile();
const schema = broadcastInputSchema(commune, () => NOW);
const audienceSchema = audienceSchemaFor(commune);
const fieldsOf = (input: unknown) => {
  const parsed = schema.safeParse(input);
  return parsed.success ? [] : [...new Set(parsed.error.issues.map((i) => i.path.join('.')))].sort();
};

describe('broadcast input', () => {
  const ok = { text: 'Họp thôn lúc 19:00', audience: { villages: ['Phương Nghệ'] } };

  it('accepts a full body and normalises the text to NFC', () => {
    const decomposed = 'Thông báo'.normalize('NFD');
    const parsed = schema.parse({
      ...ok,
      text: ` ${decomposed} `,
      sendAt: '2026-11-28T07:00:00+07:00',
      imageUrl: 'https://xuanphu.danang.gov.vn/a.jpg',
      link: { title: 'Xem chi tiết', url: 'http://xuanphu.danang.gov.vn/tb' },
      repeat: { cron: '0 7 * * 1', until: '2027-01-01T00:00:00+07:00' },
    });
    expect(parsed.text).toBe('Thông báo'.normalize('NFC'));
  });

  it('with an image and a link, the text and the link must fit one message', () => {
    const both = { imageUrl: 'https://x.vn/a.jpg', link: { title: 'Xem', url: 'https://x.vn/tb' } };
    expect(fieldsOf({ ...ok, ...both, text: 'a'.repeat(1900) })).toEqual([]);
    expect(fieldsOf({ ...ok, ...both, text: 'a'.repeat(1990) })).toEqual(['text']);
    expect(fieldsOf({ ...ok, link: both.link, text: 'a'.repeat(2000) })).toEqual([]);
  });

  it('measures 2000 characters after NFC', () => {
    expect(fieldsOf({ ...ok, text: 'ệ'.normalize('NFD').repeat(2000) })).toEqual([]);
    expect(fieldsOf({ ...ok, text: 'a'.repeat(2001) })).toEqual(['text']);
    expect(fieldsOf({ ...ok, text: '   ' })).toEqual(['text']);
  });

  it('names every bad field', () => {
    expect(
      fieldsOf({
        text: 'x',
        audience: {},
        sendAt: '2026-11-27T09:58:00+07:00',
        imageUrl: 'ftp://x/a.jpg',
        link: { title: 'Một tiêu đề dài quá hai mươi ký tự', url: 'x' },
      }),
    ).toEqual(['audience', 'imageUrl', 'link.title', 'link.url', 'sendAt']);
    expect(fieldsOf({ ...ok, sendAt: '2026-11-28 07:00' })).toEqual(['sendAt']);
    expect(fieldsOf({ ...ok, sendAt: '2026-11-27T09:59:30+07:00' })).toEqual([]);
  });

  it('a time without an offset is Vietnam time; every time comes back in UTC like createdAt', () => {
    const sendAt = (typed: string) => schema.parse({ ...ok, sendAt: typed }).sendAt;
    expect(sendAt('2026-11-27T18:14:00')).toBe('2026-11-27T11:14:00.000Z');
    expect(sendAt('2026-11-27T18:14')).toBe('2026-11-27T11:14:00.000Z');
    expect(sendAt('2026-11-27T18:14:00.5')).toBe('2026-11-27T11:14:00.500Z');
    expect(sendAt('2026-11-27T18:14:00+07:00')).toBe('2026-11-27T11:14:00.000Z');
    expect(sendAt('2026-11-27T11:14:00Z')).toBe('2026-11-27T11:14:00.000Z');
    expect(sendAt('2026-11-27T12:14:00+01:00')).toBe('2026-11-27T11:14:00.000Z');
    expect(schema.parse({ ...ok, repeat: { every: 60, until: '2027-01-01T00:00' } }).repeat?.until).toBe('2026-12-31T17:00:00.000Z');
    // 09:58 in Vietnam is two minutes before NOW: past the grace.
    expect(fieldsOf({ ...ok, sendAt: '2026-11-27T09:58:00' })).toEqual(['sendAt']);
    expect(fieldsOf({ ...ok, sendAt: '2026-11-27T09:59:30' })).toEqual([]);
    for (const garbage of [
      'ngày mai',
      '2026-11-27',
      '18:14',
      '2026-11-27T25:00:00',
      '2026-13-01T07:00',
      '27/11/2026 18:14',
      '2026-11-27T18:14:00+0700x',
    ]) {
      expect([garbage, fieldsOf({ ...ok, sendAt: garbage })]).toEqual([garbage, ['sendAt']]);
    }
  });

  it('unknown villages and topics are named together with every other bad field', () => {
    const parsed = schema.safeParse({
      text: '',
      audience: { villages: ['phuong  nghe', 'Nowhere'], topics: ['nonsense', 'cat dien'] },
      sendAt: 'soon',
      imageUrl: 'x',
    });
    const fields = inputFields(parsed.error!);
    expect(Object.keys(fields).sort()).toEqual(['audience.topics', 'audience.villages', 'imageUrl', 'sendAt', 'text']);
    expect(fields['audience.villages']).toMatch(/^unknown village "Nowhere" \(known: .*Phương Nghệ/);
    expect(fields['audience.topics']).toMatch(/^unknown topic "nonsense"/);
    expect(inputFields(schema.safeParse({ ...ok, audience: { village: ['x'] } }).error!)).toEqual({
      'audience.village': 'is not a known field',
      audience: 'give all, villages, topics or userIds',
    });
    // Known ones come out as the profile spells them, each once.
    expect(
      schema.parse({ ...ok, audience: { villages: ['PhuongNghe', ' thôn phương nghệ '], topics: ['power', 'Cắt điện'] } }).audience,
    ).toEqual({ villages: ['Phương Nghệ'], topics: ['power'] });
  });

  it('starts sending when it goes now, scheduled only for a later send or a recurring schedule', () => {
    const b = (patch: Partial<BroadcastContent>): BroadcastContent => ({
      id: 'b1',
      text: 'x',
      audience: { all: true },
      createdAt: '',
      createdBy: { kind: 'token', id: 't', name: 'n' },
      ...patch,
    });
    expect(initialStatus(b({}), NOW)).toBe('sending');
    expect(initialStatus(b({ sendAt: new Date(NOW - 30_000).toISOString() }), NOW)).toBe('sending');
    expect(initialStatus(b({ sendAt: new Date(NOW).toISOString() }), NOW)).toBe('sending');
    expect(initialStatus(b({ sendAt: new Date(NOW + 60_000).toISOString() }), NOW)).toBe('scheduled');
    expect(initialStatus(b({ repeat: { every: 60 } }), NOW)).toBe('scheduled');
    expect(initialStatus(b({ parentId: 'b0' }), NOW)).toBe('sending');
  });

  it('repeats at most hourly, with either every or cron, ending after it starts', () => {
    expect(fieldsOf({ ...ok, repeat: { every: 30 } })).toEqual(['repeat.every']);
    expect(fieldsOf({ ...ok, repeat: { every: 60, cron: '0 7 * * *' } })).toEqual(['repeat']);
    expect(fieldsOf({ ...ok, repeat: { cron: '*/5 * * * *' } })).toEqual(['repeat.cron']);
    // Six fields are seconds-first (BullMQ's parser): this one runs every minute.
    expect(fieldsOf({ ...ok, repeat: { cron: '0 * * * * *' } })).toEqual(['repeat.cron']);
    expect(fieldsOf({ ...ok, repeat: { cron: '0 0,30 7 * * *' } })).toEqual(['repeat.cron']);
    expect(fieldsOf({ ...ok, repeat: { cron: '0 0 7 * * 1' } })).toEqual([]);
    // Patterns BullMQ's parser refuses (they used to reach upsertJobScheduler and answer 500).
    expect(fieldsOf({ ...ok, repeat: { cron: '0 7 * * 99' } })).toEqual(['repeat.cron']);
    expect(fieldsOf({ ...ok, repeat: { cron: '0 */0 * * *' } })).toEqual(['repeat.cron']);
    expect(fieldsOf({ ...ok, repeat: { cron: 'mỗi sáng' } })).toEqual(['repeat.cron']);
    expect(fieldsOf({ ...ok, repeat: { every: 1440, until: '2026-11-27T09:00:00+07:00' } })).toEqual(['repeat.until']);
    expect(fieldsOf({ ...ok, repeat: { every: 1440 } })).toEqual([]);
  });

  it('an audience needs at least one key; user ids are digits', () => {
    expect(audienceSchema.safeParse({ all: true }).success).toBe(true);
    expect(audienceSchema.safeParse({ villages: [] }).success).toBe(false);
    expect(audienceSchema.safeParse({ all: false }).success).toBe(false);
    expect(audienceSchema.safeParse({ userIds: ['12ab'] }).success).toBe(false);
    // The same cap as PUT /api/v1/followers/<id> (Zalo ids are 19 digits today).
    expect(audienceSchema.safeParse({ userIds: ['1'.repeat(25)] }).success).toBe(true);
    expect(audienceSchema.safeParse({ userIds: ['1'.repeat(26)] }).success).toBe(false);
    expect(audienceSchema.safeParse({ village: ['Phương Nghệ'] }).success).toBe(false);
  });
});
