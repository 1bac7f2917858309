import browser from '../shared/browser.ts';
import { requestFirstView } from './first-view.ts';
import { mount } from './mount.tsx';
import { tabOf } from './tab-id.ts';

// Marks for the benchmark's breakdown of first render (bench/suites/popup.mjs):
// the entry running here; the UI drawn and the records arriving in mount.tsx.
// Local to this page; nothing is sent anywhere.
performance.mark('why401:script');
// The popup is one script file (vite.config.ts popupInOneFile): each module
// file an extension page loads costs Chromium's main thread a few ms. The
// records are asked for before anything is drawn, so the background answers
// while the frame is.
const first = requestFirstView(tabOf(location.search));
try {
  mount(first);
} catch (e: unknown) {
  // The popup failed to draw: say so, as text, rather than leave it blank.
  document.body.textContent = browser.i18n.getMessage('popup_start_failed', [String(e)]);
}
