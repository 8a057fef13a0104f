import { loadCommuneProfile, findTopic } from '../../../src/domain/commune/commune-profile';
import { parseFollowerCsv } from '../../../src/domain/followers/follower-csv';
import { CsvFileError } from '../../../src/domain/csv';

const commune = loadCommuneProfile();

describe('topics in the commune profile', () => {
  it('found by id, name, label or alias, without diacritics or case', () => {
    expect(findTopic(commune, 'power')).toBe('power');
    expect(findTopic(commune, 'LỊCH CẮT ĐIỆN')).toBe('power');
    expect(findTopic(commune, 'cat dien')).toBe('power');
    expect(findTopic(commune, 'thoi tiet, thien tai')).toBe('weather');
    expect(findTopic(commune, 'Village meetings')).toBe('meetings');
    expect(findTopic(commune, 'an ninh trat tu')).toBe('security');
    expect(findTopic(commune, 'bóng đá')).toBeUndefined();
    expect(findTopic(commune, '  ')).toBeUndefined();
  });

  it('every button label leaves room for "✓ " within 20 characters', () => {
    for (const t of commune.topics)
      for (const label of [t.label.vi, t.label.en]) expect([label, [...`✓ ${label}`].length <= 20]).toEqual([label, true]);
  });
});

describe('follower CSV', () => {
  it('reads good rows (topics split by ";" or "|"), reports bad ones with their line numbers', () => {
    const csv = [
      'User_ID,Thôn,Chủ đề,Locale',
      '1234567890123456789,phuong nghe,"cat dien;y te",vi',
      '2234567890123456789,Đồng Tràm Tây,nong nghiep|hop thon,',
      '12ab,Phương Nghệ,,',
      '3234567890123456789,Hà Nội,bóng đá,fr',
      '',
      '1234567890123456789,Hương Quế Đông,,',
      '4234567890123456789,,,en',
    ].join('\r\n');
    const parsed = parseFollowerCsv(csv, commune);
    expect(parsed.rows).toEqual([
      { line: 2, userId: '1234567890123456789', change: { village: 'Phương Nghệ', topics: ['power', 'health'], locale: 'vi' } },
      { line: 3, userId: '2234567890123456789', change: { village: 'Đồng Tràm Tây', topics: ['agriculture', 'meetings'] } },
      { line: 8, userId: '4234567890123456789', change: { locale: 'en' } },
    ]);
    expect(parsed.bad.map((b) => b.line)).toEqual([4, 5, 7]);
    expect(parsed.bad[0]!.problems.join()).toMatch(/user_id: "12ab"/);
    expect(parsed.bad[1]!.problems.join()).toMatch(/locale/);
    expect(parsed.bad[2]!.problems.join()).toMatch(/already given on line 2/);
  });

  it('";" as the separator, topics with "|"; unknown village and topic named', () => {
    const parsed = parseFollowerCsv(
      'user_id;village;topics\n5234567890123456789;phuong nghe;power|weather\n6234567890123456789;Hà Nội;bóng đá\n',
      commune,
    );
    expect(parsed.rows).toEqual([
      { line: 2, userId: '5234567890123456789', change: { village: 'Phương Nghệ', topics: ['power', 'weather'] } },
    ]);
    expect(parsed.bad[0]!.problems.join('\n')).toMatch(/village: unknown village "Hà Nội"[\s\S]*topics: unknown topic "bóng đá"/);
  });

  it('a file without a header naming user_id is refused as a whole', () => {
    expect(() => parseFollowerCsv('1234567890123456789,Phương Nghệ\n', commune)).toThrow(CsvFileError);
  });
});
