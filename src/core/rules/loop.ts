// The same request refused again and again within seconds: a refresh or
// re-login loop. Only exchanges at or before the target count, so a
// diagnosis does not change as later traffic arrives.
import { iso } from '../time.ts';
import type { Evidence } from '../types.ts';
import { msg, type Ctx, type Finding } from './types.ts';

export const LOOP_WINDOW_MS = 10_000;
export const LOOP_MIN = 3;

const whenOf = (e: Evidence): number | undefined =>
  Number.isFinite(e.time) ? e.time : Number.isFinite(e.serverDate) ? e.serverDate : undefined;

export function loopRules(ctx: Ctx): Finding[] {
  const { ev, others } = ctx;
  const t0 = whenOf(ev);
  if (t0 === undefined || !others.length) return [];
  let n = 1;
  let first = t0;
  for (const o of others) {
    if (o === ev || o.status !== ev.status || o.method !== ev.method || o.url !== ev.url) continue;
    const t = whenOf(o);
    if (t === undefined || t > t0 || t0 - t > LOOP_WINDOW_MS) continue;
    n++;
    if (t < first) first = t;
  }
  if (n < LOOP_MIN) return [];
  return [
    {
      id: 'auth-loop',
      // The loop outranks the per-request cause (an expired token, say): the
      // request failing the same way again and again is what must be fixed
      // (the app never refreshes or re-authenticates); the cause stays listed.
      confidence: Math.min(0.95, 0.91 + 0.01 * (n - LOOP_MIN)),
      summary: msg(
        'cause_auth_loop_n',
        String(n),
        String(Math.max(1, Math.round((t0 - first) / 1000))),
      ),
      evidence: [msg('ev_loop', String(n), `${ev.method} ${ev.url}`, iso(first), iso(t0))],
    },
  ];
}
