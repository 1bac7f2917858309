// The popup's first question to the background, sent before anything is drawn:
// the answer is on its way while the popup draws its frame (bench: popup.phasesMs).
import type { TabView } from '../shared/messages.ts';
import { send } from '../shared/send.ts';

/**
 * Records drawn per origin before "Show all": the popup's first paint should
 * not wait on lines nobody scrolls to, and the site's fixes come after them
 * (bench: popup.firstRenderMs; 5 instead of 10 drew the first record ~7 ms
 * sooner, bench/experiments/popup-files.mjs).
 */
export const FIRST_RECORDS = 5;

/** The first view of the tab: asked for before anything is drawn. */
export interface FirstView {
  view: Promise<TabView>;
  /** The view, once it has arrived. */
  ready?: TabView;
}

export function requestFirstView(tab: number | 'active'): FirstView {
  const view = send('tab/view', { tabId: tab, perOrigin: FIRST_RECORDS });
  const first: FirstView = { view };
  // A failure is reported by the component; handled here too, so it is never
  // an unhandled rejection.
  void view.then(
    (v) => (first.ready = v),
    () => undefined,
  );
  return first;
}
