// Time to explanation: from the 401 leaving the server (its own timestamp)
// to the panel showing a cause in the page (the page's MutationObserver,
// same epoch clock). Each sample is a fresh document with one 401, so each
// pays for the panel's injection, as a user's first 401 on a page does.
import { within } from '../lib/timeout.mjs';

/**
 * @param {{ goto: (url:string) => Promise<unknown>, evaluate: (fn: () => unknown) => Promise<any> }} page
 * @param {{ origin:string, sentAt: Map<string, number> }} server
 * @param {number} samples
 * @returns {Promise<{ latencies:number[], missed:number }>}
 */
export async function panelLatency(page, server, samples) {
  const latencies = [];
  let missed = 0;
  for (let i = 0; i < samples; i++) {
    const tag = `p${process.pid}-${Date.now()}-${i}`;
    await within(page.goto(`${server.origin}/panel?tag=${tag}`), 20_000, 'loading the panel page');
    const { seen } = await within(
      page.evaluate(() => /** @type {any} */ (window).__panelSeen),
      20_000,
      'the panel to show',
    );
    const sent = server.sentAt.get(tag);
    if (seen == null || sent === undefined) missed++;
    else latencies.push(seen - sent);
  }
  return { latencies, missed };
}
