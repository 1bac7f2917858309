// `node bench/experiments/record-cost.mjs`: where does a Chromium page that
// answered 401 spend the extra time with Why 401? Within each launch the plain
// page and the page with 20 401s are loaded in turn, and every load's CPU
// time is read per process kind (/proc: browser, renderer, network,
// extension = the service worker's process). A load of the 401 page minus
// its neighbouring plain loads is what its 20 401s cost, in each process.
// Variants: no extension; Why 401 (dist); Why 401 with recording off
// (settings.statuses = [407], so a 401 passes the one status check and
// nothing else runs). Prints one JSON object with medians.
import { cpuByKind, cpuMsBetween, medianByKind } from '../lib/proc-cpu.mjs';
import { launchChromium } from '../lib/chromium.mjs';
import { CHROME_EXTENSION_ID, distDir } from '../lib/config.mjs';
import { startServer } from '../lib/server.mjs';
import { median } from '../lib/stats.mjs';
import { loadUrl, measureLoad } from '../suites/page-load.mjs';

const LAUNCHES = Number(process.env.LAUNCHES ?? 4);
const PAIRS = Number(process.env.PAIRS ?? 5);

const server = await startServer({
  latencyMs: [20, 40],
  page: { images: 200, scripts: 50, fetches: 50, n401: 20 },
});

/** @type {Record<string, (s: import('../lib/chromium.mjs').ChromiumSession) => Promise<void>>} */
const setStatuses = {
  recordingOff: async (s) => {
    await s.worker?.evaluate(async () => {
      const { settings } = await chrome.storage.local.get('settings');
      await chrome.storage.local.set({ settings: { ...settings, statuses: [407] } });
    });
  },
};

const only = process.env.VARIANTS?.split(',');
const variants = [
  { id: 'none' },
  { id: 'why401', extension: distDir.chromium, extensionId: CHROME_EXTENSION_ID },
  {
    id: 'recordingOff',
    extension: distDir.chromium,
    extensionId: CHROME_EXTENSION_ID,
    prepare: setStatuses.recordingOff,
  },
].filter((v) => !only || only.includes(v.id));

/** variant → scenario → list of {ms, cpu} */
const out = {};
for (let l = 0; l < LAUNCHES; l++) {
  for (const v of variants) {
    const s = await launchChromium({ extension: v.extension, extensionId: v.extensionId });
    try {
      if (v.prepare) await v.prepare(s);
      await measureLoad(s.page, loadUrl(server.origin));
      for (let i = 0; i < PAIRS; i++) {
        for (const sc of ['plain', 'with401', 'extraOk']) {
          const n401 = sc !== 'plain';
          const before = cpuByKind(s.profile);
          const m = await measureLoad(
            s.page,
            loadUrl(server.origin, { n401, extraOk: sc === 'extraOk' }),
          );
          // Let the worker finish what the load started (recording is async).
          await new Promise((r) => setTimeout(r, 300));
          const cpu = cpuMsBetween(before, cpuByKind(s.profile)) ?? {};
          ((out[v.id] ??= {})[sc] ??= []).push({ ms: m.done, cpu });
        }
      }
    } finally {
      await s.close();
    }
    console.error(`launch ${l + 1}/${LAUNCHES} ${v.id} done`);
  }
}
await server.close();

const summary = {};
for (const [id, byScenario] of Object.entries(out)) {
  summary[id] = {};
  for (const [sc, xs] of Object.entries(byScenario)) {
    summary[id][sc] = {
      n: xs.length,
      medianMs: Math.round(median(xs.map((x) => x.ms))),
      cpuMsMedian: medianByKind(xs.map((x) => x.cpu)),
    };
  }
}
console.log(JSON.stringify(summary, null, 1));
