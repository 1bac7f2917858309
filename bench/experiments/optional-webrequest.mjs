// `node bench/experiments/optional-webrequest.mjs`: can Chromium hold
// `webRequest` only after a first 401, so pages pay nothing before? The
// benchmark says the permission itself is what costs (chromium.parts.*):
// Chromium routes every request through the extension proxy once any loaded
// extension holds webRequest (or declarativeNetRequest). This checks, in the
// Chromium on this machine, the three steps such a design needs:
//   1. a cheap signal without webRequest: a content script's
//      PerformanceObserver (`responseStatus`) on a page with a 401 fetch, a
//      401 image, a 401 iframe and a cross-origin fetch refused by CORS;
//   2. `permissions.request({permissions: ['webRequest']})` from a click in an
//      extension page, and whether listeners then hear anything;
//   3. `runtime.reload()`, which the extension would need to be counted again.
// Prints one JSON object. Local only (a server on 127.0.0.1), fresh profile.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumFlags } from '../../scripts/lib/chromium-flags.mjs';
import { CHROMIUM } from '../lib/chromium.mjs';

const root = mkdtempSync(join(tmpdir(), 'why401-optional-webrequest-'));
const ext = join(root, 'ext');
mkdirSync(ext);
writeFileSync(
  join(ext, 'manifest.json'),
  JSON.stringify({
    manifest_version: 3,
    name: 'optional webRequest probe',
    version: '1.0',
    optional_permissions: ['webRequest'],
    host_permissions: ['<all_urls>'],
    background: { service_worker: 'worker.js' },
    content_scripts: [
      { matches: ['<all_urls>'], js: ['cs.js'], run_at: 'document_start', all_frames: true },
    ],
  }),
);
writeFileSync(
  join(ext, 'worker.js'),
  `let events = 0;
const seen = [];
const attach = () => {
  if (!chrome.webRequest || chrome.webRequest.onHeadersReceived.hasListeners()) return;
  chrome.webRequest.onHeadersReceived.addListener(() => { events++; }, { urls: ['<all_urls>'] });
};
attach();
chrome.permissions.onAdded.addListener(attach);
chrome.runtime.onMessage.addListener((m, _s, reply) => {
  if (m.type === 'status') seen.push(m.kind + ' ' + m.status + ' ' + new URL(m.url).pathname);
  if (m.type === 'count') reply({ events, listening: !!chrome.webRequest?.onHeadersReceived.hasListeners(), seen: [...new Set(seen)] });
});
`,
);
writeFileSync(
  join(ext, 'cs.js'),
  `const report = (e) => {
  if (e.responseStatus === 401 || e.responseStatus === 407)
    chrome.runtime.sendMessage({ type: 'status', url: e.name, status: e.responseStatus, kind: e.initiatorType || e.entryType });
};
for (const type of ['resource', 'navigation'])
  new PerformanceObserver((l) => l.getEntries().forEach(report)).observe({ type, buffered: true });
`,
);
writeFileSync(join(ext, 'grant.html'), '<button id=b>grant</button><script src=grant.js></script>');
writeFileSync(
  join(ext, 'grant.js'),
  `document.getElementById('b').onclick = async () => {
  document.body.dataset.granted = String(await chrome.permissions.request({ permissions: ['webRequest'] }));
};`,
);

const server = createServer((req, res) => {
  const path = req.url ?? '/';
  if (path.startsWith('/api') || path.startsWith('/img') || path.startsWith('/frame')) {
    res.writeHead(401, { 'www-authenticate': 'Bearer', 'content-type': 'text/plain' });
    res.end('no');
    return;
  }
  res.writeHead(200, { 'content-type': 'text/html' });
  // The cross-origin fetch goes to the other loopback name: no CORS headers, so it is refused.
  const other = `http://localhost:${/** @type {any} */ (server.address()).port}`;
  res.end(
    `<p>probe</p><img src="/img"><iframe src="/frame"></iframe>` +
      `<script>fetch('/api/same'); fetch('${other}/api/cross').catch(() => {});</script>`,
  );
});
await new Promise((r) => server.listen(0, '127.0.0.1', () => r(undefined)));
const origin = `http://127.0.0.1:${/** @type {any} */ (server.address()).port}`;

const context = await chromium.launchPersistentContext(join(root, 'profile'), {
  executablePath: CHROMIUM,
  headless: true,
  args: chromiumFlags(ext),
});
const out = {};
try {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const id = new URL(worker.url()).host;
  const page = context.pages()[0] ?? (await context.newPage());
  const ask = async () => {
    const p = await context.newPage();
    try {
      await p.goto(`chrome-extension://${id}/grant.html`);
      return await p.evaluate(() => chrome.runtime.sendMessage({ type: 'count' }));
    } finally {
      await p.close();
    }
  };
  const load = async (n) => {
    await page.goto(`${origin}/?${n}`);
    await page.waitForTimeout(800);
  };
  await load(1);
  out.withoutWebRequest = await ask();
  const g = await context.newPage();
  await g.goto(`chrome-extension://${id}/grant.html`);
  await g.click('#b');
  await g.waitForFunction(() => document.body.dataset.granted !== undefined);
  out.granted = await g.evaluate(() => document.body.dataset.granted);
  await load(2);
  out.afterGrantNoReload = await ask();
  await g.evaluate(() => chrome.runtime.reload()).catch(() => undefined);
  const back = await context
    .waitForEvent('serviceworker', { timeout: 15_000 })
    .then(() => true)
    .catch(() => false);
  out.workerBackWithin15sAfterReload = back;
  if (back) {
    await load(3);
    out.afterReload = await ask().catch((e) => `failed: ${String(e).split('\n')[0]}`);
  }
} finally {
  await context.close();
  server.close();
  rmSync(root, { recursive: true, force: true });
}
console.log(JSON.stringify(out, null, 2));
