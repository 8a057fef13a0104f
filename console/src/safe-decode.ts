/**
 * decodeURIComponent for what arrives in the address: a malformed escape (`#/tickets/%E0`,
 * `#token=%`) is kept as typed instead of throwing during the first render and blanking the console.
 */
export function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
