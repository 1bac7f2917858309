// "Now" for expiry and skew (causes.md, Time): the response's Date header,
// else the moment the request started, else the clock. A recorded exchange
// therefore diagnoses the same whatever day it is read.
import type { Evidence, Translate } from './types.ts';

export type NowSource = 'date' | 'start' | 'clock';

export function referenceTime(ev: Evidence): { ms: number; source: NowSource } {
  if (isFiniteNum(ev.serverDate)) return { ms: ev.serverDate, source: 'date' };
  if (isFiniteNum(ev.time)) return { ms: ev.time, source: 'start' };
  return { ms: Date.now(), source: 'clock' };
}

export function isFiniteNum(n: unknown): n is number {
  return typeof n === 'number' && Number.isFinite(n);
}

/** Parses an HTTP-date (RFC 9110 §5.6.7) or ISO 8601 string; undefined when it is not a date. */
export function parseDate(v: string | number | undefined): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v !== 'string' || v.length > 100) return undefined;
  const ms = Date.parse(v);
  return Number.isFinite(ms) ? ms : undefined;
}

/** "2024-06-14T14:42:18Z": second precision is what a person compares. */
export function iso(ms: number): string {
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return String(ms);
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A rounded, translated duration: "11 minutes", "3 hours". */
export function duration(ms: number, t: Translate): string {
  const s = Math.round(Math.abs(ms) / 1000);
  if (s < 90) return t('ev_dur_seconds', [String(s)]);
  const m = Math.round(s / 60);
  if (m < 90) return t('ev_dur_minutes', [String(m)]);
  const h = Math.round(m / 60);
  if (h < 48) return t('ev_dur_hours', [String(h)]);
  return t('ev_dur_days', [String(Math.round(h / 24))]);
}
