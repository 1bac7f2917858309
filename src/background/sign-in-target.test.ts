import { describe, expect, it } from 'vitest';
import { extractEvidence, type Header } from '../core/index.ts';
import { challengedHttpAuth, signInTarget } from './sign-in-target.ts';

const ev = (responseHeaders: Header[]) =>
  extractEvidence({
    method: 'GET',
    url: 'https://app.example.com/api/me',
    status: 401,
    requestHeaders: [],
    responseHeaders,
  });

describe('signInTarget', () => {
  it("prefers a Location the server gave, then Azure's authorization_uri, then the start page", () => {
    const loc = ev([{ name: 'Location', value: '/login?next=%2F' }]);
    const azure = ev([
      {
        name: 'WWW-Authenticate',
        value:
          'Bearer authorization_uri="https://login.microsoftonline.com/tenant/oauth2/authorize"',
      },
    ]);
    const none = ev([{ name: 'WWW-Authenticate', value: 'Bearer' }]);
    expect(signInTarget('https://app.example.com', [loc, azure])).toEqual({
      url: 'https://app.example.com/login?next=%2F',
      source: 'location',
    });
    expect(signInTarget('https://app.example.com', [azure]).source).toBe('authorization_uri');
    expect(signInTarget('https://app.example.com', [none])).toEqual({
      url: 'https://app.example.com/',
      source: 'start-page',
    });
  });

  it('never sends the tab to a script URL', () => {
    const evil = ev([
      { name: 'WWW-Authenticate', value: 'Bearer authorization_uri="javascript:alert(1)"' },
    ]);
    expect(signInTarget('https://app.example.com', [evil]).source).toBe('start-page');
  });
});

describe('challengedHttpAuth', () => {
  it('is true for Basic or Digest challenges only', () => {
    expect(challengedHttpAuth([ev([{ name: 'WWW-Authenticate', value: 'Basic realm="x"' }])])).toBe(
      true,
    );
    expect(challengedHttpAuth([ev([{ name: 'WWW-Authenticate', value: 'Bearer' }])])).toBe(false);
  });
});
