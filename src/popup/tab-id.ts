/**
 * The tab the popup describes: `?tabId=N` when given (the toolbar button of a
 * tab that saw a 401 opens the popup so, src/background/toolbar.ts; other
 * extension pages open it in a tab of its own, which would otherwise describe
 * itself), else the active tab, which the background finds: asking it
 * directly saves the popup a `tabs.query` round trip before its first paint.
 */
export function tabOf(search: string): number | 'active' {
  const raw = new URLSearchParams(search).get('tabId');
  return raw !== null && /^\d+$/.test(raw) ? Number(raw) : 'active';
}
