// The one module that watches the network. Everything about *how* 401s are
// captured (which webRequest events, which options, which filters) lives here,
// so the capture strategy can change when the benchmark speaks without touching
// the engine, the records or the UI. The decisions are pure functions; the
// `webRequest` object is passed in, so tests hand in a fake (Bitwarden's
// web-request.background.ts does the same).
import type { Exchange, Header } from '../core/index.ts';
import type { HeadersReceivedOption, SendHeadersOption, WebRequest } from '../shared/browser.ts';

/** What capture hands on for each watched response. May hold secrets: never store it. */
export interface Captured {
  requestId: string;
  tabId: number;
  frameId: number;
  type: string;
  exchange: Exchange;
}

/** The part of `webRequest` capture uses; a fake in tests. */
export interface WebRequestLike {
  onSendHeaders: {
    addListener(
      cb: (d: WebRequest.OnSendHeadersDetailsType) => void,
      filter: WebRequest.RequestFilter,
      extra?: SendHeadersOption[],
    ): void;
    removeListener(cb: (d: WebRequest.OnSendHeadersDetailsType) => void): void;
  };
  onHeadersReceived: {
    addListener(
      cb: (d: WebRequest.OnHeadersReceivedDetailsType) => void,
      filter: WebRequest.RequestFilter,
      extra?: HeadersReceivedOption[],
    ): void;
    removeListener(cb: (d: WebRequest.OnHeadersReceivedDetailsType) => void): void;
  };
}

interface Sent {
  time: number;
  headers: WebRequest.HttpHeaders | undefined;
}

/**
 * Request headers are kept in memory only between a request being sent and its
 * response headers arriving (milliseconds), so a 401 can be matched with what
 * was sent. Bounded: a request that never answers is evicted oldest-first.
 */
export const MAX_IN_FLIGHT = 2000;

export function toHeaders(h: WebRequest.HttpHeaders | undefined): Header[] {
  if (!h) return [];
  const out: Header[] = [];
  for (const { name, value, binaryValue } of h) {
    // Firefox may give a header as bytes; decode as Latin-1, as HTTP field values are octets.
    const v = value ?? (binaryValue ? String.fromCharCode(...binaryValue.slice(0, 65536)) : '');
    // Firefox joins repeated fields (two WWW-Authenticate, several Set-Cookie)
    // into one value with "\n" between them; HTTP field values never hold a
    // newline, so it splits back into the fields the server sent.
    if (v.includes('\n')) {
      for (const part of v.split('\n')) out.push({ name, value: part });
    } else {
      out.push({ name, value: v });
    }
  }
  return out;
}

/** Turns webRequest details into the engine's neutral exchange. Pure. */
export function buildExchange(
  d: WebRequest.OnHeadersReceivedDetailsType,
  sent: Sent | undefined,
): Exchange {
  return {
    method: d.method,
    url: d.url,
    status: d.statusCode,
    statusText: statusTextOf(d.statusLine),
    startedDateTime: sent?.time ?? d.timeStamp,
    requestHeaders: toHeaders(sent?.headers),
    responseHeaders: toHeaders(d.responseHeaders),
    // Without the sent headers (the worker restarted mid-request) nobody knows
    // whether credentials went out: say so rather than claim "none sent".
    requestHeadersComplete: sent !== undefined,
    resourceType: d.type,
  };
}

function statusTextOf(statusLine: string | undefined): string | undefined {
  // "HTTP/1.1 401 Unauthorized" → "Unauthorized"; HTTP/2 status lines have no text.
  if (!statusLine) return undefined;
  const m = /^\S+\s+\d{3}\s?(.*)$/.exec(statusLine);
  return m?.[1] || undefined;
}

export interface CaptureOptions {
  /** Statuses that count as authentication failures (401, 407; 403 if the user asks). */
  statuses: ReadonlySet<number>;
  /** Firefox has no `extraHeaders` option (it shows Cookie without it) and rejects it. */
  firefox: boolean;
  onCapture: (c: Captured) => void;
}

/** Registers the listeners; returns a function that removes them. Call synchronously at start-up. */
export function startCapture(webRequest: WebRequestLike, opts: CaptureOptions): () => void {
  const inFlight = new Map<string, Sent>();
  const filter: WebRequest.RequestFilter = { urls: ['<all_urls>'] };

  const onSend = (d: WebRequest.OnSendHeadersDetailsType): void => {
    if (d.tabId < 0) return; // not a tab's request (e.g. the extension's own pages' workers)
    if (inFlight.size >= MAX_IN_FLIGHT) {
      const oldest = inFlight.keys().next().value;
      if (oldest !== undefined) inFlight.delete(oldest);
    }
    inFlight.set(d.requestId, { time: d.timeStamp, headers: d.requestHeaders });
  };

  const onHeaders = (d: WebRequest.OnHeadersReceivedDetailsType): void => {
    const sent = inFlight.get(d.requestId);
    // The one check every response pays for; everything else is for watched statuses only.
    if (!opts.statuses.has(d.statusCode)) {
      if (sent) inFlight.delete(d.requestId);
      return;
    }
    inFlight.delete(d.requestId);
    if (d.tabId < 0) return;
    opts.onCapture({
      requestId: d.requestId,
      tabId: d.tabId,
      frameId: d.frameId,
      type: d.type,
      exchange: buildExchange(d, sent),
    });
  };

  // Chrome shows Cookie (request) and CORS preflights only with 'extraHeaders'.
  const sendExtra: SendHeadersOption[] = opts.firefox
    ? ['requestHeaders']
    : ['requestHeaders', 'extraHeaders'];
  const headersExtra: HeadersReceivedOption[] = opts.firefox
    ? ['responseHeaders']
    : ['responseHeaders', 'extraHeaders'];
  webRequest.onSendHeaders.addListener(onSend, filter, sendExtra);
  webRequest.onHeadersReceived.addListener(onHeaders, filter, headersExtra);
  return () => {
    webRequest.onSendHeaders.removeListener(onSend);
    webRequest.onHeadersReceived.removeListener(onHeaders);
    inFlight.clear();
  };
}
