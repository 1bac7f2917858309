// Tells capture when 401s come in a storm (a page retrying in a loop, an app
// polling with an expired token), so it can listen less while it lasts.
// Each 401 costs Chromium two webRequest events (four on an endpoint watched
// closely), dispatched through the browser process into the worker; in the
// bench storm (5,000 401s in a minute) that dispatch, not the recording,
// was most of what the page lost (bench/README.md, "Listening less in a
// storm"). The clock and timers are passed in, so tests drive time.

/** A storm starts when this many watched responses come within one window… */
export const STORM_ENTER = 100;
/** …and ends after a window with fewer than this many (hysteresis: no flapping). */
export const STORM_LEAVE = 20;
/**
 * Two seconds: a page that answers 401 to 60 calls at once (a dashboard whose
 * token expired) is not a storm; 50 a second kept up for two seconds is.
 */
export const STORM_WINDOW_MS = 2000;
/**
 * After another site's 401 ended a storm, no storm starts for this long.
 * Every listener added or removed makes Chromium flush its in-memory cache
 * in every renderer (`ClearCacheOnNavigation`, the flush that
 * `handlerBehaviorChanged` is rate-limited for): a second site answering 401
 * every few seconds beside a storm must not flip the listeners that often.
 */
export const STORM_REENTER_MS = 10_000;

export interface StormDeps {
  now(): number;
  setTimer(run: () => void, ms: number): unknown;
  clearTimer(timer: unknown): void;
  /** Called when a storm starts (true) and when it ends (false). */
  onChange(storm: boolean): void;
}

export interface StormGauge {
  /**
   * One more watched response (a 401 or 407 handed on), from `site` (its
   * host). In a storm, a response from a site that was not part of it ends
   * the storm at once: another site's first 401 is read without what it
   * sent, but the retry a person makes after reading it is read in full.
   */
  count(site: string): void;
  /** In a storm now. */
  active(): boolean;
  /** When the last storm ended (ms, deps.now), or -Infinity. */
  endedAt(): number;
  stop(): void;
}

export function createStormGauge(deps: StormDeps): StormGauge {
  let storm = false;
  let windowStart = -Infinity;
  let inWindow = 0;
  let timer: unknown;
  let ended = -Infinity;
  let noStormUntil = -Infinity;
  // The sites of the current window's responses (at most STORM_ENTER), then of the storm's.
  let sites = new Set<string>();

  // In a storm a timer closes each window, since the end of a storm is the
  // absence of events, which no event reports.
  const closeWindow = (): void => {
    timer = undefined;
    if (inWindow >= STORM_LEAVE) {
      windowStart = deps.now();
      inWindow = 0;
      timer = deps.setTimer(closeWindow, STORM_WINDOW_MS);
      return;
    }
    end();
  };
  const end = (): void => {
    if (timer !== undefined) deps.clearTimer(timer);
    timer = undefined;
    storm = false;
    ended = deps.now();
    windowStart = -Infinity;
    inWindow = 0;
    sites = new Set();
    deps.onChange(false);
  };

  return {
    count(site) {
      if (storm) {
        if (sites.has(site)) {
          inWindow++;
          return;
        }
        end();
        noStormUntil = deps.now() + STORM_REENTER_MS;
      }
      const now = deps.now();
      if (now - windowStart >= STORM_WINDOW_MS) {
        windowStart = now;
        inWindow = 0;
        sites = new Set();
      }
      sites.add(site);
      if (++inWindow < STORM_ENTER || now < noStormUntil) return;
      storm = true;
      windowStart = now;
      inWindow = 0;
      timer = deps.setTimer(closeWindow, STORM_WINDOW_MS);
      deps.onChange(true);
    },
    active: () => storm,
    endedAt: () => ended,
    stop() {
      if (timer !== undefined) deps.clearTimer(timer);
      timer = undefined;
      storm = false;
    },
  };
}
