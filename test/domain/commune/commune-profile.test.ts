import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findTopic, findVillage, loadCommuneProfile, onlineFilingUrl, openingHoursText } from '../../../src/domain/commune/commune-profile';

describe('commune profile', () => {
  const profile = loadCommuneProfile();

  it('the shipped sample is valid, names its samples, and has the known villages and former names', () => {
    expect(profile.samples.length).toBeGreaterThan(0);
    expect(profile.villages.map((v) => v.name)).toEqual(expect.arrayContaining(['Đồng Tràm Tây', 'Phương Nghệ', 'Hương Quế Đông']));
    expect(profile.formerNames.join(' ')).toMatch(/Quế Phú/);
    expect(profile.formerNames.join(' ')).toMatch(/Hương An/);
    expect(profile.formerNames.join(' ')).toMatch(/Quảng Nam/);
  });

  it('matches villages without regard to diacritics, case or a leading "thôn"', () => {
    expect(findVillage(profile, 'dong tram tay')).toBe('Đồng Tràm Tây');
    expect(findVillage(profile, 'Thôn PHƯƠNG NGHỆ')).toBe('Phương Nghệ');
    expect(findVillage(profile, 'thon huong que dong')).toBe('Hương Quế Đông');
    expect(findVillage(profile, 'Hà Nội')).toBeUndefined();
  });

  it('matches villages whatever the spacing: doubled, around, or none at all', () => {
    for (const typed of [
      'phuong  nghe',
      ' phương nghệ ',
      'PhuongNghe',
      'phươngnghệ',
      '\tPhương\u00a0Nghệ\n',
      'thôn  phương nghệ',
      ' Thôn Phương-Nghệ ',
    ]) {
      expect([typed, findVillage(profile, typed)]).toEqual([typed, 'Phương Nghệ']);
    }
    expect(findVillage(profile, 'dongtramtay')).toBe('Đồng Tràm Tây');
    expect(findVillage(profile, 'thôn')).toBeUndefined();
    expect(findVillage(profile, '   ')).toBeUndefined();
    expect(findVillage(profile, 'Phương')).toBeUndefined();
  });

  it('matches topics with the same care for spacing', () => {
    for (const typed of ['cat  dien', ' cắt điện ', 'CatDien', 'lichcatdien'])
      expect([typed, findTopic(profile, typed)]).toEqual([typed, 'power']);
    expect(findTopic(profile, 'y te,tiem chung')).toBe('health');
    expect(findTopic(profile, 'villagemeetings')).toBe('meetings');
    expect(findTopic(profile, ' ')).toBeUndefined();
    expect(findTopic(profile, 'catdienx')).toBeUndefined();
  });

  it('builds the online-filing link from the template', () => {
    const withSource = { code: '1.001193', sourceUrl: 'https://dichvucong.gov.vn/thu-tuc-hanh-chinh/abc' };
    expect(onlineFilingUrl(profile, withSource)).toBe('https://dichvucong.gov.vn/thu-tuc-hanh-chinh/abc');
    expect(onlineFilingUrl(profile, { code: '3.000722', sourceUrl: null })).toBe(profile.onlineFiling.fallbackUrl);
    const coded = { ...profile, onlineFiling: { ...profile.onlineFiling, linkTemplate: 'https://dvc.example.vn/tthc?ma={code}' } };
    expect(onlineFilingUrl(coded, withSource)).toBe('https://dvc.example.vn/tthc?ma=1.001193');
    expect(openingHoursText(profile)).toMatch(/Thứ Hai/);
  });

  it('refuses a malformed profile, naming the fields', () => {
    const dir = mkdtempSync(join(tmpdir(), 'commune-'));
    const broken = JSON.parse(readFileSync(join(__dirname, '../../../data/commune.json'), 'utf8'));
    broken.serviceCentre.phone = 'gọi UBND';
    broken.villages = [];
    writeFileSync(join(dir, 'commune.json'), JSON.stringify(broken));
    expect(() => loadCommuneProfile(join(dir, 'commune.json'))).toThrow(/serviceCentre\.phone[\s\S]*villages/);
  });
});
