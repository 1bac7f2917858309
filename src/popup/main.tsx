import { requestFirstView } from './first-view.ts';
import { tabOf } from './tab-id.ts';

// Marks for the benchmark's breakdown of first render (bench/suites/popup.mjs):
// the entry running here; the UI loaded and the records arriving in mount.tsx.
// Local to this page; nothing is sent anywhere.
performance.mark('why401:script');
// The records are asked for first, before Preact and the components are even
// loaded: the background answers while they are fetched and run.
const first = requestFirstView(tabOf(location.search));
import('./mount.tsx').then(
  ({ mount }) => mount(first),
  (e: unknown) => {
    // The page's own code failed to load (an extension update mid-way): say so, in text.
    document.body.textContent = `Why 401 could not start: ${String(e)}`;
  },
);
