// A vendor rule reads one server family's own error format and says what it
// claims. Adding a vendor = adding one file and one line in vendors/index.ts.
import type { Evidence } from '../types.ts';
import type { Claim } from '../rules/types.ts';

export interface Vendor {
  /** Shown nowhere; for tests and debugging. */
  name: string;
  claims(ev: Evidence): Claim[] | undefined;
}

/** A JSON body field by path ("error.code"), or undefined. */
export const field = (ev: Evidence, path: string): string | undefined => ev.body?.fields?.[path];

/** The first field whose path ends with one of `suffixes` (e.g. "message" in "errors.0.message"). */
export function fieldEnding(ev: Evidence, ...suffixes: string[]): string | undefined {
  const f = ev.body?.fields;
  if (!f) return undefined;
  for (const [k, v] of Object.entries(f)) {
    const last = k.slice(k.lastIndexOf('.') + 1);
    if (suffixes.includes(last)) return v;
  }
  return undefined;
}
