import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findVillage, loadCommuneProfile, onlineFilingUrl, openingHoursText } from '../../../src/domain/commune/commune-profile';

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
