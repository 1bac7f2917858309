import browser from '../shared/browser.ts';

/**
 * The tab the popup describes: `?tabId=N` when given (tests and other
 * extension pages open the popup in a tab of its own, which would otherwise
 * describe itself), else the active tab of the current window.
 */
export async function resolveTabId(search: string): Promise<number> {
  const raw = new URLSearchParams(search).get('tabId');
  if (raw !== null && /^\d+$/.test(raw)) return Number(raw);
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  if (tab?.id === undefined) throw new Error('No active tab');
  return tab.id;
}
