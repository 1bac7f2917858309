// How a tab's records are kept in storage.session: one JSON string per tab,
// not the object. Chromium converts an object argument of storage.set value
// by value in the worker's thread before the call returns: measured here,
// a tab at the 50-record cap (~140 KB) took 27 ms of the worker's time per
// write as an object and ~1 ms as a string (stringify included), and a page
// with 20 401s writes its tab ~9 times. Pure, so the rules are tested in Node.
import { isTabRecords, type Observation, type TabRecords } from './records.ts';

// Each record's JSON, made once: a record is never changed after it is made
// (records.ts builds new objects, annotateCauses included), and a storm
// rewrites a tab of 50 records with a few new ones each time. Measured in
// the bench's storm: stringifying whole tabs was ~10% of the worker's time.
const recordJson = new WeakMap<Observation, string>();

function jsonOf(r: Observation): string {
  let s = recordJson.get(r);
  if (s === undefined) {
    s = JSON.stringify(r);
    recordJson.set(r, s);
  }
  return s;
}

/** The stored form. The write stamp `w` comes first, so stampOf need not parse. */
export function encodeTab(t: TabRecords): string {
  const { records, ...rest } = t;
  const head = JSON.stringify(t.w === undefined ? rest : { w: t.w, ...rest });
  // head is a non-empty object ("v" is always there): add the records as its last key.
  return `${head.slice(0, -1)},"records":[${records.map(jsonOf).join(',')}]}`;
}

/** A stored value (this version's string, or an older version's object) as records; undefined if it is neither. */
export function decodeTab(raw: unknown): TabRecords | undefined {
  let t: unknown = raw;
  if (typeof raw === 'string') {
    try {
      t = JSON.parse(raw);
    } catch {
      return undefined;
    }
  }
  return isTabRecords(t) ? t : undefined;
}

const STAMP = /^\{"w":"([^"\\]*)"/;

/** The write stamp of a stored value without parsing the records (storage.onChanged sees every write). */
export function stampOf(raw: unknown): string | undefined {
  if (typeof raw === 'string') return STAMP.exec(raw)?.[1];
  const w = (raw as { w?: unknown } | null | undefined)?.w;
  return typeof w === 'string' ? w : undefined;
}
