import { describe, expect, it } from 'vitest';
import { emptyRecords, type TabRecords } from './records.ts';
import { createTabCache } from './tab-cache.ts';
import { encodeTab } from './tab-codec.ts';

const withCount = (count: number): TabRecords => ({ ...emptyRecords(), count });

describe('createTabCache', () => {
  it('returns what was put, stamped as this instance’s write, and frozen', () => {
    const c = createTabCache('me');
    const stored = c.put(1, withCount(3));
    expect(c.get(1)).toBe(stored);
    expect(stored.count).toBe(3);
    expect(stored.w).toMatch(/^me:\d+$/);
    expect(Object.isFrozen(stored)).toBe(true);
    expect(c.put(1, withCount(4)).w).not.toBe(stored.w);
  });

  it('keeps the most recently used tabs only', () => {
    const c = createTabCache('me', 2);
    c.put(1, withCount(1));
    c.put(2, withCount(2));
    c.get(1); // 1 is now the most recent
    c.put(3, withCount(3));
    expect(c.size()).toBe(2);
    expect(c.get(2)).toBeUndefined();
    expect(c.get(1)?.count).toBe(1);
    expect(c.get(3)?.count).toBe(3);
  });

  it('ignores the change event of each of its own writes once, and drops the tab on any other', () => {
    const c = createTabCache('me');
    const mine = c.put(1, withCount(1));
    c.changed(1, mine);
    expect(c.get(1)).toBe(mine);
    // Someone else wrote a copy of our last value (stamp included), changed: not ours.
    c.changed(1, { ...mine, count: 500 });
    expect(c.get(1)).toBeUndefined();
    c.put(2, withCount(2));
    c.changed(2, { ...withCount(9), w: 'other:1' });
    expect(c.get(2)).toBeUndefined();
    c.put(3, withCount(3));
    c.changed(3, withCount(5)); // no stamp: an older version wrote it
    expect(c.get(3)).toBeUndefined();
    c.put(4, withCount(4));
    c.changed(4, undefined); // removed
    expect(c.get(4)).toBeUndefined();
  });

  it('reads the stamp from the stored string, as storage.onChanged hands it over', () => {
    const c = createTabCache('me');
    const mine = c.put(1, withCount(1));
    c.changed(1, encodeTab(mine));
    expect(c.get(1)).toBe(mine);
    // The same stamp again (a copy written from outside): no longer awaited.
    c.changed(1, encodeTab({ ...mine, count: 500 }));
    expect(c.get(1)).toBeUndefined();
  });

  it('two writes in a row: both events are ours, in order', () => {
    const c = createTabCache('me');
    const a = c.put(1, withCount(1));
    const b = c.put(1, withCount(2));
    c.changed(1, a);
    expect(c.get(1)).toBe(b);
    c.changed(1, b);
    expect(c.get(1)).toBe(b);
  });

  it('mirrors a read without awaiting an event for it', () => {
    const c = createTabCache('me');
    const read = c.mirror(1, { ...withCount(7), w: 'me:1' });
    expect(c.get(1)).toBe(read);
    expect(Object.isFrozen(read)).toBe(true);
    c.changed(1, { ...withCount(8), w: 'me:1' }); // a stamp we never awaited
    expect(c.get(1)).toBeUndefined();
  });
});
