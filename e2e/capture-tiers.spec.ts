// The two tiers of capture (src/background/capture.ts), end to end. Chromium
// shows a request's Cookie header and CORS preflights only to listeners with
// `extraHeaders`, which cost every page load; so every site gets the cheap
// listeners, and an endpoint (host and path) that answered 401 (or whose
// cross-origin fetch failed like a refused preflight) is then watched
// closely. These tests use fresh *.localhost hosts, so each starts as a host
// the extension has never seen.
// Firefox shows Cookie to every listener: there the first 401 is complete.
import { scenarios, type DemoServer } from './demo/server.mjs';
import { until, type Driver } from './fixtures/driver.ts';
import { closeWatchedScopes, recordsOf, storedWatchAllTypes } from './fixtures/records.ts';
import { expect, test } from './fixtures/test.ts';

const byName = (name: string) => scenarios.find((s) => s.name === name)!;

let n = 0;
/** A host the extension has not seen in this browser. */
const freshOrigin = (demo: DemoServer, label: string) =>
  `http://${label}-${Date.now().toString(36)}-${n++}.localhost:${demo.port}`;

async function run(driver: Driver, origin: string, name: string) {
  const page = await driver.newPage();
  // A URL of its own per run, so the tab can be told apart from earlier runs.
  await page.goto(`${origin}/s/${name}?run=${n++}`);
  await page.waitFor('main[data-state="done"]');
  return { page, tabId: await driver.tabIdOf(page) };
}

interface Stored {
  evidence: {
    url: string;
    cookiesHidden?: boolean;
    cookieNames: string[] | null;
    cookieJarNames?: string[];
  };
  causes?: { id: string }[];
  type: string;
}

async function recordsFor(driver: Driver, tabId: number, count: number) {
  const got = await until(
    () => recordsOf(driver, tabId),
    (r) => r.length >= count,
    { what: `${count} record(s) for tab ${tabId}` },
  );
  return got as unknown as Stored[];
}

test('cookie-not-sent on a new host: Chromium says the Cookie header was hidden, then sees it on that endpoint’s next 401', async ({
  driver,
  demo,
}) => {
  const origin = freshOrigin(demo, 'cookies');
  const host = new URL(origin).hostname;
  const scope = `${host}/api/cookie-not-sent`;
  const first = await run(driver, origin, 'cookie-not-sent');
  const [r1] = await recordsFor(driver, first.tabId, 1);
  expect(r1!.evidence.url).toBe(`${origin}/api/cookie-not-sent`);
  const ids1 = (r1!.causes ?? []).map((c) => c.id);

  if (driver.kind === 'firefox') {
    // Firefox shows Cookie without extraHeaders: the first 401 is already exact.
    expect(r1!.evidence.cookiesHidden).toBeUndefined();
    expect(ids1[0]).toBe('cookie-not-sent');
    expect((await closeWatchedScopes(driver)).some((w) => w.startsWith(host))).toBe(false);
    return;
  }
  // Chromium, first 401: the jar holds demo_session, the header was hidden,
  // so both readings are offered and neither "no credentials" claimed.
  expect(r1!.evidence.cookiesHidden).toBe(true);
  expect(r1!.evidence.cookieNames).toBeNull();
  expect(ids1.slice(0, 2).sort()).toEqual(['cookie-not-sent', 'session-expired']);
  expect(ids1).not.toContain('no-credentials');
  await until(
    () => closeWatchedScopes(driver),
    (w) => w.includes(scope),
    { what: `${scope} watched closely` },
  );
  // That endpoint only: not the page, not the rest of the host.
  expect((await closeWatchedScopes(driver)).filter((w) => w.startsWith(`${host}/`))).toEqual([
    scope,
  ]);

  // The next 401 from that endpoint: the close listeners see no Cookie went.
  const second = await run(driver, origin, 'cookie-not-sent');
  const [r2] = await recordsFor(driver, second.tabId, 1);
  expect(r2!.evidence.cookiesHidden).toBeUndefined();
  expect(r2!.evidence.cookieNames).toEqual([]);
  expect(r2!.causes?.[0]?.id).toBe('cookie-not-sent');
  // And the panel says so.
  await expect
    .poll(async () => (await second.page.attributes('[data-cause]', 'data-cause'))[0])
    .toBe('cookie-not-sent');

  // What scoping costs: another endpoint of the same host, on its first 401,
  // is read the cheap way (Cookie hidden, the jar consulted), like a new host.
  const other = await run(driver, origin, 'session-expired');
  const [r3] = await recordsFor(driver, other.tabId, 1);
  expect(r3!.evidence.url).toBe(`${origin}/api/session-expired`);
  expect(r3!.evidence.cookiesHidden).toBe(true);
  expect(r3!.causes?.[0]?.id).toBe('session-expired');
});

test('session-expired on a new host: right at the first 401 in both browsers', async ({
  driver,
  demo,
}) => {
  const origin = freshOrigin(demo, 'session');
  const { tabId } = await run(driver, origin, 'session-expired');
  const [r] = await recordsFor(driver, tabId, 1);
  expect(r!.causes?.[0]?.id).toBe('session-expired');
  expect(r!.evidence.cookiesHidden).toBe(driver.kind === 'chromium' ? true : undefined);
});

test('a refused CORS preflight to a new host: Chromium cannot see the first, watches the endpoint, sees the next', async ({
  driver,
  demo,
}) => {
  const s = byName('cors-preflight');
  const origin = freshOrigin(demo, 'cors');
  const api = `http://alt.${new URL(origin).hostname}:${demo.port}/api/cors-preflight`;
  const first = await run(driver, origin, s.name);
  await until(
    async () => demo.requests.filter((r) => r.url === api && r.method === 'OPTIONS').length,
    (k) => k >= 1,
    { what: 'the preflight at the server' },
  );
  if (driver.kind === 'firefox') {
    const [r] = await recordsFor(driver, first.tabId, 1);
    expect(r!.causes?.[0]?.id).toBe('cors-preflight');
    return;
  }
  // Chromium: the preflight is visible to extraHeaders listeners only. The
  // failed fetch put its endpoint under close watch; nothing was recorded.
  const apiScope = `${new URL(api).hostname}/api/cors-preflight`;
  await until(
    () => closeWatchedScopes(driver),
    (w) => w.includes(apiScope),
    { what: `${apiScope} watched closely` },
  );
  expect(await recordsOf(driver, first.tabId)).toHaveLength(0);
  expect(await driver.badgeText(first.tabId)).toBe('');

  const second = await run(driver, origin, s.name);
  const [r] = await recordsFor(driver, second.tabId, 1);
  expect(r!.evidence.url).toBe(api);
  expect(r!.causes?.[0]?.id).toBe('cors-preflight');
});

test('image 401s are watched only when the settings ask for every resource type', async ({
  driver,
  demo,
}) => {
  const origin = freshOrigin(demo, 'image');
  const img = `${origin}/api/image`;
  const before = demo.requests.filter((r) => r.url === img).length;
  const first = await run(driver, origin, 'image');
  await until(
    async () => demo.requests.filter((r) => r.url === img).length,
    (k) => k > before,
    { what: 'the image request at the server' },
  );
  // Give a record every chance to land before saying there is none.
  await new Promise((r) => setTimeout(r, 750));
  expect(await recordsOf(driver, first.tabId)).toHaveLength(0);

  // The options page's checkbox, as a user would tick it.
  const options = await driver.newPage();
  await options.goto(`${driver.extensionBaseUrl}/src/options/index.html`);
  await options.waitFor('[data-testid="watch-all-types"]');
  await options.click('[data-testid="watch-all-types"]');
  await until(
    () => storedWatchAllTypes(driver),
    (on) => on === true,
    { what: 'watchAllTypes saved' },
  );
  try {
    // A new host again: on Chromium the image must come through the widened
    // cheap listeners, not a close watch.
    const origin2 = freshOrigin(demo, 'image');
    const second = await run(driver, origin2, 'image');
    const [r] = await recordsFor(driver, second.tabId, 1);
    expect(r!.type).toBe('image');
    expect(r!.causes?.[0]?.id).toBe('no-credentials');
  } finally {
    await options.click('[data-testid="watch-all-types"]');
    await until(
      () => storedWatchAllTypes(driver),
      (on) => on === false,
      { what: 'watchAllTypes off again' },
    );
  }
});

// A burst's 401s to one endpoint ask the cookie jar once (src/background/
// jar-names.ts), but never past a cookie change: sign in, 401 again must read
// the jar as it is now, or "cookie not sent" would read as "no session".
test('the cookie jar is read afresh once a cookie changed, even a moment after the last 401', async ({
  driver,
  demo,
}) => {
  const origin = freshOrigin(demo, 'jar');
  const page = await driver.newPage();
  await page.goto(`${origin}/storage/get?run=${n++}`);
  await page.waitFor('main[data-state="done"]');
  const tabId = await driver.tabIdOf(page);
  // No cookie goes (credentials: 'omit'), so each 401 asks the jar. Returns
  // when the request was sent and when its answer came (ms, the page's clock).
  const unauthorised = () =>
    page.evaluate(async () => {
      const sent = performance.now();
      await fetch('/api/basic-no-credentials', { credentials: 'omit', cache: 'no-store' });
      return { sent, answered: performance.now() };
    });
  const one = await unauthorised();
  const [r1] = await recordsFor(driver, tabId, 1);
  expect(r1!.evidence.cookieJarNames ?? []).not.toContain('jar_fresh');
  // The site sets a session cookie (a sign-in), and the same endpoint answers 401 again.
  await page.evaluate(() => {
    document.cookie = 'jar_fresh=1; path=/';
  });
  const two = await unauthorised();
  // Past the jar's one-second reuse (JAR_TTL_MS) the jar is asked anyway, and
  // this test would prove nothing: say so rather than pass.
  test.skip(
    two.sent - one.answered >= 900,
    `the second 401 came ${Math.round(two.sent - one.answered)} ms after the first: too slow to test reuse`,
  );
  const [, r2] = await recordsFor(driver, tabId, 2);
  expect(r2!.evidence.url).toBe(r1!.evidence.url);
  expect(r2!.evidence.cookieJarNames).toContain('jar_fresh');
});
