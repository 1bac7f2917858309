import { describe, expect, it } from 'vitest';
import { fakeClock } from './testing/fake-clock.ts';
import {
  createStormGauge,
  STORM_ENTER,
  STORM_LEAVE,
  STORM_REENTER_MS,
  STORM_WINDOW_MS,
} from './storm.ts';

function setup() {
  const clock = fakeClock();
  const changes: boolean[] = [];
  const gauge = createStormGauge({ ...clock, onChange: (s) => changes.push(s) });
  /** `n` responses from `site` spread evenly over `ms`. */
  const fire = (n: number, ms: number, site = 'a.example') => {
    for (let i = 0; i < n; i++) {
      gauge.count(site);
      clock.advance(ms / n);
    }
  };
  return { clock, changes, gauge, fire };
}

describe('createStormGauge', () => {
  it('a burst of 60 401s at once is not a storm', () => {
    const { gauge, changes, fire } = setup();
    fire(60, 10);
    expect(gauge.active()).toBe(false);
    expect(changes).toEqual([]);
  });

  it(`starts a storm at ${STORM_ENTER} within one window, not spread over two`, () => {
    const a = setup();
    a.fire(STORM_ENTER - 1, STORM_WINDOW_MS * 1.5);
    a.clock.advance(STORM_WINDOW_MS);
    a.fire(STORM_ENTER - 1, STORM_WINDOW_MS * 0.9);
    expect(a.gauge.active()).toBe(false);

    const b = setup();
    b.fire(STORM_ENTER, STORM_WINDOW_MS * 0.9);
    expect(b.gauge.active()).toBe(true);
    expect(b.changes).toEqual([true]);
  });

  it('lasts while the 401s keep coming, and ends after a window with few', () => {
    const { gauge, changes, fire, clock } = setup();
    fire(STORM_ENTER, 1000);
    // 25 a second for ten seconds: fewer than would start a storm, enough to keep one.
    fire(250, 10_000);
    expect(gauge.active()).toBe(true);
    // Then quiet: the storm ends within two windows, with no event to say so.
    clock.advance(2 * STORM_WINDOW_MS);
    expect(gauge.active()).toBe(false);
    expect(changes).toEqual([true, false]);
    expect(gauge.endedAt()).toBeGreaterThan(11_000);
    expect(clock.pending()).toBe(0);
  });

  it(`ends after a window with fewer than ${STORM_LEAVE}, and can start again`, () => {
    const { gauge, changes, fire, clock } = setup();
    fire(STORM_ENTER, 1000);
    fire(STORM_LEAVE - 1, STORM_WINDOW_MS);
    clock.advance(STORM_WINDOW_MS);
    expect(gauge.active()).toBe(false);
    fire(STORM_ENTER, 1000);
    expect(changes).toEqual([true, false, true]);
  });

  it("another site's 401 ends a storm at once; the storm's own sites do not", () => {
    const { gauge, changes, fire } = setup();
    fire(STORM_ENTER / 2, 500, 'a.example');
    fire(STORM_ENTER / 2, 500, 'b.example');
    expect(gauge.active()).toBe(true);
    fire(10, 100, 'a.example');
    fire(10, 100, 'b.example');
    expect(gauge.active()).toBe(true);
    gauge.count('c.example');
    expect(gauge.active()).toBe(false);
    expect(changes).toEqual([true, false]);
    // The storm goes on: it starts again only after a pause (each switch of
    // the listeners costs the browser), and then with c.example in it.
    fire(STORM_ENTER * 10, STORM_REENTER_MS - 1000, 'a.example');
    expect(gauge.active()).toBe(false);
    fire(STORM_ENTER - 2, 1000, 'a.example');
    gauge.count('c.example');
    expect(gauge.active()).toBe(true);
    gauge.count('c.example');
    expect(gauge.active()).toBe(true);
    expect(changes).toEqual([true, false, true]);
  });

  it('stop clears its timer', () => {
    const { gauge, fire, clock } = setup();
    fire(STORM_ENTER, 1000);
    expect(clock.pending()).toBe(1);
    gauge.stop();
    expect(clock.pending()).toBe(0);
    expect(gauge.active()).toBe(false);
  });
});
