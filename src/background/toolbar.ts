// The tab's toolbar button: the badge (the count of 401/407s on the tab's
// current page) and the popup it opens.
import browser from '../shared/browser.ts';

const shown = new Map<number, string>();

export function badgeText(count: number): string {
  if (count <= 0) return '';
  return count > 999 ? '999+' : String(count);
}

/**
 * The popup a tab's button opens: the manifest's, told which tab it describes
 * (ui-contract.md: ?tabId=N). Without it the popup asks the background for the
 * active tab, which costs its first paint one `tabs.query` in the background
 * (~15 ms here, bench: popup.phasesMs).
 */
export function popupOfTab(defaultPopup: string, tabId: number): string {
  return `${defaultPopup}${defaultPopup.includes('?') ? '&' : '?'}tabId=${tabId}`;
}

/**
 * Sets the tab's badge. Skips a write that would change nothing, which
 * coalesces a storm's updates; `force` after a navigation commits, because
 * Chrome wipes a per-tab badge set before the commit (and both browsers wipe
 * a tab's own popup on navigation).
 */
export async function showCount(tabId: number, count: number, force = false): Promise<void> {
  const text = badgeText(count);
  const before = shown.get(tabId);
  if (!force && before === text) return;
  shown.set(tabId, text);
  // The popup and the colour stay with the tab until a navigation wipes them
  // (then `force`): set once, not on every count of a storm. The three calls
  // go back to back, none waiting on another: calls from one context reach
  // the browser in order, so a later count's text is never overtaken by this
  // one's. The popup first: by the time the badge shows, a click opens this
  // tab's popup.
  const first = text !== '' && (force || !before);
  const [, wrote] = await Promise.allSettled([
    first ? setTabPopup(tabId) : undefined,
    browser.action.setBadgeText({ tabId, text }),
    first ? browser.action.setBadgeBackgroundColor({ tabId, color: '#b42318' }) : undefined,
  ]);
  // Not written (the tab closed between the 401 and this update): not shown.
  if (wrote?.status === 'rejected' && shown.get(tabId) === text) shown.delete(tabId);
}

/** The manifest's popup, read once: `getManifest()` copies the whole manifest on each call. */
let defaultPopup: string | undefined;

async function setTabPopup(tabId: number): Promise<void> {
  defaultPopup ??= browser.runtime.getManifest().action?.default_popup ?? '';
  if (defaultPopup)
    await browser.action.setPopup({ tabId, popup: popupOfTab(defaultPopup, tabId) });
}

export function forgetTab(tabId: number): void {
  shown.delete(tabId);
}
