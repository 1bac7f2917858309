// The names of the cookies the browser's jar holds for an endpoint, asked once
// and reused until any cookie changes. A 401 storm to one endpoint asked the
// jar once per 401 before: ~1,260 `cookies.getAll` round trips to the browser
// process for 1,500 401s (bench/README.md, "The storm"). A reused answer is
// dropped the moment `cookies.onChanged` says a cookie was set or removed
// anywhere — signing in sets one, so "sign in, 401 again" reads the jar afresh
// — and after JAR_TTL_MS in any case. Pure: the lookup and the change events
// are passed in, so tests hand in fakes.

/** Which cookies a URL gets depends on its scheme, host and path, never its query. */
export function cookieScope(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return url;
  }
}

/** The part of `cookies.onChanged` used here. */
export interface CookieChanges {
  addListener(cb: () => void): void;
  removeListener(cb: () => void): void;
}

/** How long an answer is reused even if no change is heard (a missed or late event). */
export const JAR_TTL_MS = 1000;
/** Endpoints remembered at once; the oldest go first. */
export const JAR_MAX = 64;

/** Timers, passed in so tests control time. */
export interface JarClock {
  now(): number;
  later(fn: () => void, ms: number): void;
}

const realClock: JarClock = {
  now: () => performance.now(),
  later: (fn, ms) => void setTimeout(fn, ms),
};

export function createJarNames(
  lookUp: (url: string) => Promise<string[] | undefined>,
  changes: CookieChanges,
  clock: JarClock = realClock,
): (url: string) => Promise<string[] | undefined> {
  // Oldest first: an endpoint asked again is removed and added anew at the end.
  const known = new Map<string, { at: number; names: Promise<string[] | undefined> }>();
  let listening = false;
  let sweeping = false;
  // Listening only while an answer is kept: cookies change all the time on
  // busy sites, and each event would reach the worker. Chromium may also
  // remember a listener added by a service worker and start the worker for
  // it after a stop: the sweep below removes it a second after the last
  // lookup, long before the worker's idle stop (30 s).
  const forget = () => {
    known.clear();
    changes.removeListener(forget);
    listening = false;
  };
  const sweep = () => {
    sweeping = false;
    const now = clock.now();
    for (const [key, e] of known) {
      if (now - e.at < JAR_TTL_MS) break; // the rest are newer
      known.delete(key);
    }
    if (known.size === 0) forget();
    else schedule();
  };
  /** Wakes the sweep when the oldest answer runs out. */
  const schedule = () => {
    const oldest = known.values().next().value;
    if (sweeping || !oldest) return;
    sweeping = true;
    clock.later(sweep, Math.max(0, oldest.at + JAR_TTL_MS - clock.now()));
  };
  return (url) => {
    const key = cookieScope(url);
    const hit = known.get(key);
    if (hit && clock.now() - hit.at < JAR_TTL_MS) return hit.names;
    known.delete(key);
    if (known.size >= JAR_MAX) known.delete(known.keys().next().value as string);
    if (!listening) {
      changes.addListener(forget);
      listening = true;
    }
    const entry = { at: clock.now(), names: lookUp(url) };
    known.set(key, entry);
    schedule();
    // Unknown is not an answer to keep: the next 401 asks again.
    void entry.names.then((names) => {
      if (names === undefined && known.get(key) === entry) known.delete(key);
    });
    return entry.names;
  };
}
