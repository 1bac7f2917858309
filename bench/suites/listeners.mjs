// Which listener costs, measured inside one launch (performance.md: listener
// costs are smaller than launch-to-launch noise). The switchable extension
// holds webRequest + <all_urls>; between consecutive loads of the plain page
// the driver swaps its listener set. Order rotates each round so no set
// always follows another.
import { launchChromium } from '../lib/chromium.mjs';
import { retryOnce, sleep, within } from '../lib/timeout.mjs';
import { loadUrl, measureLoad } from './page-load.mjs';

/**
 * @param {string} extension  the switchable variant's folder
 * @param {string} origin
 * @param {{launches:number, rounds:number}} o
 * @returns {Promise<Record<string, number[]>>} set name → load times (ms)
 */
export async function listenerCosts(extension, origin, { launches, rounds }) {
  /** @type {Record<string, number[]>} */
  const samples = {};
  for (let l = 0; l < launches; l++) {
    await retryOnce(`chromium listener sets launch ${l + 1}`, async () => {
      const s = await launchChromium({ extension });
      try {
        if (!s.worker) throw new Error('no worker');
        const sets = /** @type {string[]} */ (
          await s.worker.evaluate(() => globalThis.listenerSets())
        );
        await measureLoad(s.page, loadUrl(origin)); // warm-up
        for (let r = 0; r < rounds; r++) {
          const order = sets.map((_, i) => sets[(i + r + l) % sets.length]);
          for (const name of order) {
            await within(
              s.worker.evaluate((n) => globalThis.setListeners(n), name),
              10_000,
              'switching listeners',
            );
            // Registration reaches the browser process asynchronously; the same pause for every set.
            await sleep(150);
            const m = await measureLoad(s.page, loadUrl(origin));
            (samples[name] ??= []).push(m.done);
          }
        }
      } finally {
        await s.close();
      }
    });
    console.error(`  listener sets launch ${l + 1}/${launches} done`);
  }
  return samples;
}
