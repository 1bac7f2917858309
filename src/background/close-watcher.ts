// Keeps Chrome's close listeners (capture.ts watchClosely) in step with the
// endpoints that earned them (close-watch.ts): adds an endpoint when it
// answers 401, and takes the listeners off when its window ends. Until
// 2026-11-29 nothing took them off before the worker restarted, and a worker
// kept busy by browsing could hold them — and make every request of the
// browser pay for `extraHeaders` — long after the hour they were meant for.
// The clock and timers are passed in, so tests drive time.
import { coveredBy, liveScopes, nextExpiryIn, type CloseWatch } from './close-watch.ts';

/** A 401 storm refreshes an endpoint's stored time at most this often (one write, not one per 401). */
export const TOUCH_AGAIN_MS = 60_000;

export interface CloseWatcherDeps {
  /** Adds or refreshes the endpoint in the store; resolves with the stored list. */
  touch(scope: string, now: number): Promise<CloseWatch>;
  /** Registers the close listeners for exactly these scopes (capture.watchClosely). */
  listen(scopes: string[]): void;
  now(): number;
  setTimer(run: () => void, ms: number): unknown;
  clearTimer(timer: unknown): void;
}

export interface CloseWatcher {
  /** An endpoint answered 401 (or failed like a refused preflight): watch it closely. */
  watch(scope: string | undefined): void;
  /** The stored list, read at start-up. */
  load(w: CloseWatch): void;
  /** The scopes watched now (to register again when capture restarts). */
  scopes(): string[];
}

export function createCloseWatcher(deps: CloseWatcherDeps, ready: Promise<unknown>): CloseWatcher {
  // A memory mirror of the stored list, so a storm of 401s from one endpoint
  // writes once, not per 401.
  const watched = new Map<string, number>();
  let timer: unknown;

  const apply = (w: CloseWatch): void => {
    const now = deps.now();
    const live = liveScopes(w, now);
    watched.clear();
    for (const s of live) watched.set(s, w.scopes[s] ?? 0);
    deps.listen(live);
    if (timer !== undefined) deps.clearTimer(timer);
    timer = undefined;
    const due = nextExpiryIn(w, now);
    // +1: liveScopes keeps a scope until the instant its window is over.
    if (due !== undefined) timer = deps.setTimer(() => apply(w), due + 1);
  };

  return {
    watch(scope) {
      if (!scope) return;
      const now = deps.now();
      // Already watched as itself or as part of its whole host (close-watch.ts).
      const key = coveredBy((s) => watched.has(s), scope) ?? scope;
      const last = watched.get(key);
      if (last !== undefined && now - last < TOUCH_AGAIN_MS) return;
      watched.set(key, now);
      void ready
        .then(() => deps.touch(scope, now))
        .then(apply)
        .catch(() => undefined);
    },
    load: apply,
    scopes: () => [...watched.keys()],
  };
}
