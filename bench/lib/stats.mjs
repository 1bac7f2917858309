// Small statistics for noisy timings: medians, order-statistic quantiles and a
// bootstrap interval for the ratio of two medians. Seeded, so a re-run of the
// report on the same samples prints the same interval.

/** @param {number[]} xs @param {number} q in [0,1] @returns {number} */
export function quantile(xs, q) {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

/** @param {number[]} xs */
export const median = (xs) => quantile(xs, 0.5);

/** Mulberry32: a tiny deterministic PRNG (bootstrap needs reproducible draws, not crypto). */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** @param {number[]} xs @param {() => number} r */
function resampleMedian(xs, r) {
  const b = new Array(xs.length);
  for (let i = 0; i < xs.length; i++) b[i] = xs[Math.floor(r() * xs.length)];
  return median(b);
}

/**
 * Median of `a` over median of `b`, with a 95% percentile-bootstrap interval.
 * The samples come from independent launches (not pairs), so each group is
 * resampled on its own.
 * @param {number[]} a @param {number[]} b
 * @returns {{ratio:number, lo:number, hi:number, n:[number,number]}}
 */
export function ratioOfMedians(a, b, reps = 4000, seed = 401) {
  const r = rng(seed);
  const boots = [];
  for (let i = 0; i < reps; i++) boots.push(resampleMedian(a, r) / resampleMedian(b, r));
  return {
    ratio: round(median(a) / median(b), 4),
    lo: round(quantile(boots, 0.025), 4),
    hi: round(quantile(boots, 0.975), 4),
    n: [a.length, b.length],
  };
}

/** @param {number} x @param {number} digits */
export function round(x, digits = 1) {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** p50/p95 summary of latencies. @param {number[]} xs */
export function p50p95(xs) {
  return { p50: round(quantile(xs, 0.5)), p95: round(quantile(xs, 0.95)), n: xs.length };
}
