// Does the popup's first record come sooner from one script file than from the
// four module files Vite splits it into (its entry, its UI, and the two chunks
// it shares with the other pages)? Both pages in one extension, opened as the
// toolbar popup alternately with an empty popup page (the floor), in one
// launch, so a slower spell of this shared machine falls on all three alike.
//
//   npm run build && node bench/experiments/popup-files.mjs OLD_DIST [rounds]
//
// OLD_DIST: a dist/chrome built with the popup split (e.g. from the commit
// before vite.config.ts popupInOneFile); its popup page becomes
// src/popup/split.html beside the current one-file page. ~2 min at 20 rounds.
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium } from '../lib/chromium.mjs';
import { CHROME_EXTENSION_ID, distDir, POPUP_PATH } from '../lib/config.mjs';
import { startServer } from '../lib/server.mjs';
import { median, round } from '../lib/stats.mjs';
import { openToolbarPopup, seedTab, withProbe } from '../suites/popup.mjs';

const [oldDist, roundsArg] = process.argv.slice(2);
if (!oldDist) throw new Error('usage: popup-files.mjs OLD_DIST [rounds]');
const rounds = Number(roundsArg ?? 20);
const tmp = mkdtempSync(join(tmpdir(), 'why401-popup-files-'));
const both = join(tmp, 'both');
cpSync(distDir.chromium, both, { recursive: true });
// The split build's chunks beside the one-file build's; its page as split.html.
for (const f of readdirSync(join(oldDist, 'assets'))) {
  cpSync(join(oldDist, 'assets', f), join(both, 'assets', f), { force: false });
}
const SPLIT = 'src/popup/split.html';
writeFileSync(join(both, SPLIT), readFileSync(join(oldDist, POPUP_PATH), 'utf8'));
const ext = withProbe(both, tmp);
// withProbe puts its probe first in the popup's <head>; the same in split.html.
const probed = readFileSync(join(ext, POPUP_PATH), 'utf8');
const tag = /<script src="\/bench-probe\.js"><\/script>/.exec(probed)?.[0];
if (!tag) throw new Error('the probe was not found in the popup page');
const split = readFileSync(join(ext, SPLIT), 'utf8');
writeFileSync(join(ext, SPLIT), split.replace('<head>', `<head>${tag}`));

const server = await startServer({ latencyMs: 0, page: 'load' });
const s = await launchChromium({ extension: ext, extensionId: CHROME_EXTENSION_ID });
try {
  const tabId = await seedTab(s, server.origin);
  // Both pages ask for the active tab (the seeded one): the same request.
  const pages = { oneFile: POPUP_PATH, split: SPLIT, floor: 'bench-floor.html' };
  /** @type {Record<string, number[]>} */
  const ms = { oneFile: [], split: [], floor: [] };
  /** @type {Record<string, number[]>} */
  const script = { oneFile: [], split: [] };
  for (let r = 0; r < rounds; r++) {
    // Each round in a new order, so no page always follows another.
    const order = r % 2 ? ['split', 'oneFile', 'floor'] : ['floor', 'oneFile', 'split'];
    for (const k of order) {
      const [p] = await openToolbarPopup(s, tabId, pages[k], 1);
      if (k !== 'floor' && p.records < 1) throw new Error(`${k}: no record drawn`);
      ms[k].push(p.frame);
      if (k in script && p.script !== null) script[k].push(p.script);
    }
  }
  const out = Object.fromEntries(
    Object.entries(ms).map(([k, v]) => [
      k,
      { firstRecordMs: round(median(v)), scriptMs: script[k] ? round(median(script[k])) : null },
    ]),
  );
  console.log(JSON.stringify({ rounds, ...out }, null, 2));
} finally {
  await s.close();
  server.close?.();
  rmSync(tmp, { recursive: true, force: true });
}
