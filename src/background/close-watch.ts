// Which endpoints Chrome watches closely (capture.ts watchClosely): those that
// answered 401/407 lately, or whose cross-origin fetch failed the way a
// refused CORS preflight does. An endpoint is a host and a path ("scope"),
// not the whole host: a closely watched request pays for `extraHeaders`, and
// a site whose /api/me answered 401 once should not have every other API
// call and page of the host pay for it (bench/README.md, "The storm, and
// close watching by endpoint"). Every other request of the browser pays
// too, while any close listener exists: hence the short window below. The next 401 of that endpoint, the one a
// user retries, shows its Cookie header; a first 401 elsewhere on the host is
// read from the cookie jar, as on any new host. A host with many failing
// endpoints (an API failing by id) is watched whole, so the list, and the
// listener re-registrations, stay few. Pure: the list lives in
// storage.session (store.ts), so a restarted worker re-registers the same
// listeners.

import { secretPathSegments } from '../core/index.ts';

/** scope ("host/path") → when it last earned close watching (ms since epoch). */
export interface CloseWatch {
  scopes: Record<string, number>;
}

/** Bounded: each closely watched endpoint makes its requests pay for extraHeaders. */
export const CLOSE_WATCH_MAX = 64;
/**
 * An endpoint not heard from for five minutes goes back to the cheap
 * listeners. Short, because close watching costs every request of the
 * browser, not only the endpoint's: Chromium sends every request through its
 * header client as long as any `extraHeaders` listener is registered,
 * whatever its filter (`WebRequestEventRouter::HasAnyExtraHeadersListener`
 * counts listeners per profile; bench: `pairTypedExtraElsewhere`). Five
 * minutes holds the retry a user makes after reading the explanation.
 */
export const CLOSE_WATCH_MS = 5 * 60_000;
/** Longer paths are watched by their first this-many characters (a prefix). */
export const SCOPE_PATH_MAX = 512;
/** Past this many endpoints of one host, the whole host is watched instead. */
export const SCOPES_PER_HOST_MAX = 8;

const hostOfScope = (scope: string) => scope.slice(0, scope.indexOf('/'));
/** The scope that stands for every endpoint of a host. */
export const wholeHost = (host: string) => `${host}/*`;

/** The watched scope that already covers `scope` (itself, or its whole host), if any. */
export function coveredBy(has: (scope: string) => boolean, scope: string): string | undefined {
  if (has(scope)) return scope;
  const whole = wholeHost(hostOfScope(scope));
  return has(whole) ? whole : undefined;
}

export function emptyCloseWatch(): CloseWatch {
  return { scopes: {} };
}

export function isCloseWatch(x: unknown): x is CloseWatch {
  if (typeof x !== 'object' || x === null) return false;
  const s = (x as CloseWatch).scopes;
  return (
    typeof s === 'object' &&
    s !== null &&
    Object.values(s).every((t) => typeof t === 'number' && Number.isFinite(t))
  );
}

/**
 * The endpoint of a URL: lower-case host and path, without query or port
 * (Chrome's match patterns ignore ports). A path past SCOPE_PATH_MAX is cut
 * and ends in "*". Undefined for what is not http(s).
 */
export function scopeOf(url: string | URL): string | undefined {
  let u: URL;
  try {
    u = typeof url === 'string' ? new URL(url) : url;
  } catch {
    return undefined;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
  // A path that holds a secret (a bot token, a webhook key) is not stored,
  // not even to watch it: the records hold it masked, and so must this.
  if (secretPathSegments(u.href).segments.length) return undefined;
  const path =
    u.pathname.length > SCOPE_PATH_MAX ? `${u.pathname.slice(0, SCOPE_PATH_MAX)}*` : u.pathname;
  return `${u.hostname.toLowerCase()}${path}`;
}

/**
 * Match patterns for scopes: the path exactly, with or without a query (a
 * pattern's path matches the URL's path and query). Any scheme; hosts that
 * are not plain names or IP literals are skipped.
 */
export function scopePatterns(scopes: readonly string[]): string[] {
  const out: string[] = [];
  for (const s of scopes) {
    const slash = s.indexOf('/');
    if (slash <= 0) continue;
    const host = s.slice(0, slash);
    const path = s.slice(slash);
    if (!/^[a-z0-9.-]+$|^\[[0-9a-f:.]+\]$/i.test(host)) continue;
    out.push(`*://${host}${path}`);
    if (!path.endsWith('*')) out.push(`*://${host}${path}?*`);
  }
  return out;
}

/** The scopes still watched at `now`, newest first. */
export function liveScopes(w: CloseWatch, now: number): string[] {
  return Object.entries(w.scopes)
    .filter(([, t]) => now - t < CLOSE_WATCH_MS)
    .sort((a, b) => b[1] - a[1])
    .slice(0, CLOSE_WATCH_MAX)
    .map(([s]) => s);
}

/**
 * Milliseconds until the first live scope expires (then the listeners must
 * be narrowed); undefined when nothing is watched.
 */
export function nextExpiryIn(w: CloseWatch, now: number): number | undefined {
  let first: number | undefined;
  for (const s of liveScopes(w, now)) {
    const at = (w.scopes[s] ?? 0) + CLOSE_WATCH_MS;
    if (first === undefined || at < first) first = at;
  }
  return first === undefined ? undefined : Math.max(0, first - now);
}

/**
 * Adds or refreshes a scope (or the whole host that covers it); a host past
 * SCOPES_PER_HOST_MAX endpoints becomes one whole-host scope; drops expired
 * scopes and the oldest past the cap.
 */
export function touchScope(w: CloseWatch, scope: string, now: number): CloseWatch {
  // Expired scopes first: they must neither cover this one nor count towards a collapse.
  const live: Record<string, number> = {};
  for (const s of liveScopes(w, now)) live[s] = w.scopes[s]!;
  const key = coveredBy((s) => Object.hasOwn(live, s), scope) ?? scope;
  const next: CloseWatch = { scopes: { ...live, [key]: now } };
  const host = hostOfScope(key);
  const same = Object.keys(next.scopes).filter((s) => hostOfScope(s) === host);
  if (same.length > SCOPES_PER_HOST_MAX) {
    for (const s of same) delete next.scopes[s];
    next.scopes[wholeHost(host)] = now;
  }
  const keep = new Set(liveScopes(next, now));
  for (const s of Object.keys(next.scopes)) if (!keep.has(s)) delete next.scopes[s];
  return next;
}
