// Chromium lists an extension's service worker (context.serviceWorkers(), the
// 'serviceworker' event) before the worker's script has run: 50–300 ms
// earlier on these machines. On a fresh install no listener is registered in
// that gap, so a 401 then is reported to no one. Everything that launches the
// extension and then loads a page (e2e, bench, screenshots, npm start) waits
// here first.

/**
 * Resolves once the worker's top level has registered its webRequest listeners.
 * @param {{ evaluate: (fn: () => boolean) => Promise<boolean> }} worker  a Playwright Worker
 * @param {number} [timeoutMs]
 */
export async function listenersRegistered(worker, timeoutMs = 15_000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const up = await worker
      .evaluate(() => globalThis.chrome?.webRequest?.onHeadersReceived.hasListeners() === true)
      .catch(() => false);
    if (up) return;
    if (Date.now() > end) {
      throw new Error(
        `the extension's webRequest listeners were not registered in ${timeoutMs} ms`,
      );
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}
