// Test builders for webRequest details, covering Chrome's and Firefox's shapes
// (Bitwarden's buildDetails pattern). Firefox adds originUrl/documentUrl and
// may give header values as bytes; Chrome adds initiator and documentId.
import type { WebRequest } from '../../shared/browser.ts';

type Browser = 'chrome' | 'firefox';

const base = (browser: Browser) => ({
  requestId: '1',
  url: 'https://api.example.com/v1/me',
  method: 'GET',
  frameId: 0,
  parentFrameId: -1,
  tabId: 7,
  type: 'xmlhttprequest' as WebRequest.ResourceType,
  timeStamp: 1_764_400_000_000,
  ...(browser === 'chrome'
    ? { initiator: 'https://app.example.com' }
    : {
        originUrl: 'https://app.example.com/',
        documentUrl: 'https://app.example.com/',
        thirdParty: true,
      }),
});

export function buildSendDetails(
  overrides: Partial<WebRequest.OnSendHeadersDetailsType> = {},
  browser: Browser = 'chrome',
): WebRequest.OnSendHeadersDetailsType {
  return {
    ...base(browser),
    requestHeaders: [],
    ...overrides,
  } as WebRequest.OnSendHeadersDetailsType;
}

export function buildHeadersDetails(
  overrides: Partial<WebRequest.OnHeadersReceivedDetailsType> = {},
  browser: Browser = 'chrome',
): WebRequest.OnHeadersReceivedDetailsType {
  return {
    ...base(browser),
    statusCode: 401,
    statusLine: browser === 'chrome' ? 'HTTP/1.1 401 Unauthorized' : 'HTTP/2.0 401 ',
    responseHeaders: [{ name: 'WWW-Authenticate', value: 'Bearer realm="api"' }],
    ...overrides,
  } as WebRequest.OnHeadersReceivedDetailsType;
}

type Listener<D> = (d: D) => void;

/** A fake webRequest: records how listeners were registered and lets a test fire events. */
export function fakeWebRequest() {
  const send: {
    cb: Listener<WebRequest.OnSendHeadersDetailsType>;
    filter: WebRequest.RequestFilter;
    extra?: string[];
  }[] = [];
  const headers: {
    cb: Listener<WebRequest.OnHeadersReceivedDetailsType>;
    filter: WebRequest.RequestFilter;
    extra?: string[];
  }[] = [];
  const errors: Listener<WebRequest.OnErrorOccurredDetailsType>[] = [];
  return {
    send,
    headers,
    errors,
    onSendHeaders: {
      addListener(
        cb: Listener<WebRequest.OnSendHeadersDetailsType>,
        filter: WebRequest.RequestFilter,
        extra?: string[],
      ) {
        send.push({ cb, filter, extra });
      },
      removeListener(cb: Listener<WebRequest.OnSendHeadersDetailsType>) {
        const i = send.findIndex((l) => l.cb === cb);
        if (i >= 0) send.splice(i, 1);
      },
    },
    onHeadersReceived: {
      addListener(
        cb: Listener<WebRequest.OnHeadersReceivedDetailsType>,
        filter: WebRequest.RequestFilter,
        extra?: string[],
      ) {
        headers.push({ cb, filter, extra });
      },
      removeListener(cb: Listener<WebRequest.OnHeadersReceivedDetailsType>) {
        const i = headers.findIndex((l) => l.cb === cb);
        if (i >= 0) headers.splice(i, 1);
      },
    },
    onErrorOccurred: {
      addListener(cb: Listener<WebRequest.OnErrorOccurredDetailsType>) {
        errors.push(cb);
      },
      removeListener(cb: Listener<WebRequest.OnErrorOccurredDetailsType>) {
        const i = errors.indexOf(cb);
        if (i >= 0) errors.splice(i, 1);
      },
    },
    /** Fires to every listener whose filter matches, as the browser would. */
    fireSend(d: WebRequest.OnSendHeadersDetailsType) {
      for (const l of [...send]) if (matches(l.filter, d)) l.cb(d);
    },
    fireHeaders(d: WebRequest.OnHeadersReceivedDetailsType) {
      for (const l of [...headers]) if (matches(l.filter, d)) l.cb(d);
    },
    fireError(d: WebRequest.OnErrorOccurredDetailsType) {
      for (const cb of [...errors]) cb(d);
    },
  };
}

/**
 * A RequestFilter match: types, and URL patterns "<all_urls>" or
 * "*://host/path" as Chrome reads them: the path, where "*" is any run of
 * characters, matches the URL's path and query.
 */
function matches(f: WebRequest.RequestFilter, d: { url: string; type: string }): boolean {
  if (f.types && !f.types.includes(d.type as WebRequest.ResourceType)) return false;
  const u = new URL(d.url);
  return f.urls.some((p) => {
    if (p === '<all_urls>') return true;
    const m = /^\*:\/\/([^/]+)(\/.*)$/.exec(p);
    if (!m || m[1] !== u.hostname) return false;
    const glob = m[2]!.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
    return new RegExp(`^${glob.join('.*')}$`).test(u.pathname + u.search);
  });
}
