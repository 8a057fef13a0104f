/**
 * Calls to the service's API with the signed-in token. A 401 signs the person out (the token was
 * revoked or mistyped); every other failure is an ApiError carrying the status and the API's
 * `{error, fields}` so a form can show each field's problem beside it.
 */
import { forgetToken, storedToken } from './session';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }
}

type Listener = () => void;
let onSignedOut: Listener = () => undefined;

/** The shell's hook: called when the API refuses the token. */
export function whenSignedOut(listener: Listener): void {
  onSignedOut = listener;
}

async function request(method: string, path: string, body?: unknown, token = storedToken()): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  let payload: BodyInit | undefined;
  if (body instanceof Blob) {
    // An uploaded CSV goes as its bytes: the service reads the encoding Excel chose.
    headers['content-type'] = 'text/csv';
    payload = body;
  } else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, { method, headers, body: payload });
  } catch {
    throw new ApiError(0, 'network');
  }
  // Only the session's own token signs out: a token being tried on the sign-in page was never kept.
  if (res.status === 401 && token === storedToken()) {
    forgetToken();
    onSignedOut();
  }
  if (!res.ok) {
    const data = (await res.json().catch(() => ({}))) as { error?: string; fields?: Record<string, string> };
    throw new ApiError(res.status, data.error ?? res.statusText, data.fields ?? {});
  }
  return res;
}

async function json<T>(method: string, path: string, body?: unknown, token?: string): Promise<T> {
  const res = await request(method, path, body, token);
  return (res.status === 204 ? undefined : await res.json()) as T;
}

export const api = {
  get: <T>(path: string, token?: string) => json<T>('GET', path, undefined, token),
  post: <T>(path: string, body?: unknown) => json<T>('POST', path, body ?? {}),
  put: <T>(path: string, body: unknown) => json<T>('PUT', path, body),
  delete: <T = void>(path: string, body?: unknown) => json<T>('DELETE', path, body),
  /** A CSV file to save (the ratings export): fetched with the token, handed to the browser as a download. */
  async download(path: string, filename: string): Promise<void> {
    const blob = await (await request('GET', path)).blob();
    const url = URL.createObjectURL(blob);
    const link = Object.assign(document.createElement('a'), { href: url, download: filename });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  },
};

/** A query string from the values that are set. */
export function query(values: Record<string, string | number | boolean | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value !== undefined && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}
