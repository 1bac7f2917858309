// Page-load overhead: each launch is a fresh profile; the first load warms
// the browser (process, sockets, the extension's worker), the SECOND load of
// the plain page is the measure. Variants that need it then load the page
// with 20–40 ms latency and the page with 20 401s, in that fixed order (the
// 401 page last: Why 401 injects its panel there). Variants are interleaved,
// A B C A B C …, so drift on this noisy machine spreads over all of them.
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

/** @param {string} origin @param {{delay?:boolean, n401?:boolean}} o */
export function loadUrl(origin, { delay = false, n401 = false } = {}) {
  loadCounter++;
  return `${origin}/load?r=${process.pid}-${loadCounter}${delay ? '&d=1' : ''}${n401 ? '&n401=1' : ''}`;
}

/**
 * Runs one launch's loads.
 * @param {{ goto: (url:string) => Promise<unknown>, evaluate: (fn: () => unknown) => Promise<any> }} page
 * @param {string} origin
 * @param {boolean} full  also the latency and 401 pages
 * @returns {Promise<Record<string, {done:number, loadEventEnd:number, resources:number}>>}
 */
export async function launchLoads(page, origin, full) {
  await measureLoad(page, loadUrl(origin)); // warm-up, not recorded
  const out = { plain: await measureLoad(page, loadUrl(origin)) };
  if (full) {
    out.latency = await measureLoad(page, loadUrl(origin, { delay: true }));
    out.with401 = await measureLoad(page, loadUrl(origin, { n401: true }));
  }
  return out;
}
