// How far apart a tab's panel refreshes are (panel.ts). Each refresh is work
// in the page's own process (the panel draws again): in the bench storm the
// panel was ~40% of what Why 401 cost the page's work
// (bench/experiments/storm-parts.mjs). A storm's refreshes are spaced
// REFRESH_GAP_MS apart at first, twice as far with each refresh after, up to
// REFRESH_GAP_MAX_MS, until the tab has had no refresh for QUIET_MS. The
// spacing outlives one burst of calls: a storm's 401s reach the panel in
// batches, as their records are written (store.ts), and until 2026-11-30
// each batch started again at no gap (a worker profile counted ~5 refreshes
// a second). Pure, so it is tested in Node.

export const REFRESH_GAP_MS = 250;
export const REFRESH_GAP_MAX_MS = 1000;
export const QUIET_MS = 2 * REFRESH_GAP_MAX_MS;

/** A tab's last refresh (ms, any monotonic clock) and the gap before its next. */
export interface Spacing {
  at: number;
  gap: number;
}

/** How long to wait before refreshing at `now`, and the gap that follows that refresh. */
export function nextRefresh(last: Spacing | undefined, now: number): { wait: number; gap: number } {
  const since = last ? now - last.at : Infinity;
  if (!last || since >= QUIET_MS) return { wait: 0, gap: REFRESH_GAP_MS };
  return {
    wait: Math.max(0, last.gap - since),
    gap: Math.min(REFRESH_GAP_MAX_MS, last.gap * 2),
  };
}
