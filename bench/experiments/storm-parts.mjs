// `node bench/experiments/storm-parts.mjs`: which part of Why 401 the storm's
// extra CPU goes to. The bench storm (5,000 401s over 60 s, 16 in flight;
// STORM_N / STORM_MS to change) runs in Chromium with Why 401 as built, and
// with parts of it switched off through its own settings, in ABBA order,
// ROUNDS (2) launches each: `noPanel` (settings.panel = false: no in-page
// panel, so no refreshes) and `recordingOff` (settings.statuses = [407]: a
// 401 passes the one status check and nothing more runs, so what is left is
// the listeners' dispatch). VARIANTS may also name `none` (no extension)
// and `headersOnly` (a copy of the build listening with onHeadersReceived
// only; see below). Prints CPU seconds per process kind and the page's work
// median, per variant (medians over launches).
import { medianByKind } from '../lib/proc-cpu.mjs';
import { launchChromium } from '../lib/chromium.mjs';
import { CHROME_EXTENSION_ID, distDir } from '../lib/config.mjs';
import { startServer } from '../lib/server.mjs';
import { median } from '../lib/stats.mjs';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
/**
 * Variants that are not a settings patch: `none` (no extension) and
 * `headersOnly`, a copy of the build whose capture registers only the
 * cheap onHeadersReceived listener (no onSendHeaders, no close watch): the
 * least Why 401 could listen to and still see every 401 and its challenge.
 */
const builds = { none: undefined, headersOnly: undefined };
const tmp = mkdtempSync(join(tmpdir(), 'why401-storm-parts-'));
function headersOnlyBuild() {
  const dir = join(tmp, 'ext');
  cpSync(distDir.chromium, dir, { recursive: true });
  let patched = 0;
  for (const f of readdirSync(join(dir, 'assets'))) {
    const file = join(dir, 'assets', f);
    const src = readFileSync(file, 'utf8');
    const out = src
      .replace(/webRequest\.onSendHeaders\.addListener\(onSend, base,/g, () => {
        patched++;
        return 'void (onSend, base,';
      })
      .replace(/watchClosely\(scopes\) \{/, () => {
        patched++;
        return 'watchClosely(scopes) { return;';
      });
    if (out !== src) writeFileSync(file, out);
  }
  // onSendHeaders is registered at start-up and again after a storm (capture.ts): 2 or 3 places.
  if (patched < 2) throw new Error(`headersOnly: patched ${patched} places in the build`);
  return dir;
}
const ids = (process.env.VARIANTS?.split(',') ?? Object.keys(patch)).filter(
  (id) => id in patch || id in builds,
);
if (ids.includes('headersOnly')) builds.headersOnly = headersOnlyBuild();
const order = [];
for (let r = 0; r < ROUNDS; r++) order.push(...(r % 2 === 0 ? ids : [...ids].reverse()));

const runs = Object.fromEntries(ids.map((id) => [id, []]));
try {
  for (const id of order) {
    const custom = id in builds;
    const s = await launchChromium(
      custom && !builds[id]
        ? {}
        : { extension: builds[id] ?? distDir.chromium, extensionId: CHROME_EXTENSION_ID },
    );
    try {
      if (patch[id]) {
        await s.worker.evaluate(async (p) => {
          const { settings } = await chrome.storage.local.get('settings');
          await chrome.storage.local.set({ settings: { ...settings, ...p } });
        }, patch[id]);
        await new Promise((r) => setTimeout(r, 300)); // the worker applies it on storage.onChanged
      }
      const r = await runStorm(s, server.origin, { n, ms, concurrency: 16 }, id !== 'none');
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
  rmSync(tmp, { recursive: true, force: true });
}
