// DevTools-shaped HAR entries for the panel's tests (not shipped).
import type { DevtoolsRequest } from './devtools-api.ts';

export const SECRET_TOKEN = 'ghp_0123456789abcdefghijABCDEFGHIJ012345';

export function ghEntry(overrides: { status?: number; url?: string; started?: string } = {}) {
  return {
    startedDateTime: overrides.started ?? '2026-11-28T10:00:00.000Z',
    _resourceType: 'fetch',
    request: {
      method: 'GET',
      url: overrides.url ?? 'https://api.github.com/user',
      headers: [
        { name: 'Authorization', value: `token ${SECRET_TOKEN}` },
        { name: 'Cookie', value: 'session=s3cr3t-cookie-value' },
      ],
      cookies: [{ name: 'session', value: 's3cr3t-cookie-value' }],
    },
    response: {
      status: overrides.status ?? 401,
      statusText: 'Unauthorized',
      headers: [
        { name: 'Date', value: 'Sat, 28 Nov 2026 10:00:00 GMT' },
        { name: 'Content-Type', value: 'application/json; charset=utf-8' },
      ],
      // DevTools entries carry no text: the body comes from getContent().
      content: { size: 90, mimeType: 'application/json' },
    },
  };
}

export const GH_BODY =
  '{"message":"Bad credentials","documentation_url":"https://docs.github.com/rest","status":"401"}';

/** Chrome's shape: getContent calls back (content, encoding). */
export function chromeRequest(entry: object, body: string | null): DevtoolsRequest {
  return { ...entry, getContent: (cb) => cb?.(body, '') } as DevtoolsRequest;
}

/** Firefox's shape: getContent returns a Promise of [content, mimeType]. */
export function firefoxRequest(entry: object, body: string | null): DevtoolsRequest {
  return {
    ...entry,
    getContent: () => Promise.resolve([body, 'application/json']),
  } as DevtoolsRequest;
}
