// Test builders: exchanges shaped like Chrome's and Firefox's records, and unsigned JWTs.
import type { Exchange, Header } from '../types.ts';

export const b64url = (s: string): string =>
  btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/** An unsigned-looking JWT with the given claims (signature is junk: nothing verifies it). */
export function jwt(
  claims: Record<string, unknown>,
  header: Record<string, unknown> = { alg: 'RS256', typ: 'JWT' },
): string {
  return `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}.c2lnbmF0dXJlLXNlY3JldC1wYXJ0LXh5eg`;
}

/** 2024-06-14T14:00:00Z, the public cases' day. */
export const T0 = Date.UTC(2024, 5, 14, 14, 0, 0);
export const httpDate = (ms: number): string => new Date(ms).toUTCString();

export function exchange(
  o: Partial<Exchange> & {
    req?: Record<string, string>;
    res?: Record<string, string | string[]>;
    body?: string;
    mime?: string;
  } = {},
): Exchange {
  const { req = {}, res = {}, body, mime, ...rest } = o;
  const requestHeaders: Header[] = [
    { name: 'Host', value: 'api.example.com' },
    { name: 'Accept', value: 'application/json' },
  ];
  for (const [name, value] of Object.entries(req)) requestHeaders.push({ name, value });
  const responseHeaders: Header[] = [{ name: 'Date', value: httpDate(T0) }];
  for (const [name, value] of Object.entries(res)) {
    for (const v of Array.isArray(value) ? value : [value])
      responseHeaders.push({ name, value: v });
  }
  const ex: Exchange = {
    method: 'GET',
    url: 'https://api.example.com/v1/me',
    status: 401,
    startedDateTime: new Date(T0).toISOString(),
    requestHeaders,
    responseHeaders,
    ...rest,
  };
  if (body !== undefined) ex.responseBody = { text: body, mimeType: mime ?? 'application/json' };
  return ex;
}
