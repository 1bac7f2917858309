// Which hosts Chrome watches closely (capture.ts watchClosely): those that
// answered 401/407 lately, or whose cross-origin fetch failed the way a
// refused CORS preflight does. Pure: the list lives in storage.session
// (store.ts), so a restarted worker re-registers the same listeners.

/** host → when it last earned close watching (ms since epoch). */
export interface CloseWatch {
  hosts: Record<string, number>;
}

/** Bounded: each closely watched host makes its requests pay for extraHeaders. */
export const CLOSE_WATCH_MAX = 32;
/** A host not heard from for an hour goes back to the cheap listeners. */
export const CLOSE_WATCH_MS = 60 * 60_000;

export function emptyCloseWatch(): CloseWatch {
  return { hosts: {} };
}

export function isCloseWatch(x: unknown): x is CloseWatch {
  if (typeof x !== 'object' || x === null) return false;
  const h = (x as CloseWatch).hosts;
  return (
    typeof h === 'object' &&
    h !== null &&
    Object.values(h).every((t) => typeof t === 'number' && Number.isFinite(t))
  );
}

/** The hosts still watched at `now`, newest first. */
export function liveHosts(w: CloseWatch, now: number): string[] {
  return Object.entries(w.hosts)
    .filter(([, t]) => now - t < CLOSE_WATCH_MS)
    .sort((a, b) => b[1] - a[1])
    .slice(0, CLOSE_WATCH_MAX)
    .map(([h]) => h);
}

/** Adds or refreshes a host; drops expired ones and the oldest past the cap. */
export function touchHost(w: CloseWatch, host: string, now: number): CloseWatch {
  const next: CloseWatch = { hosts: { ...w.hosts, [host.toLowerCase()]: now } };
  const keep = new Set(liveHosts(next, now));
  for (const h of Object.keys(next.hosts)) if (!keep.has(h)) delete next.hosts[h];
  return next;
}
