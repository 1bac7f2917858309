// Page-load overhead: each launch is a fresh profile; the first loads warm
// the browser (process, sockets, the extension's worker, start-up tasks) and
// are not measured; then each scenario is loaded a few times and the launch's
// figure is the median. Variants that need it load the page with 20–40 ms
// latency and the page with 20 401s after the plain page, in that fixed order
// (the 401 page last: Why 401 injects its panel there). Variants are
// interleaved, A B C A B C …, so drift on this noisy machine spreads over all
// of them.
import { cpuMsBetween, medianByKind } from '../lib/proc-cpu.mjs';
import { median } from '../lib/stats.mjs';
import { within } from '../lib/timeout.mjs';

let loadCounter = 0;

/**
 * One measured navigation: to the bench page, then until its done mark.
 * @param {{ goto: (url:string) => Promise<unknown>, evaluate: (fn: () => unknown) => Promise<any> }} page
 * @param {string} url
 */
export async function measureLoad(page, url) {
  await within(page.goto(url), 30_000, `loading ${url}`);
  const r = await within(
    page.evaluate(() => /** @type {any} */ (window).__benchDone),
    30_000,
    'the page to signal done',
  );
  return /** @type {{done:number, loadEventEnd:number, resources:number}} */ (r);
}

/**
 * @param {string} origin
 * @param {{delay?:boolean, n401?:boolean, extraOk?:boolean}} o  extraOk: the 401 page's extra fetch calls answered 200
 */
export function loadUrl(origin, { delay = false, n401 = false, extraOk = false } = {}) {
  loadCounter++;
  const extra = extraOk ? '&n401=ok' : n401 ? '&n401=1' : '';
  return `${origin}/load?r=${process.pid}-${loadCounter}${delay ? '&d=1' : ''}${extra}`;
}

/**
 * @typedef {{done:number, loadEventEnd:number, resources:number}} Load
 * @typedef {{done:number, loadEventEnd:number, loadsMs:number[], cpuMs?: Record<string, number>}} ScenarioResult
 *   done/loadEventEnd: the medians of the launch's loads of that scenario;
 *   cpuMs: median CPU ms per load per process kind (when `cpu` is given)
 */

/**
 * Runs one launch's loads: `warmup` plain loads first, not recorded (a fresh
 * profile's first loads are slower without an extension and mostly not
 * with one: measuring them flatters an extension), then `loads` of each
 * scenario; each scenario's figure for the launch is the median of its loads.
 * The 401 page comes last: its 401s change what the extension does next
 * (the panel, a host watched closely).
 * @param {{ goto: (url:string) => Promise<unknown>, evaluate: (fn: () => unknown) => Promise<any> }} page
 * @param {string} origin
 * @param {{ full: boolean, warmup: number, loads: number, cpu?: () => Record<string, number> | null }} o
 *   full: also the latency and 401 pages; cpu: CPU seconds so far per process kind
 * @returns {Promise<Record<string, ScenarioResult>>}
 */
export async function launchLoads(page, origin, { full, warmup, loads, cpu }) {
  for (let i = 0; i < warmup; i++) await measureLoad(page, loadUrl(origin));
  /** @type {[string, {delay?:boolean, n401?:boolean}][]} */
  const scenarios = [['plain', {}]];
  if (full) scenarios.push(['latency', { delay: true }], ['with401', { n401: true }]);
  /** @type {Record<string, ScenarioResult>} */
  const out = {};
  for (const [name, opts] of scenarios) {
    /** @type {Load[]} */
    const ms = [];
    /** @type {Record<string, number>[]} */
    const cpus = [];
    for (let i = 0; i < loads; i++) {
      const before = cpu?.() ?? null;
      ms.push(await measureLoad(page, loadUrl(origin, opts)));
      const d = cpuMsBetween(before, cpu?.() ?? null);
      if (d) cpus.push(d);
    }
    out[name] = {
      done: median(ms.map((m) => m.done)),
      loadEventEnd: median(ms.map((m) => m.loadEventEnd)),
      loadsMs: ms.map((m) => Math.round(m.done)),
      ...(cpus.length ? { cpuMs: medianByKind(cpus) } : {}),
    };
  }
  return out;
}
