// The DevTools panel (src/devtools/panel.html) in both browsers, as its page
// under test. Neither driver can open the browser's real developer tools
// (Playwright's Chromium and puppeteer's Firefox over BiDi have no call for
// it), so the test stands in for the one thing DevTools provides: the
// `devtools` API object. Everything else is real: the built extension page,
// the engine, the UI, the background answering the panel's actions.
//
// The replayed entries come from a real demo 401: the scenario page makes
// the browser send its request (the demo server logs the headers it really
// received, Authorization and Cookie included), and the server's answer to
// exactly those headers is fetched from Node: status, headers and body. The
// stub hands them over in the shape each browser's DevTools uses (Chrome:
// getContent(callback(content, encoding)); Firefox: getContent() → Promise
// of [content, mimeType]).
import type { LoggedRequest } from './demo/server.d.mts';
import { scenarios } from './demo/server.mjs';
import { until, type DriverPage } from './fixtures/driver.ts';
import { expect, test } from './fixtures/test.ts';

const PANEL = 'src/devtools/panel.html';

interface Replay {
  entry: Record<string, unknown>;
  body: string;
}

const HOP_BY_HOP = new Set([
  'host',
  'connection',
  'content-length',
  'keep-alive',
  'accept-encoding',
]);

/** Loads a demo scenario page in the browser and captures its real 401 as a DevTools HAR entry + body. */
async function captureScenario(
  page: DriverPage,
  demo: { origin: string; requests: LoggedRequest[] },
  name: string,
): Promise<Replay> {
  const api = `${demo.origin}/api/${name}`;
  const before = demo.requests.length;
  await page.goto(`${demo.origin}/s/${name}`);
  const sent = await until(
    async () => demo.requests.slice(before).find((r) => r.url === api),
    (r) => !!r,
    { what: `the browser's request to ${api}` },
  );
  const headers = Object.entries(sent!.headers)
    .filter(([k]) => !HOP_BY_HOP.has(k))
    .flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x]) : [[k, String(v)]]));
  const res = await fetch(api, { method: sent!.method, headers: headers as [string, string][] });
  const body = await res.text();
  const resHeaders: { name: string; value: string }[] = [];
  res.headers.forEach((value, name) => resHeaders.push({ name, value }));
  return {
    body,
    entry: {
      startedDateTime: new Date(sent!.time).toISOString(),
      time: 5,
      _resourceType: 'fetch',
      request: {
        method: sent!.method,
        url: api,
        httpVersion: 'HTTP/1.1',
        headers: [
          { name: 'Host', value: new URL(api).host },
          ...headers.map(([name, value]) => ({ name, value })),
        ],
        cookies: [],
        queryString: [],
        headersSize: -1,
        bodySize: 0,
      },
      response: {
        status: res.status,
        statusText: res.statusText,
        httpVersion: 'HTTP/1.1',
        headers: resHeaders,
        cookies: [],
        // DevTools' entries carry no body text: the panel asks getContent().
        content: { size: body.length, mimeType: res.headers.get('content-type') ?? '' },
        redirectURL: '',
        headersSize: -1,
        bodySize: body.length,
      },
      cache: {},
      timings: { send: 0, wait: 4, receive: 1 },
    },
  };
}

/**
 * In the panel page: installs the stand-in `chrome.devtools`, runs the
 * panel's own module again (a fresh instance, via a query string) so it
 * starts as it does inside DevTools, then replays the entries.
 */
function startPanelWithStub(
  page: DriverPage,
  replays: Replay[],
  style: 'chrome' | 'firefox',
  tabId: number,
) {
  return page.evaluate(
    async ({ replays, style, tabId }) => {
      type Listener = (r: unknown) => void;
      const listeners: Listener[] = [];
      const stub = {
        inspectedWindow: { tabId },
        network: {
          onRequestFinished: {
            addListener: (f: Listener) => listeners.push(f),
            removeListener: (f: Listener) => listeners.splice(listeners.indexOf(f), 1),
          },
          getHAR: (cb?: (h: { entries: unknown[] }) => void) =>
            style === 'chrome' ? cb?.({ entries: [] }) : Promise.resolve({ entries: [] }),
        },
        panels: { themeName: 'dark' },
      };
      Object.defineProperty(globalThis, 'chrome', {
        value: { devtools: stub },
        configurable: true,
        writable: true,
      });
      const main = document.querySelector('script[type="module"]') as HTMLScriptElement;
      const app = document.createElement('div');
      app.id = 'app';
      document.getElementById('app')!.replaceWith(app);
      await import(`${main.src}?devtools-stub`);
      // The panel subscribes from an effect, after its first render.
      for (let i = 0; i < 100 && listeners.length === 0; i++)
        await new Promise((r) => setTimeout(r, 50));
      if (!listeners.length) throw new Error('the panel never listened to onRequestFinished');
      for (const { entry, body } of replays) {
        const request =
          style === 'chrome'
            ? {
                ...entry,
                getContent: (cb: (c: string, e: string) => void) =>
                  setTimeout(() => cb(body, ''), 0),
              }
            : { ...entry, getContent: () => Promise.resolve([body, 'text/plain']) };
        for (const l of listeners) l(request);
      }
    },
    { replays, style, tabId },
  );
}

const CASES = ['bearer-expired', 'basic-wrong-password', 'session-expired', 'missing-challenge'];

test('lists real demo 401s with the right cause, using the response body', async ({
  driver,
  demo,
}) => {
  const site = await driver.newPage();
  const replays: Replay[] = [];
  for (const name of CASES) replays.push(await captureScenario(site, demo, name));
  const tabId = await driver.tabIdOf(site);
  expect(replays.map((r) => (r.entry.response as { status: number }).status)).toEqual(
    CASES.map(() => 401),
  );

  const panel = await driver.newPage();
  await panel.goto(`${driver.extensionBaseUrl}/${PANEL}`);
  // Outside DevTools the page says where it belongs instead of failing.
  await panel.waitFor('[data-testid="devtools-no-api"]');
  await startPanelWithStub(
    panel,
    replays,
    driver.kind === 'chromium' ? 'chrome' : 'firefox',
    tabId,
  );
  await until(
    () => panel.count('[data-testid="devtools-record"]'),
    (n) => n === CASES.length,
    {
      what: 'the panel to list every replayed 401',
    },
  );

  // Open every "why and how to fix": its contents are built when opened, as a click would.
  await panel.evaluate(() => {
    for (const d of document.querySelectorAll('[data-testid="devtools-record"] .cause > details'))
      (d as HTMLDetailsElement).open = true;
  });
  await expect
    .poll(() => panel.count('[data-testid="devtools-record"] ul.evidence'))
    .toBeGreaterThanOrEqual(CASES.length);
  const rows = await panel.evaluate(() =>
    [...document.querySelectorAll('[data-testid="devtools-record"]')].map((li) => ({
      url: li.getAttribute('data-url') ?? '',
      bodyUsed: li.getAttribute('data-body-used'),
      top: li.querySelector('.cause[data-cause]')?.getAttribute('data-cause'),
      headers: li.querySelector('[data-testid="devtools-headers"]')?.textContent ?? '',
      text: li.textContent ?? '',
    })),
  );
  for (const name of CASES) {
    const s = scenarios.find((x) => x.name === name)!;
    const row = rows.find((r) => r.url.endsWith(`/api/${name}`));
    expect(row, name).toBeDefined();
    expect(row!.top, name).toBe(s.cause);
    // The demo's missing-challenge answers with an empty body: nothing to use.
    expect(row!.bodyUsed, name).toBe(name === 'missing-challenge' ? 'false' : 'true');
  }
  // The body changed the diagnosis where a server explains itself in it:
  // "You are not logged in." / {"message":"Unauthenticated."} is what names an expired session.
  const session = rows.find((r) => r.url.endsWith('/api/session-expired'))!;
  expect(session.text).toContain('Diagnosed with the response body');

  // Relevant headers are shown masked; the raw credentials never reach the page.
  const basic = rows.find((r) => r.url.endsWith('/api/basic-wrong-password'))!;
  // The server's words exist only in the body, which only getContent() supplied.
  expect(basic.text).toContain('Bad credentials');
  expect(basic.headers).toMatch(/Authorization: Basic /);
  const rawBasic = Buffer.from('demo:wrong').toString('base64');
  const html = await panel.evaluate(() => document.documentElement.outerHTML);
  expect(html).not.toContain(rawBasic);

  // DevTools' dark theme is followed.
  expect(await panel.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');

  // Filter by cause.
  await panel.evaluate(() => {
    const sel = document.querySelector('[data-testid="filter-cause"]') as HTMLSelectElement;
    sel.value = 'token-expired';
    sel.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await until(
    () => panel.count('[data-testid="devtools-record"]'),
    (n) => n === 1,
    { what: 'the cause filter' },
  );
  expect(
    await panel.attributes('[data-testid="devtools-record"] > .cause[data-cause]', 'data-cause'),
  ).toEqual(['token-expired']);

  // The popup's actions: Clear site data shows its plan first (answered by the real background).
  await panel.click('.origin-actions button:nth-of-type(2)');
  await panel.waitFor('.origin-actions .plan[role="group"]');
  expect(await panel.text('.origin-actions .plan')).toContain(demo.origin);
});
