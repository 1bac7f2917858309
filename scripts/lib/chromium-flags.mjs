// The Chromium command line proven on these machines (../shared/notes/chromium.md),
// in one place for the e2e driver, the benchmark, the screenshots and npm start.

/** Flags for a headless or headed test browser on a machine with a closed network. */
export const CHROMIUM_BASE_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  // Without these, Chromium's background connections hit the closed network.
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Flags that load one unpacked extension. Playwright passes --disable-extensions;
 * the exception is what lets ours load.
 * @param {string | undefined} dist
 */
export function chromiumFlags(dist) {
  return dist
    ? [...CHROMIUM_BASE_FLAGS, `--disable-extensions-except=${dist}`, `--load-extension=${dist}`]
    : [...CHROMIUM_BASE_FLAGS];
}
