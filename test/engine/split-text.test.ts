import { splitText, ZALO_TEXT_LIMIT } from '../../src/engine/split-text';

const nfcLength = (s: string) => [...s.normalize('NFC')].length;

describe('splitting long text for Zalo', () => {
  it('leaves short text alone (NFC-normalised)', () => {
    const decomposed = 'Đăng ký khai sinh'.normalize('NFD');
    expect(splitText(decomposed)).toEqual(['Đăng ký khai sinh']);
  });

  it('counts characters after NFC: 2000 composed characters are one message', () => {
    const text = 'ệ'.repeat(ZALO_TEXT_LIMIT).normalize('NFD');
    expect(text.length).toBeGreaterThan(ZALO_TEXT_LIMIT);
    expect(splitText(text)).toHaveLength(1);
  });

  it('splits at paragraph, then line, then sentence boundaries, each part within the limit', () => {
    const paragraph = 'Hồ sơ gồm tờ khai theo mẫu và giấy chứng sinh. '.repeat(20).trim();
    const text = Array.from({ length: 8 }, (_, i) => `Mục ${i + 1}. ${paragraph}`).join('\n\n');
    const parts = splitText(text);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(nfcLength(part)).toBeLessThanOrEqual(ZALO_TEXT_LIMIT);
    for (const part of parts.slice(0, -1)) expect(part.endsWith('.')).toBe(true);
    expect(parts.join(' ').replace(/\s+/g, ' ')).toBe(text.replace(/\s+/g, ' '));
  });

  it('falls back to sentences when a paragraph alone is too long', () => {
    const text = 'Công dân nộp hồ sơ tại Trung tâm Phục vụ hành chính công. '.repeat(80).trim();
    const parts = splitText(text);
    for (const part of parts) {
      expect(nfcLength(part)).toBeLessThanOrEqual(ZALO_TEXT_LIMIT);
      expect(part.endsWith('.')).toBe(true);
    }
  });

  it('cuts a word only when there is no boundary at all', () => {
    const parts = splitText('x'.repeat(4500));
    expect(parts.map((p) => p.length)).toEqual([2000, 2000, 500]);
  });
});
