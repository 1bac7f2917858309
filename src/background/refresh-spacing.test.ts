import { describe, expect, it } from 'vitest';
import {
  nextRefresh,
  QUIET_MS,
  REFRESH_GAP_MAX_MS,
  REFRESH_GAP_MS,
  type Spacing,
} from './refresh-spacing.ts';

describe('nextRefresh', () => {
  it("a quiet tab's first refresh is at once", () => {
    expect(nextRefresh(undefined, 5_000)).toEqual({ wait: 0, gap: REFRESH_GAP_MS });
    expect(nextRefresh({ at: 0, gap: REFRESH_GAP_MAX_MS }, QUIET_MS)).toEqual({
      wait: 0,
      gap: REFRESH_GAP_MS,
    });
  });

  it('a storm backs off to one refresh a second, across bursts of calls', () => {
    // Calls as a storm's batches bring them: every 100 ms, each waiting out its gap.
    let last: Spacing | undefined;
    let now = 0;
    const at: number[] = [];
    for (let i = 0; i < 8; i++) {
      const { wait, gap } = nextRefresh(last, now);
      now += wait;
      at.push(now);
      last = { at: now, gap };
      now += 100;
    }
    const gaps = at.slice(1).map((t, i) => t - at[i]!);
    expect(gaps).toEqual([250, 500, 1000, 1000, 1000, 1000, 1000]);
  });

  it('a call past the gap does not wait, and still widens the next gap', () => {
    expect(nextRefresh({ at: 0, gap: 250 }, 400)).toEqual({ wait: 0, gap: 500 });
  });
});
