// Run parameters, all from the environment so `npm run bench` needs no flags.
// BENCH_QUICK=1 is a smoke run (~2 minutes) that checks the harness, not the product.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const benchDir = dirname(dirname(fileURLToPath(import.meta.url)));
export const repoRoot = resolve(benchDir, '..');
export const distDir = {
  chromium: join(repoRoot, 'dist', 'chrome'),
  firefox: join(repoRoot, 'dist', 'firefox'),
};

/** Fixed by the manifest `key`. */
export const CHROME_EXTENSION_ID = 'idmobkfjdifklmjhnlbppckmfnncakfi';
export const GECKO_ID = 'why401@why401.dev';
/** Pinned with extensions.webextensions.uuids so moz-extension:// URLs are known. */
export const FIREFOX_EXTENSION_UUID = '5e2f0d4b-9a1c-4c6e-8b3a-401401401401';
export const POPUP_PATH = 'src/popup/index.html';

const env = process.env;
const quick = env.BENCH_QUICK === '1';
const int = (name, dflt) => {
  const v = Number.parseInt(env[name] ?? '', 10);
  return Number.isFinite(v) && v > 0 ? v : dflt;
};

/** Everything a run depends on; written into results.json as `params`. */
export const params = {
  quick,
  /** Launches per variant for the page-load comparisons. */
  runs: int('BENCH_RUNS', quick ? 4 : 12),
  /** Launches per variant for Firefox (slower to launch: ~5 s each). */
  firefoxRuns: int('BENCH_FIREFOX_RUNS', int('BENCH_RUNS', quick ? 3 : 12)),
  /** Per launch: plain loads not measured, then measured loads per scenario (their median counts). */
  warmupLoads: 2,
  loadsPerScenario: int('BENCH_LOADS', quick ? 1 : 3),
  /** Subresources of the load page: images, scripts, fetch calls. */
  images: 200,
  scripts: 50,
  fetches: 50,
  /** 401s the "with 401s" page adds (fetch calls answered 401 + Bearer challenge). */
  page401s: 20,
  /** Per-response server delay for the "realistic latency" page, uniform in [min,max] ms. */
  latencyMs: [20, 40],
  /** Listener sets switched within a launch: launches, and rounds (one load per set) per launch. */
  listenerLaunches: int('BENCH_LISTENER_LAUNCHES', quick ? 1 : 3),
  listenerRounds: int('BENCH_LISTENER_ROUNDS', quick ? 2 : 8),
  /** Panel latency samples (each a fresh document with one 401). */
  panelSamples: int('BENCH_PANEL_SAMPLES', quick ? 8 : 30),
  firefoxPanelSamples: int('BENCH_FIREFOX_PANEL_SAMPLES', quick ? 5 : 15),
  /** Storm: this many 401s over this many ms, at most `stormConcurrency` in flight. */
  stormRequests: int('BENCH_STORM_REQUESTS', quick ? 1000 : 5000),
  stormMs: int('BENCH_STORM_MS', quick ? 12_000 : 60_000),
  stormConcurrency: 16,
  /** Storm launches per variant, in ABBA order (none, Why 401, Why 401, none, …). */
  stormRounds: int('BENCH_STORM_ROUNDS', quick ? 1 : 2),
  /** Popup: records seeded into one tab, and how many times the popup is opened. */
  popupRecords: 500,
  popupOpens: int('BENCH_POPUP_OPENS', quick ? 3 : 20),
  harEntries: 10_000,
  headerBytes: 64 * 1024,
  /** Comma list of sections to run (default all): build,engine,chromium,listeners,firefox,panel,storm,popup */
  only: env.BENCH_ONLY ? env.BENCH_ONLY.split(',') : null,
  /**
   * Comma list of page-load arms to run (default: none, empty, why401 and the
   * Chromium parts); `none` is always kept as the baseline. The diagnostic arms
   * (why401NoPanel, why401Primed, why401RecordingOff) run only when named.
   */
  arms: env.BENCH_ARMS ? ['none', ...env.BENCH_ARMS.split(',')] : null,
  /**
   * Build dist/ from the working tree first (default), so a fresh clone after
   * `npm ci` measures its own source. BENCH_BUILD=0 measures dist/ as it is
   * (an experiment's patched build, say).
   */
  build: env.BENCH_BUILD !== '0',
};

/** @param {string} section */
export const wants = (section) => !params.only || params.only.includes(section);
