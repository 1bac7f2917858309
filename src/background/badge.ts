// The toolbar badge: the count of 401/407s on the tab's current page.
import browser from '../shared/browser.ts';

const shown = new Map<number, string>();

export function badgeText(count: number): string {
  if (count <= 0) return '';
  return count > 999 ? '999+' : String(count);
}

/**
 * Sets the tab's badge. Skips a write that would change nothing, which
 * coalesces a storm's updates; `force` after a navigation commits, because
 * Chrome wipes a per-tab badge set before the commit.
 */
export async function showCount(tabId: number, count: number, force = false): Promise<void> {
  const text = badgeText(count);
  const before = shown.get(tabId);
  if (!force && before === text) return;
  shown.set(tabId, text);
  try {
    await browser.action.setBadgeText({ tabId, text });
    // The colour stays with the tab until a navigation wipes it (then `force`):
    // set once, not on every count of a storm.
    if (text && (force || !before)) {
      await browser.action.setBadgeBackgroundColor({ tabId, color: '#b42318' });
    }
  } catch {
    // The tab closed between the 401 and this update: nothing to show.
    shown.delete(tabId);
  }
}

export function forgetTab(tabId: number): void {
  shown.delete(tabId);
}
