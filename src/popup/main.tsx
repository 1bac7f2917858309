import browser from '../shared/browser.ts';
import { requestFirstView } from './first-view.ts';
import { tabOf } from './tab-id.ts';

// Marks for the benchmark's breakdown of first render (bench/suites/popup.mjs):
// the entry running here; the UI loaded and the records arriving in mount.tsx.
// Local to this page; nothing is sent anywhere.
performance.mark('why401:script');
// The records are asked for first, before Preact and the components are even
// loaded: the background answers while they are fetched and run.
const first = requestFirstView(tabOf(location.search));
import('./mount.tsx')
  .then(({ mount }) => mount(first))
  .catch((e: unknown) => {
    // The popup's own code failed to load or to draw (an extension update
    // mid-way): say so, as text, rather than leave the popup blank.
    document.body.textContent = browser.i18n.getMessage('popup_start_failed', [String(e)]);
  });
