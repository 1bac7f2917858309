// The in-page panel's entry, injected on demand into the top frame of a tab
// that got a 401/407 (background/panel.ts). Built as an IIFE: no
// web_accessible_resources, so a page cannot probe for the extension.
import { render } from 'preact';
import browser from '../shared/browser.ts';
import { mountHost } from './host.ts';
import { PanelApp } from './PanelApp.tsx';

declare global {
  interface Window {
    __why401Mounted?: boolean;
    /** Set by the mounted panel: a second injection (after a background restart) refreshes it. */
    __why401Refresh?: () => void;
  }
}

// Injected again after an extension update, or twice by a race: mount once;
// a later injection means "there is news": refresh the panel already there.
if (window.__why401Mounted) {
  window.__why401Refresh?.();
} else {
  window.__why401Mounted = true;
  const { shadow, mountPoint, unmount } = mountHost(document);
  render(<PanelApp />, mountPoint);
  // When the extension is updated or removed, this script's context dies:
  // runtime.id disappears. Remove the panel rather than leave a dead UI.
  const alive = setInterval(() => {
    let id: string | undefined;
    try {
      id = browser.runtime?.id;
    } catch {
      id = undefined;
    }
    if (!id) {
      clearInterval(alive);
      render(null, mountPoint);
      unmount();
      window.__why401Mounted = false;
    }
  }, 2000);
  void shadow;
}
