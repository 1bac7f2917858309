// Which cookies belong to an origin, decided purely (tested in Node).
//
// Clearing is destructive, so "this site's cookies" is exact: the cookies the
// browser would send to the origin's host — host-only cookies of that host, and
// domain cookies whose domain the host matches (RFC 6265 §5.1.3), partitioned or
// not — and nothing else. browsingData's own filters are coarser (Chrome clears
// cookies of the whole registrable domain for `origins`), so cookies go through
// the cookies API instead, in both browsers.
import type { Cookies } from '../shared/browser-types.ts';

/** RFC 6265 §5.1.3 domain-match of a request host against a cookie's domain. */
export function domainMatches(host: string, cookieDomain: string): boolean {
  const d = cookieDomain.replace(/^\./, '').toLowerCase();
  const h = host.toLowerCase();
  return h === d || (h.endsWith(`.${d}`) && !/^[\d.]+$/.test(h) && !h.includes(':'));
}

export interface SiteCookie {
  name: string;
  domain: string;
  /** The cookie's domain is wider than the host: sibling sites share it. */
  shared: boolean;
  partitioned: boolean;
}

export function cookiesOfOrigin(all: Cookies.Cookie[], origin: string): Cookies.Cookie[] {
  const host = new URL(origin).hostname.replace(/^\[|\]$/g, '');
  return all.filter((c) =>
    c.hostOnly ? c.domain.toLowerCase() === host.toLowerCase() : domainMatches(host, c.domain),
  );
}

export function describeCookie(c: Cookies.Cookie, origin: string): SiteCookie {
  const host = new URL(origin).hostname;
  return {
    name: c.name,
    domain: c.domain,
    shared: !c.hostOnly && c.domain.replace(/^\./, '').toLowerCase() !== host.toLowerCase(),
    partitioned: !!(c as { partitionKey?: unknown }).partitionKey,
  };
}

/** The URL `cookies.remove` needs to address one cookie exactly. */
export function cookieUrl(c: Cookies.Cookie): string {
  const host = c.domain.replace(/^\./, '');
  return `${c.secure ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}${c.path}`;
}
