// store.ts against a fake storage area (the one module that touches storage is
// tested here, not through a browser): what a burst of 401s writes, when, and
// in what form.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Observation } from './records.ts';

interface Write {
  at: number;
  items: Record<string, unknown>;
}

const fake = vi.hoisted(() => {
  const data = new Map<string, unknown>();
  const writes: Write[] = [];
  const listeners: ((c: Record<string, { newValue?: unknown }>, area: string) => void)[] = [];
  const area = {
    async get(key: string) {
      return data.has(key) ? { [key]: data.get(key) } : {};
    },
    async set(items: Record<string, unknown>) {
      writes.push({ at: Date.now(), items });
      for (const [k, v] of Object.entries(items)) data.set(k, v);
      const changes = Object.fromEntries(
        Object.entries(items).map(([k, v]) => [k, { newValue: v }]),
      );
      queueMicrotask(() => listeners.forEach((l) => l(changes, 'session')));
    },
    async remove(key: string) {
      data.delete(key);
    },
  };
  return { data, writes, listeners, area };
});

vi.mock('../shared/browser.ts', () => ({
  default: {
    storage: {
      session: fake.area,
      local: fake.area,
      onChanged: { addListener: (l: (typeof fake.listeners)[number]) => fake.listeners.push(l) },
    },
  },
}));

const obs = (i: number, tabId = 7): Observation => ({
  id: `r${i}:401`,
  tabId,
  frameId: 0,
  type: 'xmlhttprequest',
  time: 1_000 + i,
  evidence: { origin: 'https://api.example', url: `https://api.example/x?i=${i}` } as never,
});

/** `n` 401s on tab 7, one every `everyMs` ms; resolves with their stored promises. */
async function fire(
  store: { addObservation(o: Observation): Promise<unknown> },
  n: number,
  everyMs: number,
) {
  const all: Promise<unknown>[] = [];
  for (let i = 0; i < n; i++) {
    all.push(store.addObservation(obs(i)));
    await vi.advanceTimersByTimeAsync(everyMs);
  }
  return all;
}

async function freshStore() {
  vi.resetModules();
  fake.data.clear();
  fake.writes.length = 0;
  fake.listeners.length = 0;
  return import('./store.ts');
}

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('addObservation', () => {
  it('writes the first 401 after a quiet spell at once, as one JSON string', async () => {
    const store = await freshStore();
    const stored = store.addObservation(obs(1));
    await vi.advanceTimersByTimeAsync(0); // no timer needed: only promise turns
    expect(fake.writes).toHaveLength(1);
    const raw = fake.data.get('tab:7');
    expect(typeof raw).toBe('string');
    expect(JSON.parse(raw as string)).toMatchObject({ count: 1, records: [{ id: 'r1:401' }] });
    expect((await stored).count).toBe(1);
  });

  it('a storm: every 401 counted once, batches at least 100 ms apart, far fewer writes than 401s', async () => {
    const store = await freshStore();
    const all = await fire(store, 300, 2); // 600 ms
    await vi.advanceTimersByTimeAsync(500);
    await Promise.all(all);
    const t = await store.readTab(7);
    expect(t.count).toBe(300);
    expect(t.records).toHaveLength(50); // the cap, newest kept
    expect(t.records.at(-1)?.id).toBe('r299:401');
    const tabWrites = fake.writes.filter((w) => 'tab:7' in w.items);
    expect(tabWrites.length).toBeGreaterThan(1);
    expect(tabWrites.length).toBeLessThanOrEqual(8); // 600 ms of storm / 100 ms, plus the first
    const times = tabWrites.map((w) => w.at);
    for (let i = 1; i < times.length; i++) {
      expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(100);
    }
  });

  it('a long storm: the gap between batches grows to 800 ms, and a quiet spell resets it', async () => {
    const store = await freshStore();
    const all = await fire(store, 800, 5); // 4 s of storm
    await vi.advanceTimersByTimeAsync(1000);
    await Promise.all(all);
    expect((await store.readTab(7)).count).toBe(800);
    const times = fake.writes.filter((w) => 'tab:7' in w.items).map((w) => w.at);
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    // 100, 200, 400, then 800 ms: 4 s of storm in ~8 writes, not 40.
    expect(gaps.slice(0, 3)).toEqual([100, 200, 400]);
    for (const g of gaps.slice(3)) expect(g).toBeGreaterThanOrEqual(800);
    expect(times.length).toBeLessThanOrEqual(9);
    // Quiet for 800 ms since the last write: the next 401 is written at once,
    // the one after it 100 ms later.
    await vi.advanceTimersByTimeAsync(times.at(-1)! + 800 - Date.now());
    const before = fake.writes.length;
    void store.addObservation(obs(900));
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.writes.length).toBe(before + 1);
    void store.addObservation(obs(901));
    await vi.advanceTimersByTimeAsync(99);
    expect(fake.writes.length).toBe(before + 1);
    await vi.advanceTimersByTimeAsync(1);
    expect(fake.writes.length).toBe(before + 2);
  });

  it('a batch started early (a top-level 401) does not lengthen the gap', async () => {
    const store = await freshStore();
    await store.addObservation(obs(1)); // written at once
    await vi.advanceTimersByTimeAsync(10);
    // Each top-level 401 is written at once though the last write was 10 ms ago.
    for (let i = 2; i < 6; i++) {
      void store.addObservation({ ...obs(i), type: 'main_frame', time: Date.now() });
      await vi.advanceTimersByTimeAsync(10);
    }
    const before = fake.writes.length;
    // A subresource 401 10 ms after the last write waits out the first gap
    // (100 ms from that write), not a grown one.
    void store.addObservation({ ...obs(9), time: Date.now() });
    await vi.advanceTimersByTimeAsync(89);
    expect(fake.writes.length).toBe(before);
    await vi.advanceTimersByTimeAsync(2);
    expect(fake.writes.length).toBe(before + 1);
  });

  it('another tab’s first 401 is written at once, even in the middle of a storm', async () => {
    const store = await freshStore();
    await fire(store, 200, 5);
    // The storm's gap is long by now; tab 8 has not been written yet.
    void store.addObservation({ ...obs(1000, 8), time: Date.now() });
    await vi.advanceTimersByTimeAsync(0);
    expect(JSON.parse(fake.data.get('tab:8') as string).count).toBe(1);
  });

  it('a top-level 401 right after a write is not held back: the commit that follows finds it', async () => {
    const store = await freshStore();
    await store.addObservation(obs(1)); // a subresource 401: written at once
    const before = fake.writes.length;
    await vi.advanceTimersByTimeAsync(10);
    const doc = { ...obs(2), type: 'main_frame', time: Date.now() };
    void store.addObservation(doc);
    await vi.advanceTimersByTimeAsync(0); // no gap for a document
    expect(fake.writes.length).toBe(before + 1);
    await vi.advanceTimersByTimeAsync(10);
    const committed = await store.commitTab(7, doc.time - 5);
    expect(committed.count).toBe(1);
    expect(committed.records.map((r) => r.id)).toEqual([doc.id]);
  });

  it('a commit puts the 401s held back by the gap in the queue ahead of itself', async () => {
    const store = await freshStore();
    await store.addObservation(obs(1));
    await vi.advanceTimersByTimeAsync(10);
    const late = { ...obs(2), time: Date.now() };
    const stored = store.addObservation(late); // held back: the last write was 10 ms ago
    await vi.advanceTimersByTimeAsync(0);
    expect(JSON.parse(fake.data.get('tab:7') as string).count).toBe(1);
    // The page's own fetch, made after its navigation started, belongs to it.
    const committed = await store.commitTab(7, late.time - 1);
    expect(committed.records.map((r) => r.id)).toEqual([late.id]);
    expect((await stored).records.map((r) => r.id)).toContain(late.id);
  });

  it("counts a storm's repeat on its endpoint's record, from memory, and only then", async () => {
    const store = await freshStore();
    const { endpointKey } = await import('./records.ts');
    const key = (url: string) => endpointKey('GET', 401, url);
    const first = { ...obs(1), evidence: { ...obs(1).evidence, method: 'GET', status: 401 } };
    await store.addObservation(first);
    // Nothing in memory for another tab or another endpoint: the caller records it.
    expect(store.countRepeat(8, key('https://api.example/x'), 2_000)).toBeUndefined();
    expect(store.countRepeat(7, key('https://api.example/y'), 2_000)).toBeUndefined();
    const counted = store.countRepeat(7, key('https://api.example/x?i=2'), 2_000);
    expect(counted).toBeDefined();
    await vi.advanceTimersByTimeAsync(store.COUNT_GAP_MS);
    const t = await counted!;
    expect(t.count).toBe(2);
    expect(t.records.map((r) => [r.id, r.repeats])).toEqual([['r1:401', 1]]);
    // While a navigation is under way, nothing is counted from memory.
    store.navigationStarted(7, Date.now());
    expect(store.countRepeat(7, key('https://api.example/x'), 2_100)).toBeUndefined();
    // The commit keeps the new page's record with its repeat (both after the navigation started)…
    const kept = await store.commitTab(7, 1_000);
    expect(kept.count).toBe(2);
    // …and a repeat that started before the navigation is not the page's.
    const old = store.countRepeat(7, key('https://api.example/x'), 999);
    expect(old).toBeDefined();
    await vi.advanceTimersByTimeAsync(store.COUNT_GAP_MS);
    expect((await old!).count).toBe(2);
  });

  it("a storm's repeats in a row all land on their record, however many wait", async () => {
    const store = await freshStore();
    const { endpointKey } = await import('./records.ts');
    const first = { ...obs(1), evidence: { ...obs(1).evidence, method: 'GET', status: 401 } };
    await store.addObservation(first);
    const all: Promise<unknown>[] = [];
    for (let i = 0; i < 300; i++) {
      all.push(store.countRepeat(7, endpointKey('GET', 401, 'https://api.example/x'), 2_000 + i)!);
      await vi.advanceTimersByTimeAsync(2);
    }
    await vi.advanceTimersByTimeAsync(store.COUNT_GAP_MS);
    await Promise.all(all);
    const t = await store.readTab(7);
    expect(t.count).toBe(301);
    expect(t.records.map((r) => [r.id, r.repeats])).toEqual([['r1:401', 300]]);
    // Kept over the page's commit (the record and its repeats are the new page's).
    expect((await store.commitTab(7, 1_000)).count).toBe(301);
    // A navigation that never committed is forgotten after a while: counting resumes.
    store.navigationStarted(7, Date.now() - 31_000);
    expect(
      store.countRepeat(7, endpointKey('GET', 401, 'https://api.example/x'), 3_000),
    ).toBeDefined();
  });

  it("a storm's counts alone are written COUNT_GAP_MS apart, or once the repeats pause; a record or a commit does not wait for them", async () => {
    const store = await freshStore();
    const { endpointKey } = await import('./records.ts');
    const key = endpointKey('GET', 401, 'https://api.example/x');
    const first = { ...obs(1), evidence: { ...obs(1).evidence, method: 'GET', status: 401 } };
    await store.addObservation(first); // written at once
    const tabWrites = () => fake.writes.filter((w) => 'tab:7' in w.items);
    const stored = () => JSON.parse(fake.data.get('tab:7') as string) as { count: number };
    const start = Date.now();
    // 10 s of repeats, one every 10 ms: 1,000 counted.
    for (let i = 0; i < 1_000; i++) {
      void store.countRepeat(7, key, 2_000 + i);
      await vi.advanceTimersByTimeAsync(10);
    }
    const times = tabWrites().map((w) => w.at - start);
    // The first write, then one every 4 s: not one per 100–800 ms.
    expect(times).toEqual([0, store.COUNT_GAP_MS, 2 * store.COUNT_GAP_MS]);
    expect(stored().count).toBe(1 + 800); // the last 2 s of counts still wait
    // A new endpoint's record joins the waiting counts: the batch keeps the usual gap.
    const news = { ...obs(2), time: Date.now() };
    const recorded = store.addObservation(news);
    await vi.advanceTimersByTimeAsync(800);
    expect(stored().count).toBe(1 + 1_000 + 1);
    expect((await recorded).records.map((r) => r.id)).toContain(news.id);
    // The popup's read writes what waits first: its count is not 4 s old.
    void store.countRepeat(7, key, Date.now());
    const before = tabWrites().length;
    expect((await store.readTabSettled(7)).count).toBe(1 + 1_000 + 1 + 1);
    expect(tabWrites()).toHaveLength(before + 1);
    // Nothing waits: no write.
    expect((await store.readTabSettled(7)).count).toBe(1 + 1_000 + 1 + 1);
    expect(tabWrites()).toHaveLength(before + 1);
    // When the repeats stop, what waits is written COUNT_QUIET_MS after the
    // last one, not at the end of the 4 s: an idle background may be stopped
    // soon after its last event, and a timer does not keep it awake.
    await vi.advanceTimersByTimeAsync(store.COUNT_GAP_MS);
    const quiet = tabWrites().length;
    void store.countRepeat(7, key, Date.now()); // 4 s since the last write: at once
    await vi.advanceTimersByTimeAsync(0);
    expect(tabWrites()).toHaveLength(quiet + 1);
    for (let i = 0; i < 3; i++) {
      await vi.advanceTimersByTimeAsync(300);
      void store.countRepeat(7, key, Date.now());
    }
    await vi.advanceTimersByTimeAsync(store.COUNT_QUIET_MS - 1);
    expect(tabWrites()).toHaveLength(quiet + 1);
    await vi.advanceTimersByTimeAsync(1);
    expect(tabWrites()).toHaveLength(quiet + 2);
    expect(stored().count).toBe(1 + 1_000 + 1 + 1 + 4);
    // Counts held back go into the queue ahead of a commit.
    void store.countRepeat(7, key, Date.now());
    const committed = await store.commitTab(7, 1_000);
    expect(committed.count).toBe(1 + 1_000 + 1 + 1 + 4 + 1);
  });

  it('reads back from the store what another writer put there, string or object', async () => {
    const store = await freshStore();
    await store.addObservation(obs(1));
    // Written from outside this module (the mirror must not hide it).
    const outside = { v: 1, pageStart: 0, count: 9, records: [obs(2)] };
    await fake.area.set({ 'tab:7': JSON.stringify({ w: 'other:1', ...outside }) });
    await vi.advanceTimersByTimeAsync(0);
    expect((await store.readTab(7)).count).toBe(9);
    await fake.area.set({ 'tab:7': { ...outside, count: 11 } });
    await vi.advanceTimersByTimeAsync(0);
    expect((await store.readTab(7)).count).toBe(11);
  });
});
