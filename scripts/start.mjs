#!/usr/bin/env node
// npm start: build, serve the demo, and open a real browser with Why 401 loaded.
//
//   npm start                      Chromium (CHROMIUM_PATH / CHROME_PATH, chromium, chromium-browser, google-chrome)
//   npm start -- --firefox         Firefox (FIREFOX_PATH, firefox-esr, firefox)
//   npm start -- --no-build        use dist/ as it is
//   npm start -- --headless        no window: print the demo URL and keep serving until Ctrl-C
//   npm start -- --smoke           check that the extension and the demo load, then exit 0
//                                  (with or without --headless)
//
// Fresh temporary profile every time, deleted on exit. Only loopback is used.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDemoServer } from '../e2e/demo/server.mjs';
import { listenersRegistered } from './lib/extension-worker.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CHROME_EXTENSION_ID = 'idmobkfjdifklmjhnlbppckmfnncakfi';
const GECKO_ID = 'why401@why401.dev';
const FIREFOX_UUID = 'de477352-dc24-401f-a966-96f6740e9024';

const args = new Set(process.argv.slice(2));
const opts = {
  build: !args.has('--no-build'),
  firefox: args.has('--firefox'),
  smoke: args.has('--smoke'),
  headless: args.has('--headless'),
};
if (args.has('--help') || args.has('-h')) {
  console.log(
    'Usage: npm start -- [--firefox] [--no-build] [--headless] [--smoke]\n' +
      'Builds Why 401, serves the demo on 127.0.0.1:4010 (or the next free port) and opens a browser with the extension.',
  );
  process.exit(0);
}

/** Prints one line a person can act on and exits: no stack traces for setup problems. */
function fail(line) {
  console.error(line);
  process.exit(1);
}

// A window needs a display; say so before building for nothing.
if (
  !opts.headless &&
  process.platform === 'linux' &&
  !process.env.DISPLAY &&
  !process.env.WAYLAND_DISPLAY
) {
  fail('No display found: run under Xvfb, e.g. xvfb-run -a npm start (or use --headless)');
}

function which(name) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const p = join(dir, name);
    try {
      accessSync(p, constants.X_OK);
      return p;
    } catch {
      // not here
    }
  }
  return undefined;
}

const exists = (p) => !!p && existsSync(p);

/** The first browser found, and everything tried on the way, to name when none is. */
function findBrowser(envVars, names, extraPaths = []) {
  const tried = [];
  for (const v of envVars) {
    if (!process.env[v]) continue;
    tried.push(`$${v}=${process.env[v]}`);
    if (exists(process.env[v])) return { path: process.env[v], tried };
  }
  for (const n of names) {
    tried.push(n);
    const p = which(n);
    if (p) return { path: p, tried };
  }
  for (const p of extraPaths) {
    tried.push(p);
    if (exists(p)) return { path: p, tried };
  }
  return { path: undefined, tried };
}

// Found before anything is built or started, so a missing browser costs nothing to clean up.
const found = opts.firefox
  ? findBrowser(
      ['FIREFOX_PATH'],
      ['firefox-esr', 'firefox'],
      ['/Applications/Firefox.app/Contents/MacOS/firefox'],
    )
  : findBrowser(
      ['CHROMIUM_PATH', 'CHROME_PATH'],
      ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'],
      [
        '/Applications/Chromium.app/Contents/MacOS/Chromium',
        '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      ],
    );
if (!found.path) {
  fail(
    opts.firefox
      ? `No Firefox found (tried ${found.tried.join(', ')}): install firefox-esr (apt-get install -y firefox-esr) or set FIREFOX_PATH`
      : `No Chromium found (tried ${found.tried.join(', ')}): install Chromium or set CHROMIUM_PATH, or use --firefox`,
  );
}

if (opts.build) {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) fail('npm run build failed (see above); fix it or use --no-build');
}
const dist = join(root, 'dist', opts.firefox ? 'firefox' : 'chrome');
if (!existsSync(join(dist, 'manifest.json'))) {
  fail(`Extension not built: ${dist} has no manifest.json (run npm run build)`);
}

// The demo: port 4010, or the next free one.
let demo;
for (let port = 4010; !demo; port++) {
  try {
    demo = await startDemoServer({ port });
  } catch (e) {
    if (e.code !== 'EADDRINUSE' || port >= 4030) fail(`Cannot start the demo server: ${e.message}`);
  }
}
const indexUrl = `${demo.origin}/`;

const tmp = mkdtempSync(join(tmpdir(), 'why401-start-'));
let closeBrowser = async () => {};
let cleaned = false;
async function cleanup(code) {
  if (cleaned) return;
  cleaned = true;
  await Promise.race([closeBrowser().catch(() => {}), new Promise((r) => setTimeout(r, 10_000))]);
  await demo.close().catch(() => {});
  try {
    // Retries: the browser may still be flushing its profile for a moment after it exits.
    rmSync(tmp, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  } catch (e) {
    console.error(`Could not remove the temporary profile ${tmp}: ${e.message}`);
  }
  process.exit(code);
}
process.on('SIGINT', () => void cleanup(0));
process.on('SIGTERM', () => void cleanup(0));

try {
  if (opts.firefox) await startFirefox(found);
  else await startChromium(found);
} catch (e) {
  console.error(`Could not start the browser: ${e.message.split('\n')[0]}`);
  await cleanup(1);
}

if (opts.smoke) {
  console.log('Smoke check passed: extension loaded, demo page loaded.');
  await cleanup(0);
} else {
  console.log(`Why 401 demo: ${indexUrl}  (Ctrl-C to stop)`);
}

async function startChromium(found) {
  // Branded Google Chrome 137+ ignores --load-extension (../shared/notes/chromium.md);
  // it still accepts the DevTools protocol's Extensions.loadUnpacked when started
  // with --enable-unsafe-extension-debugging, which Playwright's pipe provides.
  const branded = /google[- ]chrome/i.test(found.path) || args.has('--load-via-cdp');
  const { chromium } = await import('playwright-core');
  const context = await chromium.launchPersistentContext(join(tmp, 'profile'), {
    executablePath: found.path,
    headless: opts.headless,
    viewport: null,
    // A demo for people: no "controlled by automated software" bar; and our extension must load.
    ignoreDefaultArgs: ['--enable-automation', '--disable-extensions'],
    args: [
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      '--no-first-run',
      '--no-default-browser-check',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...(branded
        ? ['--enable-unsafe-extension-debugging']
        : [`--disable-extensions-except=${dist}`, `--load-extension=${dist}`]),
    ],
  });
  closeBrowser = () => context.close();
  context.on('close', () => void cleanup(0));

  if (branded) {
    const browser = context.browser();
    if (!browser) throw new Error('no browser session to load the extension through');
    const cdp = await browser.newBrowserCDPSession();
    const { id } = await cdp.send('Extensions.loadUnpacked', { path: dist });
    console.log(`Loaded the extension through the DevTools protocol (id ${id}).`);
  }
  const isOurs = (w) => w.url().startsWith(`chrome-extension://${CHROME_EXTENSION_ID}/`);
  const worker =
    context.serviceWorkers().find(isOurs) ??
    (await context
      .waitForEvent('serviceworker', { predicate: isOurs, timeout: 15_000 })
      .catch(() => {
        throw new Error(
          `${found.path} did not load the extension from ${dist}. Branded Chrome 137+ ignores ` +
            '--load-extension: use Chromium, or load dist/chrome by hand (chrome://extensions, Developer mode, Load unpacked)',
        );
      }));
  await listenersRegistered(worker);
  console.log(`Chromium: ${found.path}, extension ${CHROME_EXTENSION_ID} loaded.`);
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(indexUrl);
  await checkDemo(await page.title());
}

async function startFirefox(found) {
  const { default: puppeteer } = await import('puppeteer-core');
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: found.path,
    headless: opts.headless,
    defaultViewport: null,
    userDataDir: join(tmp, 'profile'),
    env: { ...process.env, TMPDIR: tmp },
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_UUID }),
      'extensions.originControls.grantByDefault': true,
    },
  });
  closeBrowser = () => browser.close();
  browser.on('disconnected', () => void cleanup(0));
  // A temporary add-on: gone when this browser closes, like the profile.
  const id = await browser.installExtension(dist);
  console.log(
    `Firefox: ${found.path}, extension ${id} installed (moz-extension://${FIREFOX_UUID}/).`,
  );
  const page = (await browser.pages())[0] ?? (await browser.newPage());
  await page.goto(indexUrl);
  if (opts.smoke) await checkFirefoxExtension(browser);
  await checkDemo(await page.title());
}

/** The event page registered its listeners if the extension's own page can read its storage. */
async function checkFirefoxExtension(browser) {
  const page = await browser.newPage();
  const url = `moz-extension://${FIREFOX_UUID}/manifest.json`;
  // page.goto on moz-extension:// never resolves (firefox.md): start it, poll the document.
  page.goto(url).catch(() => {});
  const end = Date.now() + 15_000;
  for (;;) {
    const ok = await page
      .evaluate(async () => location.href.startsWith('moz-extension:') && !!browser.runtime.id)
      .catch(() => false);
    if (ok) break;
    if (Date.now() > end) throw new Error('the extension page did not load');
    await new Promise((r) => setTimeout(r, 200));
  }
  await page.close();
}

async function checkDemo(title) {
  if (title !== 'Why 401 demo') throw new Error(`the demo page did not load (title "${title}")`);
  console.log(`Demo page loaded: ${indexUrl}`);
}
