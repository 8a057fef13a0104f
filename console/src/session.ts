/**
 * The API token the console signs in with. It lives in sessionStorage (gone when the tab closes,
 * never sent anywhere but the API's Authorization header). `npm run dev` opens
 * /console/#token=…: the token is taken from the address and the address is cleaned at once, so it
 * stays out of the history and of anything copied from the address bar.
 */
const KEY = 'console.token';

export function takeTokenFromAddress(): void {
  const match = /(?:^#|&)token=([^&]+)/.exec(location.hash);
  if (!match?.[1]) return;
  sessionStorage.setItem(KEY, decodeURIComponent(match[1]));
  history.replaceState(null, '', `${location.pathname}${location.search}#/`);
}

export const storedToken = (): string | null => sessionStorage.getItem(KEY);
export const storeToken = (token: string): void => sessionStorage.setItem(KEY, token);
export const forgetToken = (): void => sessionStorage.removeItem(KEY);
