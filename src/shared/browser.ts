// The one import of the WebExtension API for the extension's code. Current
// Chrome (148+) and Firefox ship `browser.*` natively and the polyfill passes
// it through; on older Chrome it wraps `chrome.*` in promises.
import browser from 'webextension-polyfill';
import type { BrowsingData, WebRequest } from 'webextension-polyfill';

export default browser;
export type { Browser, Runtime, Tabs, WebRequest, WebNavigation } from 'webextension-polyfill';

/**
 * Chrome's `browsingData.RemovalOptions` has `origins` (exact origins, Chrome 74+);
 * the polyfill's types (written from Firefox's schema) lack it. Firefox has
 * `hostnames` instead. Extended here rather than cast to `any`.
 */
export interface RemovalOptions extends BrowsingData.RemovalOptions {
  origins?: string[];
  excludeOrigins?: string[];
}

/** Chrome's `extraHeaders` option is missing from the polyfill's (Firefox-derived) enums. */
export type SendHeadersOption = WebRequest.OnSendHeadersOptions | 'extraHeaders';
export type HeadersReceivedOption = WebRequest.OnHeadersReceivedOptions | 'extraHeaders';

/** True in Firefox, where the background is an event page and some APIs differ. */
export function isFirefox(): boolean {
  return typeof navigator !== 'undefined' && /\bFirefox\//.test(navigator.userAgent);
}
