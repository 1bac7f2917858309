import { describe, expect, it } from 'vitest';
import {
  CLOSE_WATCH_MAX,
  CLOSE_WATCH_MS,
  emptyCloseWatch,
  isCloseWatch,
  liveHosts,
  touchHost,
} from './close-watch.ts';

describe('close watch', () => {
  it('adds hosts, newest first, lower-cased', () => {
    let w = touchHost(emptyCloseWatch(), 'API.example.com', 1000);
    w = touchHost(w, 'b.example', 2000);
    expect(liveHosts(w, 3000)).toEqual(['b.example', 'api.example.com']);
  });

  it('forgets a host an hour after its last 401', () => {
    let w = touchHost(emptyCloseWatch(), 'a.example', 0);
    expect(liveHosts(w, CLOSE_WATCH_MS - 1)).toEqual(['a.example']);
    expect(liveHosts(w, CLOSE_WATCH_MS)).toEqual([]);
    w = touchHost(w, 'b.example', CLOSE_WATCH_MS);
    expect(Object.keys(w.hosts)).toEqual(['b.example']);
  });

  it(`keeps at most ${CLOSE_WATCH_MAX} hosts, dropping the oldest`, () => {
    let w = emptyCloseWatch();
    for (let i = 0; i < CLOSE_WATCH_MAX + 5; i++) w = touchHost(w, `h${i}.example`, 1000 + i);
    const live = liveHosts(w, 2000);
    expect(live).toHaveLength(CLOSE_WATCH_MAX);
    expect(live).not.toContain('h0.example');
    expect(live[0]).toBe(`h${CLOSE_WATCH_MAX + 4}.example`);
    expect(Object.keys(w.hosts)).toHaveLength(CLOSE_WATCH_MAX);
  });

  it('rejects a corrupt stored value', () => {
    expect(isCloseWatch({ hosts: { a: 1 } })).toBe(true);
    expect(isCloseWatch({ hosts: { a: 'x' } })).toBe(false);
    expect(isCloseWatch(null)).toBe(false);
    expect(isCloseWatch({})).toBe(false);
  });
});
