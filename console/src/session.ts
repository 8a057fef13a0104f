/**
 * The API token the console signs in with. It lives in sessionStorage (gone when the tab closes,
 * never sent anywhere but the API's Authorization header). `npm run dev` opens
 * /console/#token=…: the token is taken from the address and the address is cleaned at once, so it
 * stays out of the history and of anything copied from the address bar.
 */
import { safeDecode } from './safe-decode';

const KEY = 'console.token';

/** true when the address carried a token (now kept, and gone from the address). */
export function takeTokenFromAddress(): boolean {
  const match = /(?:^#|&)token=([^&]+)/.exec(location.hash);
  if (!match?.[1]) return false;
  sessionStorage.setItem(KEY, safeDecode(match[1]));
  history.replaceState(null, '', `${location.pathname}${location.search}#/`);
  return true;
}

export const storedToken = (): string | null => sessionStorage.getItem(KEY);
export const storeToken = (token: string): void => sessionStorage.setItem(KEY, token);
export const forgetToken = (): void => sessionStorage.removeItem(KEY);
