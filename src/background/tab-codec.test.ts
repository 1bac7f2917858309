import { describe, expect, it } from 'vitest';
import { emptyRecords, type Observation, type TabRecords } from './records.ts';
import { decodeTab, encodeTab, stampOf } from './tab-codec.ts';

const record = (i: number): Observation => ({
  id: `r${i}:401`,
  tabId: 3,
  frameId: 0,
  type: 'xmlhttprequest',
  time: 1000 + i,
  evidence: {
    origin: 'https://api.example',
    url: 'https://api.example/v1/me?token=[masked]',
    method: 'GET',
    status: 401,
  } as unknown as Observation['evidence'],
});

const tab = (w?: string): TabRecords => ({
  ...emptyRecords(900),
  count: 2,
  records: [record(1), record(2)],
  ...(w ? { w } : {}),
});

describe('tab codec', () => {
  it('round-trips a tab through its stored string', () => {
    const t = tab('abc-123:7');
    const s = encodeTab(t);
    expect(typeof s).toBe('string');
    expect(decodeTab(s)).toEqual(t);
  });

  it('encodes exactly what JSON.stringify would, and a replaced record as it is now', () => {
    const t = tab('abc-123:7');
    expect(JSON.parse(encodeTab(t))).toEqual({ w: 'abc-123:7', ...t });
    expect(JSON.parse(encodeTab({ ...emptyRecords(5) }))).toEqual(emptyRecords(5));
    // A record diagnosed later is a new object: the new one is what is stored.
    const diagnosed = { ...t.records[1]!, causes: [] };
    const t2 = { ...t, records: [t.records[0]!, diagnosed] };
    expect(decodeTab(encodeTab(t2))?.records[1]).toEqual(diagnosed);
  });

  it('puts the stamp first, so it is read without parsing the records', () => {
    const s = encodeTab({ ...tab(), w: 'f00d:12' });
    expect(s.startsWith('{"w":"f00d:12",')).toBe(true);
    expect(stampOf(s)).toBe('f00d:12');
  });

  it('reads the stamp of an older version’s object too, and none where there is none', () => {
    expect(stampOf(tab('me:1'))).toBe('me:1');
    expect(stampOf(tab())).toBeUndefined();
    expect(stampOf(encodeTab(tab()))).toBeUndefined();
    expect(stampOf(undefined)).toBeUndefined();
    expect(stampOf(null)).toBeUndefined();
    expect(stampOf('{"count":1,"w":"late:1"}')).toBeUndefined();
  });

  it('decodes an older version’s object as it is', () => {
    const t = tab('me:2');
    expect(decodeTab(t)).toBe(t);
  });

  it('rejects what is not a tab: bad JSON, other shapes, nothing', () => {
    expect(decodeTab('{"v":1,')).toBeUndefined();
    expect(decodeTab('"a string"')).toBeUndefined();
    expect(decodeTab(JSON.stringify({ v: 2, records: [], count: 0 }))).toBeUndefined();
    expect(decodeTab({ records: 'x' })).toBeUndefined();
    expect(decodeTab(undefined)).toBeUndefined();
  });
});
