import { describe, expect, it } from 'vitest';
import {
  CLOSE_WATCH_MAX,
  CLOSE_WATCH_MS,
  emptyCloseWatch,
  isCloseWatch,
  liveScopes,
  SCOPE_PATH_MAX,
  scopeOf,
  scopePatterns,
  SCOPES_PER_HOST_MAX,
  touchScope,
  wholeHost,
} from './close-watch.ts';

describe('close watch', () => {
  it('the scope of a URL is its lower-case host and its path, without port or query', () => {
    expect(scopeOf('https://API.Example.com:8443/v1/Me?token=x#f')).toBe('api.example.com/v1/Me');
    expect(scopeOf('http://[::1]:8080/')).toBe('[::1]/');
    expect(scopeOf('ftp://a.example/x')).toBeUndefined();
    expect(scopeOf('not a url')).toBeUndefined();
    // A path holding a secret is never stored, not even to watch it.
    expect(
      scopeOf('https://api.telegram.org/bot1095088159:AAt-D43eH1S57Fe-90gOdHKbb3SEHs9MWOd/getMe'),
    ).toBeUndefined();
    const long = scopeOf(`https://a.example/${'p'.repeat(SCOPE_PATH_MAX + 10)}`)!;
    expect(long).toBe(`a.example/${'p'.repeat(SCOPE_PATH_MAX - 1)}*`);
  });

  it('watches the path exactly, with or without a query, not the rest of the host', () => {
    expect(scopePatterns(['a.example/api/me', '[::1]/', `b.example/long*`])).toEqual([
      '*://a.example/api/me',
      '*://a.example/api/me?*',
      '*://[::1]/',
      '*://[::1]/?*',
      '*://b.example/long*',
    ]);
    // Not plain host names, or no path: skipped.
    expect(scopePatterns(['bad host/x', '*.x/y', 'a.example', '/x'])).toEqual([]);
  });

  it('adds scopes, newest first', () => {
    let w = touchScope(emptyCloseWatch(), 'api.example.com/me', 1000);
    w = touchScope(w, 'b.example/', 2000);
    expect(liveScopes(w, 3000)).toEqual(['b.example/', 'api.example.com/me']);
  });

  it('forgets a scope CLOSE_WATCH_MS (five minutes) after its last 401', () => {
    let w = touchScope(emptyCloseWatch(), 'a.example/x', 0);
    expect(liveScopes(w, CLOSE_WATCH_MS - 1)).toEqual(['a.example/x']);
    expect(liveScopes(w, CLOSE_WATCH_MS)).toEqual([]);
    w = touchScope(w, 'b.example/x', CLOSE_WATCH_MS);
    expect(Object.keys(w.scopes)).toEqual(['b.example/x']);
  });

  it(`keeps at most ${CLOSE_WATCH_MAX} scopes, dropping the oldest`, () => {
    let w = emptyCloseWatch();
    for (let i = 0; i < CLOSE_WATCH_MAX + 5; i++) w = touchScope(w, `h${i}.example/x`, 1000 + i);
    const live = liveScopes(w, 2000);
    expect(live).toHaveLength(CLOSE_WATCH_MAX);
    expect(live).not.toContain('h0.example/x');
    expect(live[0]).toBe(`h${CLOSE_WATCH_MAX + 4}.example/x`);
    expect(Object.keys(w.scopes)).toHaveLength(CLOSE_WATCH_MAX);
  });

  it(`watches a host whole once more than ${SCOPES_PER_HOST_MAX} of its endpoints answered 401`, () => {
    let w = touchScope(emptyCloseWatch(), 'other.example/x', 500);
    for (let i = 0; i < SCOPES_PER_HOST_MAX; i++)
      w = touchScope(w, `api.example/items/${i}`, 1000 + i);
    expect(liveScopes(w, 2000)).toHaveLength(SCOPES_PER_HOST_MAX + 1);
    w = touchScope(w, 'api.example/items/99', 1500);
    expect(liveScopes(w, 2000)).toEqual([wholeHost('api.example'), 'other.example/x']);
    expect(scopePatterns([wholeHost('api.example')])).toEqual(['*://api.example/*']);
    // A later endpoint of that host refreshes the whole-host scope, adds nothing.
    w = touchScope(w, 'api.example/orders', 1800);
    expect(w.scopes).toEqual({ 'api.example/*': 1800, 'other.example/x': 500 });
  });

  it('an expired whole-host scope neither covers a new endpoint nor counts towards a collapse', () => {
    let w = emptyCloseWatch();
    for (let i = 0; i <= SCOPES_PER_HOST_MAX; i++)
      w = touchScope(w, `api.example/items/${i}`, 1000);
    expect(Object.keys(w.scopes)).toEqual([wholeHost('api.example')]);
    const later = 1000 + CLOSE_WATCH_MS + 1;
    w = touchScope(w, 'api.example/me', later);
    expect(w.scopes).toEqual({ 'api.example/me': later });
  });

  it('rejects a corrupt stored value, and the older per-host form', () => {
    expect(isCloseWatch({ scopes: { 'a/': 1 } })).toBe(true);
    expect(isCloseWatch({ scopes: { 'a/': 'x' } })).toBe(false);
    expect(isCloseWatch({ hosts: { a: 1 } })).toBe(false);
    expect(isCloseWatch(null)).toBe(false);
    expect(isCloseWatch({})).toBe(false);
  });
});
