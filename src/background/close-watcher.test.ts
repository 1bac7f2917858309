import { describe, expect, it } from 'vitest';
import { CLOSE_WATCH_MS, emptyCloseWatch, touchScope, type CloseWatch } from './close-watch.ts';
import { createCloseWatcher, TOUCH_AGAIN_MS } from './close-watcher.ts';
import { fakeClock } from './testing/fake-clock.ts';

/** A store, a capture and a clock, all fake: time moves only when the test says. */
function rig() {
  const clock = fakeClock(1_000_000);
  let stored: CloseWatch = emptyCloseWatch();
  const listened: string[][] = [];
  let touches = 0;
  const w = createCloseWatcher(
    {
      touch: async (scope, at) => {
        touches++;
        stored = touchScope(stored, scope, at);
        return stored;
      },
      listen: (scopes) => listened.push(scopes),
      now: clock.now,
      setTimer: clock.setTimer,
      clearTimer: clock.clearTimer,
    },
    Promise.resolve(),
  );
  const settle = () => new Promise((r) => setTimeout(r, 0));
  /** Moves the clock, firing the timers that fall due on the way. */
  const advance = (ms: number) => clock.advanceSettling(ms, settle);
  return {
    w,
    listened,
    advance,
    settle,
    pendingTimers: clock.pending,
    touches: () => touches,
    current: () => listened.at(-1) ?? [],
  };
}

describe('close watcher', () => {
  it('takes the close listeners off when the window ends, without a restart', async () => {
    const r = rig();
    r.w.watch('api.example.com/me');
    await r.settle();
    expect(r.current()).toEqual(['api.example.com/me']);
    await r.advance(CLOSE_WATCH_MS - 1000);
    expect(r.current()).toEqual(['api.example.com/me']);
    await r.advance(2000);
    // Nothing is watched any more: no extraHeaders listener is left for Chromium to count.
    expect(r.current()).toEqual([]);
    expect(r.pendingTimers()).toBe(0);
  });

  it('a 401 again within the window keeps the endpoint watched past the first window', async () => {
    const r = rig();
    r.w.watch('api.example.com/me');
    await r.settle();
    await r.advance(CLOSE_WATCH_MS - 10_000);
    r.w.watch('api.example.com/me');
    await r.settle();
    await r.advance(20_000); // past the first 401's window
    expect(r.current()).toEqual(['api.example.com/me']);
    await r.advance(CLOSE_WATCH_MS);
    expect(r.current()).toEqual([]);
  });

  it('narrows to the endpoints still in their window, one at a time', async () => {
    const r = rig();
    r.w.watch('a.example/x');
    await r.settle();
    await r.advance(60_000);
    r.w.watch('b.example/y');
    await r.settle();
    expect(r.current()).toEqual(['b.example/y', 'a.example/x']);
    await r.advance(CLOSE_WATCH_MS - 60_000 + 1);
    expect(r.current()).toEqual(['b.example/y']);
    await r.advance(60_000);
    expect(r.current()).toEqual([]);
  });

  it('a storm from one endpoint writes the store at most once a minute', async () => {
    const r = rig();
    for (let i = 0; i < 3000; i++) {
      r.w.watch('api.example.com/me');
      if (i % 100 === 0) await r.advance(2_000); // 3000 401s over 60 s
    }
    await r.settle();
    expect(r.touches()).toBeLessThanOrEqual(Math.ceil(60_000 / TOUCH_AGAIN_MS) + 1);
    expect(r.current()).toEqual(['api.example.com/me']);
  });

  it('a list loaded at start-up keeps only what is still in its window, and ends on time', async () => {
    const r = rig();
    let w = touchScope(emptyCloseWatch(), 'old.example/x', 1_000_000 - CLOSE_WATCH_MS - 1);
    w = touchScope(w, 'new.example/y', 1_000_000 - 1000);
    r.w.load(w);
    expect(r.current()).toEqual(['new.example/y']);
    expect(r.w.scopes()).toEqual(['new.example/y']);
    await r.advance(CLOSE_WATCH_MS - 1000 - 10);
    expect(r.current()).toEqual(['new.example/y']);
    await r.advance(20);
    expect(r.current()).toEqual([]);
  });
});
