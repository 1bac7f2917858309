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

const running = new Set<number>();
const again = new Set<number>();

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
  const message: PanelRefresh = { why401: 1, type: 'panel/refresh' };
  try {
    await browser.tabs.sendMessage(tabId, message, { frameId: 0 });
    return;
  } catch {
    // No panel in this document yet: inject it.
  }
  try {
    await browser.scripting.executeScript({
      target: { tabId, frameIds: [0] },
      files: [panelScript],
    });
  } catch {
    // An error page (e.g. Chromium's for a failed Basic challenge) or a
    // privileged page takes no script: the badge and popup still explain.
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
      await refreshOnce(tabId, settings);
    } while (again.has(tabId));
  } finally {
    running.delete(tabId);
  }
}
