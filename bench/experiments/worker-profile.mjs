// `node bench/experiments/worker-profile.mjs`: where the service worker's own
// CPU time goes while a page with 20 401s loads (or, with STORM=N, while the
// storm page fires N 401s over N×12 ms: the bench storm's rate). Chromium through
// puppeteer-core (it can attach to a service worker target), the V8 sampling
// profiler on the worker for LOADS loads of the 401 page, then self time per
// function (top 25) and per source file. Local only, fresh profile.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { chromiumFlags } from '../../scripts/lib/chromium-flags.mjs';
import { CHROMIUM } from '../lib/chromium.mjs';
import { CHROME_EXTENSION_ID, distDir } from '../lib/config.mjs';
import { startServer } from '../lib/server.mjs';
import { loadUrl, measureLoad } from '../suites/page-load.mjs';

const STORM = Number(process.env.STORM ?? 0);
const LOADS = STORM ? 1 : Number(process.env.LOADS ?? 6);
const server = await startServer({
  latencyMs: [20, 40],
  page: { images: 200, scripts: 50, fetches: 50, n401: 20 },
});
const profileDir = mkdtempSync(join(tmpdir(), 'why401-worker-profile-'));
const browser = await puppeteer.launch({
  executablePath: CHROMIUM,
  headless: true,
  userDataDir: profileDir,
  args: chromiumFlags(distDir.chromium),
  ignoreDefaultArgs: ['--disable-extensions'],
});
try {
  const target = await browser.waitForTarget(
    (t) =>
      t.type() === 'service_worker' &&
      t.url().startsWith(`chrome-extension://${CHROME_EXTENSION_ID}/`),
    {
      timeout: 15_000,
    },
  );
  const cdp = await target.createCDPSession();
  const page = (await browser.pages())[0] ?? (await browser.newPage());
  await measureLoad(page, loadUrl(server.origin));
  await measureLoad(page, loadUrl(server.origin, { n401: true }));
  // Time spent inside each extension API call before it returns its promise
  // (argument conversion, IPC send): the profiler shows the bindings as one
  // native function, so count them here.
  await cdp.send('Runtime.evaluate', {
    expression: `(() => {
      const process_env_TRACE = ${Boolean(process.env.TRACE)};
      const stats = (globalThis.__apiStats = {});
      const wrap = (ns, path) => {
        const parts = path.split('.');
        const name = parts.pop();
        let obj = globalThis[ns];
        for (const p of parts) obj = obj?.[p];
        if (!obj || typeof obj[name] !== 'function' || obj[name].__wrapped) return;
        const orig = obj[name].bind(obj);
        // Chrome's \`browser\` and \`chrome\` can share one function object: wrap it once.
        obj[name] = Object.assign((...a) => {
          const t = performance.now();
          const r = orig(...a);
          const s = (stats[path] ??= { n: 0, ms: 0, bytes: 0 });
          s.n++;
          s.ms += performance.now() - t;
          if (path === 'storage.session.set') {
            s.bytes += JSON.stringify(a[0]).length;
            // Which keys: a tab's records, the close-watch list…
            for (const k of Object.keys(a[0])) {
              const kind = 'storage.session.set ' + k.replace(/[0-9]+$/, 'N');
              const ks = (stats[kind] ??= { n: 0, ms: 0, bytes: 0 });
              ks.n++;
              ks.bytes += JSON.stringify(a[0][k]).length;
              if (process_env_TRACE && k.startsWith('tab:')) {
                const v = typeof a[0][k] === 'string' ? JSON.parse(a[0][k]) : a[0][k];
                (globalThis.__tabWrites ??= []).push([Math.round(performance.now()), v.count, v.records.length]);
              }
            }
          }
          return r;
        }, { __wrapped: true });
      };
      for (const ns of ['browser', 'chrome'])
        for (const p of ['storage.session.set', 'storage.session.get', 'cookies.getAll', 'action.setBadgeText',
          'action.setBadgeBackgroundColor', 'tabs.get', 'tabs.sendMessage', 'scripting.executeScript', 'i18n.getMessage'])
          wrap(ns, p);
      return true;
    })()`,
  });
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  const times = [];
  if (STORM) {
    await page.goto(`${server.origin}/storm?n=${STORM}&ms=${STORM * 12}&c=16`);
    const r = await page.evaluate(() => /** @type {any} */ (window).__storm);
    times.push(Math.round(r.elapsedMs));
    await new Promise((r) => setTimeout(r, 1000));
  } else {
    for (let i = 0; i < LOADS; i++) {
      times.push(
        Math.round((await measureLoad(page, loadUrl(server.origin, { n401: true }))).done),
      );
      await new Promise((r) => setTimeout(r, 300));
    }
  }
  const { profile } = await cdp.send('Profiler.stop');
  const apiStats = await cdp.send('Runtime.evaluate', {
    expression: 'JSON.stringify(globalThis.__apiStats)',
    returnByValue: true,
  });
  console.log('API calls per load (n, ms inside the call, bytes):');
  for (const [k, v] of Object.entries(JSON.parse(apiStats.result.value)))
    console.log(
      `  ${k.padEnd(32)} ${(v.n / LOADS).toFixed(1).padStart(6)} ${(v.ms / LOADS).toFixed(1).padStart(7)} ms ${v.bytes ? Math.round(v.bytes / LOADS) + ' B' : ''}`,
    );
  // Self time per node: samples × interval (timeDeltas are µs).
  const self = new Map();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  for (let i = 0; i < profile.samples.length; i++) {
    const n = byId.get(profile.samples[i]);
    const dt = profile.timeDeltas[i] ?? 0;
    self.set(n, (self.get(n) ?? 0) + dt);
  }
  const perFn = new Map();
  const perFile = new Map();
  for (const [n, us] of self) {
    const f = n.callFrame;
    const file = f.url.split('/').pop() || f.url || '(native)';
    const key = `${f.functionName || '(anonymous)'} ${file}:${f.lineNumber + 1}`;
    perFn.set(key, (perFn.get(key) ?? 0) + us);
    perFile.set(file, (perFile.get(file) ?? 0) + us);
  }
  const top = (m, k) =>
    [...m]
      .filter(([name]) => name !== '(idle)' && !name.startsWith('(idle)'))
      .sort((a, b) => b[1] - a[1])
      .slice(0, k)
      .map(([name, us]) => `${(us / 1000 / LOADS).toFixed(1).padStart(7)} ms/load  ${name}`);
  if (process.env.TRACE) {
    const w = await cdp.send('Runtime.evaluate', {
      expression: 'JSON.stringify(globalThis.__tabWrites ?? [])',
      returnByValue: true,
    });
    console.log('tab writes [ms, count, records]:', w.result.value);
  }
  console.log(`load ms: ${times.join(' ')}`);
  console.log('per file:\n' + top(perFile, 12).join('\n'));
  console.log('per function (self):\n' + top(perFn, 25).join('\n'));
} finally {
  await browser.close();
  await server.close();
  rmSync(profileDir, { recursive: true, force: true });
}
