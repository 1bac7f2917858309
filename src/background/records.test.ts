import { describe, expect, it } from 'vitest';
import {
  annotateCauses,
  boundWaiting,
  commitRecords,
  emptyRecords,
  mergeRecords,
  type Observation,
} from './records.ts';

function obs(id: string, time: number, over: Partial<Observation> = {}): Observation {
  return {
    id,
    tabId: 1,
    frameId: 0,
    type: 'xmlhttprequest',
    time,
    evidence: {
      method: 'GET',
      url: `https://a.test/${id}`,
      status: 401,
    } as Observation['evidence'],
    ...over,
  };
}

describe('mergeRecords', () => {
  it('appends, counts, and keeps only the newest `cap`', () => {
    const incoming = Array.from({ length: 60 }, (_, i) => obs(`r${i}`, 100 + i));
    const t = mergeRecords(emptyRecords(), incoming, 50);
    expect(t.count).toBe(60);
    expect(t.records).toHaveLength(50);
    expect(t.records[0]!.id).toBe('r10');
    expect(t.records.at(-1)!.id).toBe('r59');
  });

  it('never duplicates a replayed observation (same id)', () => {
    const once = mergeRecords(emptyRecords(), [obs('a', 1)], 50);
    const twice = mergeRecords(once, [obs('a', 1), obs('b', 2)], 50);
    expect(twice.records.map((r) => r.id)).toEqual(['a', 'b']);
    expect(twice.count).toBe(2);
  });

  it('starts a new page on a main-frame 401', () => {
    const before = mergeRecords(emptyRecords(), [obs('a', 1), obs('b', 2)], 50);
    const after = mergeRecords(before, [obs('nav', 10, { type: 'main_frame' })], 50);
    expect(after.records.map((r) => r.id)).toEqual(['nav']);
    expect(after.count).toBe(1);
    expect(after.pageStart).toBe(10);
  });

  it("drops a late 401 of the previous page's requests", () => {
    const t = mergeRecords(emptyRecords(100), [obs('late', 50), obs('new', 150)], 50);
    expect(t.records.map((r) => r.id)).toEqual(['new']);
  });

  it("a previous page's main-frame 401 written after the new page committed does not take the page over", () => {
    const committed = mergeRecords(emptyRecords(100), [obs('fetch', 120)], 50);
    const t = mergeRecords(committed, [obs('old-doc', 90, { type: 'main_frame' })], 50);
    expect(t.pageStart).toBe(100);
    expect(t.records.map((r) => r.id)).toEqual(['fetch']);
    expect(t.count).toBe(1);
  });

  describe("a storm's observations (request headers unread)", () => {
    const at = (id: string, time: number, url: string, over: Partial<Observation> = {}) =>
      obs(id, time, {
        evidence: { method: 'GET', url, status: 401 } as Observation['evidence'],
        ...over,
      });

    it('counts one whose endpoint already has a record on the page on that record', () => {
      const before = mergeRecords(emptyRecords(), [at('full', 1, 'https://a.test/api?x=1')], 50);
      const storm = Array.from({ length: 30 }, (_, i) =>
        at(`s${i}`, 10 + i, `https://a.test/api?x=${i}`, { inStorm: true }),
      );
      // And two counted from memory (store.ts countRepeat).
      const repeats = [
        { repeatOf: 'GET 401 https://a.test/api', n: 1, time: 50 },
        { repeatOf: 'GET 401 https://a.test/api', n: 1, time: 51 },
      ];
      const t = mergeRecords(before, [...storm, ...repeats], 50);
      expect(t.records.map((r) => r.id)).toEqual(['full']);
      expect(t.records[0]!.repeats).toBe(32);
      expect(t.count).toBe(33);
      // Records are never changed in place (tab-codec.ts caches each one's JSON).
      expect(before.records[0]!.repeats).toBeUndefined();
    });

    it("a commit keeps the count of the new page's records with their repeats", () => {
      const t = mergeRecords(
        emptyRecords(),
        [
          at('old', 1, 'https://a.test/api'),
          at('new', 20, 'https://a.test/api'),
          at('s1', 21, 'https://a.test/api', { inStorm: true }),
          at('s2', 22, 'https://a.test/api', { inStorm: true }),
        ],
        50,
      );
      expect(t.records.map((r) => [r.id, r.repeats])).toEqual([
        ['old', undefined],
        ['new', 2],
      ]);
      expect(commitRecords(t, 10).count).toBe(3);
    });

    it('while a navigation is under way, counts none on the old page’s records', () => {
      const old = mergeRecords(emptyRecords(), [at('old', 1, 'https://a.test/api')], 50);
      // The new page's storm 401s (navigation started at 10) are recorded, then counted on its own.
      const t = mergeRecords(
        old,
        [
          at('s1', 11, 'https://a.test/api', { inStorm: true }),
          at('s2', 12, 'https://a.test/api', { inStorm: true }),
          { repeatOf: 'GET 401 https://a.test/api', n: 1, time: 13 },
        ],
        50,
        10,
      );
      expect(t.records.map((r) => [r.id, r.repeats])).toEqual([
        ['old', undefined],
        ['s1', 2],
      ]);
      expect(commitRecords(t, 10).count).toBe(3);
    });

    it('records the first of an endpoint with no record, and counts its repeats against it', () => {
      const t = mergeRecords(
        mergeRecords(emptyRecords(), [at('other', 1, 'https://a.test/other')], 50),
        [
          at('s1', 10, 'https://a.test/api', { inStorm: true }),
          at('s2', 11, 'https://a.test/api', { inStorm: true }),
          // Another method or status is another request, not a repeat.
          at('s3', 12, 'https://a.test/api', {
            inStorm: true,
            evidence: { method: 'POST', url: 'https://a.test/api', status: 401 },
          } as Partial<Observation>),
        ],
        50,
      );
      expect(t.records.map((r) => r.id)).toEqual(['other', 's1', 's3']);
      expect(t.records[1]!.inStorm).toBe(true);
      expect(t.count).toBe(4);
    });

    it('does not count against a record of the page before, nor fold a top-level 401', () => {
      const before = mergeRecords(emptyRecords(), [at('old', 1, 'https://a.test/api')], 50);
      const t = mergeRecords(
        before,
        [
          at('doc', 10, 'https://a.test/', { type: 'main_frame', inStorm: true }),
          at('s1', 11, 'https://a.test/api', { inStorm: true }),
        ],
        50,
      );
      expect(t.records.map((r) => r.id)).toEqual(['doc', 's1']);
      expect(t.count).toBe(2);
    });
  });
});

describe('commitRecords', () => {
  it('forgets what the previous document got', () => {
    const t = mergeRecords(emptyRecords(), [obs('a', 1)], 50);
    const c = commitRecords(t, 500);
    expect(c.records).toEqual([]);
    expect(c.count).toBe(0);
    expect(c.pageStart).toBe(500);
  });

  it("keeps the new document's own 401s, even those stored before the commit was reported", () => {
    // The main-frame 401 started the navigation; a fetch of the new page's first
    // script was answered before the browser reported the commit.
    const t = mergeRecords(
      emptyRecords(),
      [obs('old', 1), obs('nav', 400, { type: 'main_frame' }), obs('early-fetch', 420)],
      50,
    );
    const c = commitRecords(t, 400);
    expect(c.records.map((r) => r.id)).toEqual(['nav', 'early-fetch']);
    expect(c.count).toBe(2);
  });
});

describe('annotateCauses', () => {
  it('diagnoses each record once, with only the records before it', () => {
    const calls: string[] = [];
    const t = mergeRecords(emptyRecords(), [obs('a', 1), obs('b', 2), obs('c', 3)], 50);
    const once = annotateCauses(t, (ev, earlier) => {
      calls.push(`${ev.url}<-${earlier.length}`);
      return [];
    });
    expect(calls).toEqual(['https://a.test/a<-0', 'https://a.test/b<-1', 'https://a.test/c<-2']);
    const more = mergeRecords(once, [obs('d', 4)], 50);
    annotateCauses(more, (ev, earlier) => {
      calls.push(`${ev.url}<-${earlier.length}`);
      return [];
    });
    expect(calls.at(-1)).toBe('https://a.test/d<-3');
    expect(calls).toHaveLength(4);
  });
});

describe('boundWaiting', () => {
  const many = (n: number, from = 0) =>
    Array.from({ length: n }, (_, i) => obs(`w${from + i}`, 100 + from + i));
  const ids = (w: ReturnType<typeof boundWaiting>) =>
    w.map((x) => ('dropped' in x ? `+${x.dropped}` : 'repeatOf' in x ? '~' : x.id));

  it('leaves a short wait alone', () => {
    const w = many(10);
    expect(boundWaiting(w, 5)).toBe(w);
  });

  it('past 2 × cap keeps the newest cap and counts the rest where they were', () => {
    const w = boundWaiting(many(11), 5);
    expect(ids(w)).toEqual(['+6', 'w6', 'w7', 'w8', 'w9', 'w10']);
    // Bounded again later: the new drops join the run.
    const again = boundWaiting([...w, ...many(5, 11)], 5);
    expect(ids(again)).toEqual(['+11', 'w11', 'w12', 'w13', 'w14', 'w15']);
    const t = mergeRecords({ ...emptyRecords(), count: 3 }, again, 5);
    expect(t.count).toBe(3 + 16);
    expect(t.records.map((r) => r.id)).toEqual(['w11', 'w12', 'w13', 'w14', 'w15']);
  });

  it('a top-level 401 after a run resets the count: the run belonged to the page before', () => {
    const w = boundWaiting(many(11), 5); // +6 and 5 kept
    const doc = obs('doc', 500, { type: 'main_frame' });
    const t = mergeRecords({ ...emptyRecords(), count: 40 }, [...w, doc, obs('after', 501)], 5);
    expect(t.count).toBe(2);
    expect(t.records.map((r) => r.id)).toEqual(['doc', 'after']);
  });

  it('keeps a top-level 401 in its place and counts the runs on either side', () => {
    const doc = obs('doc', 200, { type: 'main_frame' });
    const w = boundWaiting([...many(8), doc, ...many(12, 200)], 5);
    expect(ids(w)).toEqual(['+8', 'doc', '+7', 'w207', 'w208', 'w209', 'w210', 'w211']);
    const t = mergeRecords({ ...emptyRecords(), count: 40 }, w, 5);
    expect(t.count).toBe(13); // the document's 401 and its 12, not the old page's
    expect(t.pageStart).toBe(200);
  });

  it('does not count a run of late answers to the previous page', () => {
    const late = boundWaiting(many(11), 5); // times 100–110
    const t = mergeRecords({ ...emptyRecords(1000), count: 2 }, late, 5);
    expect(t.count).toBe(2);
    expect(t.records).toEqual([]);
  });
});
