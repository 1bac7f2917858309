// `node bench/experiments/storm-parts.mjs`: which part of Why 401 the storm's
// extra CPU goes to. The bench storm (5,000 401s over 60 s, 16 in flight;
// STORM_N / STORM_MS to change) runs in Chromium with Why 401 as built, and
// with parts of it switched off through its own settings, in ABBA order,
// ROUNDS (2) launches each: `noPanel` (settings.panel = false: no in-page
// panel, so no refreshes) and `recordingOff` (settings.statuses = [407]: a
// 401 passes the one status check and nothing more runs, so what is left is
// the listeners' dispatch). Prints CPU seconds per process kind and the
// page's work median, per variant (medians over launches).
import { medianByKind } from '../lib/proc-cpu.mjs';
import { launchChromium } from '../lib/chromium.mjs';
import { CHROME_EXTENSION_ID, distDir } from '../lib/config.mjs';
import { startServer } from '../lib/server.mjs';
import { median } from '../lib/stats.mjs';
import { runStorm } from '../suites/storm.mjs';

const ROUNDS = Number(process.env.ROUNDS ?? 2);
const n = Number(process.env.STORM_N ?? 5000);
const ms = Number(process.env.STORM_MS ?? 60_000);
const server = await startServer({
  latencyMs: [0, 0],
  page: { images: 0, scripts: 0, fetches: 0, n401: 0 },
});

/** Settings patched in before the storm, through the extension's own storage.local key. */
const patch = {
  full: undefined,
  noPanel: { panel: false },
  recordingOff: { statuses: [407] },
};
const ids = (process.env.VARIANTS?.split(',') ?? Object.keys(patch)).filter((id) => id in patch);
const order = [];
for (let r = 0; r < ROUNDS; r++) order.push(...(r % 2 === 0 ? ids : [...ids].reverse()));

const runs = Object.fromEntries(ids.map((id) => [id, []]));
try {
  for (const id of order) {
    const s = await launchChromium({
      extension: distDir.chromium,
      extensionId: CHROME_EXTENSION_ID,
    });
    try {
      if (patch[id]) {
        await s.worker.evaluate(async (p) => {
          const { settings } = await chrome.storage.local.get('settings');
          await chrome.storage.local.set({ settings: { ...settings, ...p } });
        }, patch[id]);
        await new Promise((r) => setTimeout(r, 300)); // the worker applies it on storage.onChanged
      }
      const r = await runStorm(s, server.origin, { n, ms, concurrency: 16 });
      runs[id].push(r);
      console.error(`${id}: work median ${median(r.page.workMs).toFixed(2)} ms`, r.cpuS);
    } finally {
      await s.close();
    }
  }
  const out = {};
  for (const id of ids) {
    out[id] = {
      workMedianMs: Math.round(median(runs[id].flatMap((x) => x.page.workMs)) * 100) / 100,
      cpuS: medianByKind(
        runs[id].map((x) => x.cpuS),
        2,
      ),
      badge: runs[id].map((x) => x.badge),
    };
  }
  console.log(JSON.stringify(out, null, 2));
} finally {
  await server.close();
}
