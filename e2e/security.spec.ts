// Reliability and security (issue #6), end to end in both browsers: a hostile
// server's text is shown as inert, bounded text; no secret reaches storage or
// the screen; a page cannot drive the extension; Clear site data removes one
// origin's data and says what else goes; the extension makes no request of
// its own. The threat model these tests prove is docs/security.md.
import { HOSTILE_KINDS, HOSTILE_MARK, SECRETS } from './demo/hostile.mjs';
import type { DemoServer } from './demo/server.mjs';
import { until, type Driver, type DriverPage } from './fixtures/driver.ts';
import { recordsOf } from './fixtures/records.ts';
import { expect, test } from './fixtures/test.ts';

interface StoredEvidence {
  url: string;
  status: number;
  challengeRaw: string[];
  challenges: { scheme: string; params: Record<string, string> }[];
  body?: { text?: string; truncated?: boolean };
}

async function open(driver: Driver, url: string) {
  const page = await driver.newPage();
  await page.goto(url);
  await page.waitFor('main[data-state="done"]', { timeoutMs: 20_000 });
  const tabId = await driver.tabIdOf(page);
  const state = JSON.parse(await page.text('#state')) as Record<string, unknown>;
  return { page, tabId, state };
}

/**
 * What would show that server text was parsed as HTML or run as script, in
 * `page` (a web page with the panel, or an extension page): the marker
 * elements, a javascript: link, the flag the payloads set, any script element
 * that is not the page's own bundle.
 */
async function injectionTraces(page: DriverPage) {
  return page.evaluate((mark: string) => {
    const all: Element[] = [];
    const visit = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll('*')) {
        all.push(el);
        if (el.shadowRoot) visit(el.shadowRoot);
      }
    };
    visit(document);
    return {
      pwned: (window as unknown as { __pwned?: number }).__pwned ?? 0,
      marked: all.filter((el) => el.id.startsWith(mark)).length,
      svg: all.filter((el) => el.localName === 'svg' && el.hasAttribute('onload')).length,
      handlers: all.filter((el) => [...el.attributes].some((a) => /^on/i.test(a.name))).length,
      links: all
        .filter((el) => el.localName === 'a' && el.hasAttribute('href'))
        .map((el) => (el as HTMLAnchorElement).href),
      inlineScripts: all.filter((el) => el.localName === 'script' && !el.hasAttribute('src'))
        .length,
      text: all
        .filter((el) => el.shadowRoot)
        .map((el) => el.shadowRoot?.textContent ?? '')
        .join('\n'),
    };
  }, HOSTILE_MARK);
}

function expectInert(t: Awaited<ReturnType<typeof injectionTraces>>, pageInlineScripts: number) {
  expect(t.pwned, 'a hostile payload ran').toBe(0);
  expect(t.marked, 'an element from server text was created').toBe(0);
  expect(t.svg).toBe(0);
  expect(t.handlers, 'an inline event handler appeared').toBe(0);
  expect(t.inlineScripts).toBe(pageInlineScripts);
  for (const href of t.links) expect(href).toMatch(/^(https?|chrome-extension|moz-extension):/);
}

test.describe('a hostile server', () => {
  test('HTML, script, javascript: URLs, bidi and control text, bad bytes, a 200 KB header and 1,000 challenges: inert, bounded text', async ({
    driver,
    demo,
  }) => {
    const t0 = Date.now();
    const { page, tabId, state } = await open(driver, `${demo.origin}/x/hostile`);
    const statuses = state.statuses as (number | string)[];
    // What each browser lets through to the page; each 401 it lets through is recorded.
    const answered = statuses.filter((s) => s === 401).length;
    test.info().annotations.push({
      type: 'statuses',
      description: HOSTILE_KINDS.map((k, i) => `${k}:${statuses[i]}`).join(' '),
    });
    expect(answered).toBeGreaterThanOrEqual(HOSTILE_KINDS.length - 1);

    const records = await until(
      () => recordsOf(driver, tabId),
      (r) => r.length >= answered,
      { what: `${answered} hostile records`, timeoutMs: 15_000 },
    );
    expect(records).toHaveLength(answered);

    // Stored evidence is capped (src/core/evidence.ts): raw challenge text ≤ 2 KB plus "…",
    // at most 20 challenges, body excerpt ≤ 2 KB.
    for (const r of records) {
      const ev = r.evidence as unknown as StoredEvidence;
      for (const raw of ev.challengeRaw) expect(raw.length).toBeLessThanOrEqual(2049);
      expect(ev.challenges.length).toBeLessThanOrEqual(20);
      expect(JSON.stringify(ev).length).toBeLessThan(64 * 1024);
      if (ev.url.endsWith('/big')) {
        expect(ev.challengeRaw[0]?.endsWith('…'), 'a truncated value says so').toBe(true);
      }
      if (ev.url.endsWith('/many')) expect(ev.challenges).toHaveLength(20);
    }
    const dump = JSON.stringify(await driver.storageDump('session'));
    expect(dump.length).toBeLessThan(512 * 1024);

    // The panel: server text shown as text, nothing parsed or run, no javascript: link.
    await page.waitFor('[data-cause]');
    await expect
      .poll(async () => (await injectionTraces(page)).text)
      .toContain(`${demo.origin}/x/api/hostile/`);
    const inPage = await injectionTraces(page);
    expectInert(inPage, 1); // the demo page's own inline script
    expect(inPage.text.length).toBeLessThan(200_000);

    // The popup: the same records, the same guarantees, in the extension's own origin.
    const popup = await driver.openPopup(tabId);
    // The first few are drawn at once; "Show all" draws the rest.
    await popup.waitFor('[data-action="show-all"]');
    await popup.click('[data-action="show-all"]');
    await expect.poll(() => popup.count('[data-testid="record"]')).toBe(answered);
    // Open every "why and how to fix" and "other causes": their contents are built on opening.
    for (let round = 0; round < 2; round++) {
      await popup.evaluate(() => {
        for (const d of document.querySelectorAll('details')) d.open = true;
      });
      await new Promise((r) => setTimeout(r, 100));
    }
    await expect.poll(() => popup.count('ul.evidence')).toBeGreaterThanOrEqual(answered);
    const inPopup = await injectionTraces(popup);
    expectInert(inPopup, 0);
    const popupText = await popup.evaluate(() => document.body.textContent ?? '');
    // Shown as text: the hostile markup is visible as characters, not as elements.
    expect(popupText).toMatch(/<script>|<img|<b id=/);
    expect(popupText).toContain('…');
    expect(popupText.length).toBeLessThan(300_000);
    // Bounded time: from first request to both views drawn.
    expect(Date.now() - t0).toBeLessThan(30_000);
  });
});

test.describe('secrets', () => {
  test('Bearer, Basic, API keys and cookies: not in storage, the panel, the popup or a copied report', async ({
    driver,
    demo,
  }) => {
    const { page, tabId } = await open(driver, `${demo.origin}/x/secrets`);
    const sent = demo.requests.filter((r) => r.url.includes('/x/api/secret'));
    // The fixture did its part: each secret really went to the server.
    const wire = JSON.stringify(sent.map((r) => [r.url, r.headers]));
    expect(wire).toContain(SECRETS.bearer);
    expect(wire).toContain(SECRETS.apiKeyHeader);
    expect(wire).toContain(SECRETS.apiKeyQuery);
    expect(wire).toContain(SECRETS.cookie);
    expect(wire).toContain(btoa(`${SECRETS.basicUser}:${SECRETS.basicPassword}`));

    await until(
      () => recordsOf(driver, tabId),
      (r) => r.length === 5,
      { what: 'five records' },
    );
    await page.waitFor('[data-cause]');
    const popup = await driver.openPopup(tabId);
    await expect.poll(() => popup.count('[data-testid="record"]')).toBe(5);
    const copied = await copyReports(popup);

    const outputs = {
      'storage.session': JSON.stringify(await driver.storageDump('session')),
      'storage.local': JSON.stringify(await driver.storageDump('local')),
      panel: (await injectionTraces(page)).text,
      popup: await popup.evaluate(() => document.documentElement.outerHTML),
      'copied report': copied.join('\n'),
    };
    expect(outputs.panel).toContain('/x/api/secret');
    expect(outputs.popup).toContain('/x/api/secret');
    for (const [where, text] of Object.entries(outputs)) expectNoSecret(where, text);
  });
});

/** Clicks Copy report and Copy as cURL on every record; returns what was copied. */
async function copyReports(popup: DriverPage): Promise<string[]> {
  await popup.evaluate(() => {
    const w = window as unknown as { __copied: string[] };
    w.__copied = [];
    navigator.clipboard.writeText = async (text: string) => {
      w.__copied.push(text);
    };
  });
  const n = await popup.count('[data-action="copy-report"]');
  await popup.click('[data-action="copy-report"]');
  if ((await popup.count('[data-action="copy-curl"]')) > 0) {
    await popup.click('[data-action="copy-curl"]');
  }
  return until(
    () => popup.evaluate(() => (window as unknown as { __copied: string[] }).__copied),
    (c) => c.length >= Math.min(n, 1),
    { what: 'a copied report' },
  );
}

/** The secret values, and long pieces of each (a mask may keep a 4-character prefix, never more). */
export function secretNeedles(): string[] {
  const whole = [
    SECRETS.bearer,
    SECRETS.basicPassword,
    btoa(`${SECRETS.basicUser}:${SECRETS.basicPassword}`),
    SECRETS.apiKeyHeader,
    SECRETS.apiKeyQuery,
    SECRETS.cookie,
  ];
  const pieces = whole.flatMap((s) => [s.slice(4, 16), s.slice(-12)]);
  return [...whole, ...pieces, ...SECRETS.bearer.split('.').slice(1)];
}

function expectNoSecret(where: string, text: string) {
  for (const needle of secretNeedles()) {
    expect(text.includes(needle), `${where} holds "${needle}"`).toBe(false);
  }
}

test.describe('a page cannot drive the extension', () => {
  test('imitated messages, custom events and runtime.sendMessage from page script do nothing', async ({
    driver,
    demo,
  }) => {
    const { page, tabId } = await open(driver, `${demo.origin}/x/secrets`);
    await page.waitFor('[data-cause]');
    const tabsBefore = await tabCount(driver);
    const settingsBefore = JSON.stringify((await driver.storageDump('local')).settings ?? null);

    const tried = await page.evaluate(async () => {
      const types = [
        'panel/mute',
        'panel/collapse',
        'panel/open-actions',
        'site/clear',
        'site/sign-in',
        'settings/set',
        'panel/refresh',
      ];
      const payloads = types.map((type) => ({
        why401: 1,
        type,
        payload: { collapsed: true, tabId: 1, origin: location.origin, patch: { panel: false } },
      }));
      for (const m of payloads) {
        window.postMessage(m, '*');
        window.dispatchEvent(new CustomEvent('why401', { detail: m }));
        document.dispatchEvent(new CustomEvent(m.type, { detail: m, bubbles: true }));
        const host = document.querySelector('why401-panel');
        host?.dispatchEvent(new CustomEvent(m.type, { detail: m, bubbles: true, composed: true }));
        host?.shadowRoot
          ?.querySelector('section')
          ?.dispatchEvent(new CustomEvent(m.type, { detail: m, bubbles: true, composed: true }));
      }
      // No externally_connectable: the page has no channel to the extension at all.
      const g = globalThis as unknown as {
        chrome?: { runtime?: { sendMessage?: (...a: unknown[]) => unknown } };
        browser?: unknown;
      };
      const results: string[] = [];
      const ids = ['idmobkfjdifklmjhnlbppckmfnncakfi', 'why401@why401.dev'];
      const send = g.chrome?.runtime?.sendMessage;
      if (typeof send === 'function') {
        for (const id of ids) {
          try {
            const r = await Promise.race([
              Promise.resolve(send.call(g.chrome?.runtime, id, payloads[0])),
              new Promise((res) => setTimeout(() => res('no answer'), 1000)),
            ]);
            results.push(`answered: ${JSON.stringify(r)}`);
          } catch (e) {
            results.push(`refused: ${String(e)}`);
          }
        }
      } else {
        results.push('no runtime.sendMessage');
      }
      return { results, hasBrowser: typeof g.browser !== 'undefined' };
    });
    test.info().annotations.push({ type: 'sendMessage', description: tried.results.join(' | ') });
    expect(tried.hasBrowser).toBe(false);
    for (const r of tried.results) expect(r).not.toMatch(/^answered: (?!"no answer"|undefined)/);

    await new Promise((r) => setTimeout(r, 1000));
    expect(JSON.stringify((await driver.storageDump('local')).settings ?? null)).toBe(
      settingsBefore,
    );
    expect(await tabCount(driver)).toBe(tabsBefore);
    expect(await page.count('[data-cause]')).toBeGreaterThan(0);
    expect(await page.count('button.pill')).toBe(0);
    expect((await recordsOf(driver, tabId)).length).toBe(5);
  });

  test('the built manifests open no channel to web pages and keep the default CSP', async ({
    driver,
  }) => {
    const manifest = await driver.evalInExtension(async () => {
      const g = globalThis as unknown as {
        browser: { runtime: { getManifest(): Record<string, unknown> } };
      };
      return g.browser.runtime.getManifest();
    });
    // Firefox's getManifest() reports absent keys as null.
    expect(manifest.externally_connectable ?? undefined).toBeUndefined();
    expect(manifest.content_security_policy ?? undefined).toBeUndefined();
    expect(manifest.content_scripts ?? undefined).toBeUndefined();
    expect(manifest.web_accessible_resources ?? []).toEqual([]);
  });
});

async function tabCount(driver: Driver): Promise<number> {
  return driver.evalInExtension(async () => {
    const g = globalThis as unknown as {
      browser: { tabs: { query(q: object): Promise<unknown[]> } };
    };
    return (await g.browser.tabs.query({})).length;
  });
}

// ---------------------------------------------------------------- clearing

interface Jar {
  name: string;
  domain: string;
  partitioned: boolean;
}

async function jar(driver: Driver): Promise<Jar[]> {
  return driver.evalInExtension(async (firefox: boolean) => {
    const g = globalThis as unknown as {
      browser: { cookies: { getAll(q: object): Promise<Record<string, unknown>[]> } };
    };
    const q = firefox ? { firstPartyDomain: null, partitionKey: {} } : { partitionKey: {} };
    const all = await g.browser.cookies.getAll(q);
    return all
      .filter((c) => String(c.name).startsWith('x_'))
      .map((c) => ({
        name: String(c.name),
        domain: String(c.domain),
        partitioned: !!c.partitionKey && Object.keys(c.partitionKey as object).length > 0,
      }));
  }, driver.kind === 'firefox');
}

/** What an origin holds, read in a page of that origin that stays open (fewer page loads). */
async function storageOf(reader: DriverPage) {
  return reader.evaluate(async () => {
    const dbs = indexedDB.databases ? (await indexedDB.databases()).map((d) => d.name) : null;
    return {
      ls: localStorage.getItem('x_ls') !== null,
      idb: dbs === null ? null : dbs.includes('x_db'),
    };
  });
}

/**
 * The demo under subdomains of localhost (Chromium and Firefox resolve
 * *.localhost to loopback): b.a.localhost sets a cookie for a.localhost, the
 * "shared with a wider domain" case of the clear plan.
 */
const sub = (demo: DemoServer) => `http://a.localhost:${demo.port}`;
const subsub = (demo: DemoServer) => `http://b.a.localhost:${demo.port}`;

async function clearFromPopup(driver: Driver, tabId: number, origin: string) {
  const popup = await driver.openPopup(tabId);
  await popup.waitFor(`section[data-origin="${origin}"]`);
  await popup.click(`section[data-origin="${origin}"] [data-action="clear"]`);
  await popup.waitFor('.plan');
  const plan = await popup.text('.plan');
  await popup.click('[data-action="confirm-clear"]');
  await popup.waitFor('[role="status"]');
  const status = await popup.text('[role="status"]');
  await popup.close();
  return { plan, status };
}

test.describe('Clear site data', () => {
  test('removes exactly one origin: host and partitioned cookies, localStorage, IndexedDB; names what is shared', async ({
    driver,
    demo,
  }) => {
    const [A, B, C, D] = [demo.origin, demo.altOrigin, sub(demo), subsub(demo)] as const;
    const tabs: Record<string, number> = {};
    const readers: Record<string, DriverPage> = {};
    for (const o of [A, B, C, D]) {
      const set = await open(driver, `${o}/x/cookies`);
      readers[o] = set.page;
    }
    const read = (o: string) => storageOf(readers[o]!);
    // The tabs the popup acts for: Clear site data reloads them, which must not set data again.
    for (const o of [A, D]) tabs[o] = (await open(driver, `${o}/x/one401`)).tabId;
    const before = await jar(driver);
    test.info().annotations.push({ type: 'jar before', description: JSON.stringify(before) });
    const hostOf = (o: string) => new URL(o).hostname;
    // Host-only and partitioned (CHIPS) cookies on every origin: both browsers accept
    // `Secure; Partitioned` from http loopback, which they count as a secure context.
    for (const o of [A, B, C, D]) {
      expect(before).toContainEqual({ name: 'x_host', domain: hostOf(o), partitioned: false });
      expect(before).toContainEqual({ name: 'x_chips', domain: hostOf(o), partitioned: true });
      expect(await read(o)).toMatchObject({ ls: true });
    }
    const wide = before.filter((c) => c.name === 'x_wide');
    expect(wide.map((c) => c.domain.replace(/^\./, ''))).toEqual(['a.localhost']);
    const without = (list: Jar[], pred: (c: Jar) => boolean) => list.filter((c) => !pred(c));

    // 1. Clear 127.0.0.1:PORT: its cookies and storage go, every other origin keeps all.
    const first = await clearFromPopup(driver, tabs[A]!, A);
    expect(first.plan).toContain(A);
    expect(first.plan).toMatch(/x_host/);
    expect(first.plan).toMatch(/x_chips/);
    expect(first.plan).not.toMatch(/shared/i);
    await until(
      () => read(A),
      (s) => !s.ls && s.idb !== true,
      { what: `${A} storage to be cleared` },
    );
    const afterFirst = await jar(driver);
    expect(afterFirst).toEqual(without(before, (c) => c.domain === '127.0.0.1'));
    for (const o of [B, C, D]) expect(await read(o)).toMatchObject({ ls: true });
    for (const o of [B, C, D]) {
      const s = await read(o);
      if (s.idb !== null) expect(s.idb).toBe(true);
    }

    // 2. Clear b.a.localhost: the plan says that x_wide is shared with a.localhost, and it
    // goes (the browser sends it to b.a.localhost); a.localhost keeps its own host-only and
    // partitioned cookies and its storage; localhost keeps everything.
    const second = await clearFromPopup(driver, tabs[D]!, D);
    test.info().annotations.push({ type: 'plan 2', description: second.plan });
    expect(second.plan).toMatch(/x_wide/);
    expect(second.plan).toMatch(/wider domain \(\.?a\.localhost\)/);
    await until(
      () => read(D),
      (s) => !s.ls && s.idb !== true,
      { what: `${D} storage to be cleared` },
    );
    const afterSecond = await jar(driver);
    expect(afterSecond).toEqual(
      without(afterFirst, (c) => c.domain === 'b.a.localhost' || c.name === 'x_wide'),
    );
    for (const o of [B, C]) {
      const s = await read(o);
      expect(s.ls).toBe(true);
      if (s.idb !== null) expect(s.idb).toBe(true);
    }
  });
});

test.describe('no network of its own', () => {
  test("every request the demo server saw came from a test page, none from the extension's targets", async ({
    driver,
    demo,
  }) => {
    // Exercise every extension target once more: background (a 401), panel, popup.
    const { tabId, page } = await open(driver, `${demo.origin}/x/one401?net=1`);
    await page.waitFor('[data-cause]');
    const popup = await driver.openPopup(tabId);
    await popup.waitFor('[data-testid="record"]');
    await new Promise((r) => setTimeout(r, 500));

    const ext = /^(chrome|moz)-extension:/;
    // Paths the demo's pages and the specs ask for (server.mjs, hostile.mjs).
    const known = /^\/($|\?|favicon\.ico$|s\/|api\/|x\/|storage\/(get|set))/;
    expect(demo.requests.length).toBeGreaterThan(0);
    const odd = demo.requests.filter((r) => {
      const h = r.headers;
      const from = [h.origin, h.referer];
      return (
        from.some((v) => typeof v === 'string' && ext.test(v)) ||
        !known.test(new URL(r.url).pathname + new URL(r.url).search)
      );
    });
    expect(
      odd.map((r) => `${r.method} ${r.url} ${r.headers.origin ?? ''} ${r.headers.referer ?? ''}`),
    ).toEqual([]);
  });
});
