import { describe, expect, it } from 'vitest';
import type { Cookies } from '../shared/browser-types.ts';
import { cookieUrl, cookiesOfOrigin, describeCookie, domainMatches } from './site-cookies.ts';

function cookie(over: Partial<Cookies.Cookie>): Cookies.Cookie {
  return {
    name: 'c',
    value: 'secret-value',
    domain: 'app.example.com',
    hostOnly: true,
    path: '/',
    secure: true,
    httpOnly: true,
    sameSite: 'lax',
    session: true,
    storeId: '0',
    firstPartyDomain: '',
    ...over,
  } as Cookies.Cookie;
}

describe('domainMatches (RFC 6265 §5.1.3)', () => {
  it('matches the host and its parent domains, never an IP by suffix', () => {
    expect(domainMatches('app.example.com', 'example.com')).toBe(true);
    expect(domainMatches('app.example.com', '.example.com')).toBe(true);
    expect(domainMatches('app.example.com', 'app.example.com')).toBe(true);
    expect(domainMatches('example.com', 'app.example.com')).toBe(false);
    expect(domainMatches('badexample.com', 'example.com')).toBe(false);
    expect(domainMatches('1.2.3.4', '2.3.4')).toBe(false);
  });
});

describe('cookiesOfOrigin', () => {
  const jar = [
    cookie({ name: 'host', domain: 'app.example.com', hostOnly: true }),
    cookie({ name: 'parent', domain: '.example.com', hostOnly: false }),
    cookie({ name: 'sibling', domain: 'www.example.com', hostOnly: true }),
    cookie({ name: 'child', domain: 'x.app.example.com', hostOnly: true }),
    cookie({ name: 'other', domain: 'other.test', hostOnly: true }),
    cookie({ name: 'loop', domain: '127.0.0.1', hostOnly: true, secure: false }),
    cookie({ name: 'lh', domain: 'localhost', hostOnly: true, secure: false }),
  ];

  it('keeps exactly the cookies the origin receives', () => {
    const names = cookiesOfOrigin(jar, 'https://app.example.com').map((c) => c.name);
    expect(names).toEqual(['host', 'parent']);
  });

  it('tells 127.0.0.1 from localhost on the same port (two origins, one machine)', () => {
    expect(cookiesOfOrigin(jar, 'http://127.0.0.1:4010').map((c) => c.name)).toEqual(['loop']);
    expect(cookiesOfOrigin(jar, 'http://localhost:4010').map((c) => c.name)).toEqual(['lh']);
  });

  it('describes a wider-domain cookie as shared, and never includes its value', () => {
    const d = describeCookie(jar[1]!, 'https://app.example.com');
    expect(d).toEqual({ name: 'parent', domain: '.example.com', shared: true, partitioned: false });
    expect(JSON.stringify(d)).not.toContain('secret-value');
  });
});

describe('cookieUrl', () => {
  it('addresses a cookie by scheme, host and path', () => {
    expect(cookieUrl(cookie({ domain: '.example.com', path: '/app', secure: true }))).toBe(
      'https://example.com/app',
    );
    expect(cookieUrl(cookie({ domain: 'localhost', path: '/', secure: false }))).toBe(
      'http://localhost/',
    );
  });
});
