// The interleaved launch loop: for each round, every variant once (A B C …),
// a fresh browser each time. One failed launch is retried once; a second
// failure costs that sample only, and is reported.
import { launchChromium } from '../lib/chromium.mjs';
import { launchFirefox } from '../lib/firefox.mjs';
import { cpuByKind } from '../lib/proc-cpu.mjs';
import { incidents, retryOnce, within } from '../lib/timeout.mjs';
import { launchLoads } from './page-load.mjs';

/**
 * @typedef {{ id: string, label?: string, extension?: string, extensionId?: string, full: boolean,
 *   optional?: boolean, prepare?: (s: import('../lib/chromium.mjs').ChromiumSession) => Promise<void> }} Arm
 *   label: for results.json (the comparison variants have theirs in VARIANTS);
 *   optional: runs only when BENCH_ARMS names it;
 *   prepare: runs after launch, before the first load (Chromium only)
 * @typedef {Record<string, Record<string, number[]>>} Samples  variant → scenario → ms (one per launch)
 * @typedef {Record<string, Record<string, Record<string, number>[]>>} Cpu  variant → scenario → per launch: CPU ms per load by process kind
 */

/**
 * @param {'chromium'|'firefox'} browser
 * @param {Arm[]} arms
 * @param {number} rounds
 * @param {string} origin
 * @param {{ warmup: number, loads: number }} perLaunch  loads per launch (page-load.mjs launchLoads)
 * @returns {Promise<{ samples: Samples, loadEventEnd: Samples, loadsMs: Record<string, Record<string, number[][]>>, cpu: Cpu }>}
 */
export async function interleavedLoads(browser, arms, rounds, origin, perLaunch) {
  /** @type {Samples} */
  const samples = {};
  /** @type {Samples} */
  const loadEventEnd = {};
  /** @type {Record<string, Record<string, number[][]>>} */
  const loadsMs = {};
  /** @type {Cpu} */
  const cpu = {};
  for (const a of arms) {
    samples[a.id] = {};
    loadEventEnd[a.id] = {};
    loadsMs[a.id] = {};
    cpu[a.id] = {};
  }
  for (let round = 0; round < rounds; round++) {
    const t0 = Date.now();
    for (const arm of arms) {
      const what = `${browser} ${arm.id} launch ${round + 1}`;
      try {
        const r = await retryOnce(what, async () => {
          const s =
            browser === 'chromium'
              ? await launchChromium({ extension: arm.extension, extensionId: arm.extensionId })
              : await launchFirefox({ extension: arm.extension });
          try {
            if (arm.prepare && 'worker' in s) await arm.prepare(s);
            const loads = launchLoads(s.page, origin, {
              full: arm.full,
              ...perLaunch,
              cpu: () => cpuByKind(s.profile),
            });
            return await within(loads, 240_000, `${what}: loads`);
          } finally {
            await s.close();
          }
        });
        for (const [scenario, m] of Object.entries(r)) {
          (samples[arm.id][scenario] ??= []).push(m.done);
          (loadEventEnd[arm.id][scenario] ??= []).push(m.loadEventEnd);
          (loadsMs[arm.id][scenario] ??= []).push(m.loadsMs);
          if (m.cpuMs) (cpu[arm.id][scenario] ??= []).push(m.cpuMs);
        }
      } catch (e) {
        incidents.push({
          what: `${what} (retry)`,
          error: String(e?.message ?? e).split('\n')[0],
          lost: true,
        });
        console.error(`  ! ${what} failed twice: sample lost`);
      }
    }
    const plain = arms
      .map((a) => `${a.id}=${Math.round(samples[a.id].plain?.at(-1) ?? NaN)}`)
      .join(' ');
    console.error(
      `  ${browser} round ${round + 1}/${rounds} (${((Date.now() - t0) / 1000).toFixed(0)} s): ${plain}`,
    );
  }
  return { samples, loadEventEnd, loadsMs, cpu };
}
