/**
 * The API token the console signs in with. It lives in sessionStorage (gone when the tab closes,
 * never sent anywhere but the API's Authorization header). `npm run dev` opens
 * /console/#token=…: the token is taken from the address and the address is cleaned at once, so it
 * stays out of the history and of anything copied from the address bar.
 */
import { safeDecode } from './safe-decode';

const KEY = 'console.token';

/**
 * What a sign-in link did: nothing (no token in the address, or the one already kept), kept its
 * token (no session yet), or brought a different token while a session runs — a link must not
 * swap the signed-in officer silently, so that one waits for the officer to say yes.
 */
export type LinkToken = { kind: 'none' } | { kind: 'kept' } | { kind: 'ask'; token: string };

/** Takes the token out of the address (always) and keeps it when no session is kept. */
export function takeTokenFromAddress(): LinkToken {
  const match = /(?:^#|&)token=([^&]+)/.exec(location.hash);
  if (!match?.[1]) return { kind: 'none' };
  history.replaceState(null, '', `${location.pathname}${location.search}#/`);
  const token = safeDecode(match[1]);
  const stored = storedToken();
  if (stored === null) {
    storeToken(token);
    return { kind: 'kept' };
  }
  return token === stored ? { kind: 'none' } : { kind: 'ask', token };
}

export const storedToken = (): string | null => sessionStorage.getItem(KEY);
export const storeToken = (token: string): void => sessionStorage.setItem(KEY, token);
export const forgetToken = (): void => sessionStorage.removeItem(KEY);
