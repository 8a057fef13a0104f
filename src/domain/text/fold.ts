/**
 * Vietnamese folding (docs/domain.md §5): NFC, lower case, strip the combining marks, then đ→d
 * (NFD does not decompose đ). Citizens often type without diacritics; folded text lets
 * "dang ky" meet "đăng ký".
 */
export function fold(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .normalize('NFC');
}

/** Folded, punctuation dropped, spaces collapsed: for matching short commands typed by hand. */
export function foldPhrase(text: string): string {
  return fold(text)
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
