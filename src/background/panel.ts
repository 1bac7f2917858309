// Puts the in-page panel where a 401 happened: injected on demand into the
// tab's top frame (no content script runs on pages without a 401), told to
// refresh when the tab's records change. Coalesced per tab: a storm of 401s
// gives one refresh in flight and at most one queued.
// The `?script&iife` import is crxjs's way to name the content script's built file;
// it is a path, not code, so the background does not import the content part.
// eslint-disable-next-line import-x/no-restricted-paths
import panelScript from '../content/index.tsx?script&iife';
import browser from '../shared/browser.ts';
import type { PanelRefresh } from '../shared/messages.ts';
import type { Settings } from '../shared/settings.ts';
import { nextRefresh, type Spacing } from './refresh-spacing.ts';

const running = new Set<number>();
const again = new Set<number>();
/** Tabs whose current document got the panel (memory only: after a restart, inject again; the script then refreshes the panel it finds). */
const injected = new Set<number>();
/** When each tab's panel was last refreshed (performance.now()), and the gap before its next. */
const spacing = new Map<number, Spacing>();

/** The tab shows a new document: it has no panel yet, and its first 401 is shown at once. */
export function forgetPanel(tabId: number): void {
  injected.delete(tabId);
  spacing.delete(tabId);
}

async function inject(tabId: number): Promise<void> {
  // A document still committing can refuse a script for a moment: try twice.
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await browser.scripting.executeScript({
        target: { tabId, frameIds: [0] },
        files: [panelScript],
      });
      injected.add(tabId);
      return;
    } catch {
      // An error page (e.g. Chromium's for a failed Basic challenge) or a
      // privileged page takes no script: the badge and popup still explain.
      await new Promise((r) => setTimeout(r, 400));
    }
  }
}

async function topOrigin(tabId: number): Promise<string | undefined> {
  try {
    const tab = await browser.tabs.get(tabId);
    return tab.url ? new URL(tab.url).origin : undefined;
  } catch {
    return undefined;
  }
}

async function refreshOnce(tabId: number, settings: Settings): Promise<void> {
  if (!settings.panel) return;
  const origin = await topOrigin(tabId);
  // Only web pages; muted sites keep the badge and popup but get no panel.
  if (!origin || !/^https?:/.test(origin) || settings.mutedSites.includes(origin)) return;
  // First 401 of this document: inject at once (no round trip to learn there is no panel).
  if (!injected.has(tabId)) return inject(tabId);
  const message: PanelRefresh = { why401: 1, type: 'panel/refresh' };
  try {
    await browser.tabs.sendMessage(tabId, message, { frameId: 0 });
  } catch {
    await inject(tabId); // the panel went away (the page removed it, or a new document)
  }
}

export async function refreshPanel(tabId: number, settings: Settings): Promise<void> {
  if (running.has(tabId)) {
    again.add(tabId);
    return;
  }
  running.add(tabId);
  try {
    do {
      again.delete(tabId);
      // A storm's refreshes are spaced (refresh-spacing.ts); a quiet tab's is at once.
      const { wait, gap } = nextRefresh(spacing.get(tabId), performance.now());
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      await refreshOnce(tabId, settings);
      spacing.set(tabId, { at: performance.now(), gap });
    } while (again.has(tabId));
  } finally {
    running.delete(tabId);
  }
}
