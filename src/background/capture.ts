// The one module that watches the network. Everything about *how* 401s are
// captured (which webRequest events, which options, which filters) lives here,
// so the capture strategy can change when the benchmark speaks without touching
// the engine, the records or the UI. The decisions are pure functions; the
// `webRequest` object is passed in, so tests hand in a fake (Bitwarden's
// web-request.background.ts does the same).
import type { Exchange, Header } from '../core/index.ts';
import type { HeadersReceivedOption, SendHeadersOption, WebRequest } from '../shared/browser.ts';
import { scopeOf, scopePatterns } from './close-watch.ts';
import { createStormGauge, STORM_WINDOW_MS, type StormDeps } from './storm.ts';

/** What capture hands on for each watched response. May hold secrets: never store it. */
export interface Captured {
  requestId: string;
  tabId: number;
  frameId: number;
  type: string;
  /** The request's URL, method and status, and when it started: all a storm's repeat needs. */
  url: string;
  method: string;
  status: number;
  time: number;
  /**
   * The whole exchange, built when first read: a storm's repeat, counted
   * from the fields above (recorder.ts), never needs it.
   */
  readonly exchange: Exchange;
  /**
   * Its request headers went unread because capture was listening less in a
   * 401 storm (storm.ts); the recorder counts it rather than record it again
   * when its endpoint already has a record.
   */
  inStorm?: true;
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
  onErrorOccurred: {
    addListener(
      cb: (d: WebRequest.OnErrorOccurredDetailsType) => void,
      filter: WebRequest.RequestFilter,
    ): void;
    removeListener(cb: (d: WebRequest.OnErrorOccurredDetailsType) => void): void;
  };
}

interface Sent {
  time: number;
  headers: WebRequest.HttpHeaders | undefined;
  /** Seen by a listener with `extraHeaders` (Chrome): Cookie included. */
  full: boolean;
}

/**
 * Request headers are kept in memory only between a request being sent and its
 * response headers arriving (milliseconds), so a 401 can be matched with what
 * was sent. Bounded: a request that never answers is evicted oldest-first.
 */
export const MAX_IN_FLIGHT = 2000;

/**
 * The resource types watched by default. bench/README.md ("Which listener
 * costs"): a listener on every request of a 300-request page cost Chromium
 * ~11% page load; the same listener limited to documents, frames and
 * fetch/XHR ~1%. Images, scripts, styles, fonts and media that answer 401
 * are watched only when the user asks (settings.watchAllTypes); they mostly
 * accompany a document or API 401 of the same site.
 */
export const LIGHT_TYPES: WebRequest.ResourceType[] = [
  'main_frame',
  'sub_frame',
  'xmlhttprequest',
  'websocket',
  'other',
];

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

/** Origin of the document or worker that made a request, where the browser says. */
export function initiatorOf(d: { initiator?: string; originUrl?: string }): string | undefined {
  const raw = d.initiator ?? d.originUrl;
  if (!raw || raw === 'null') return undefined;
  try {
    const o = new URL(raw).origin;
    return o === 'null' ? undefined : o;
  } catch {
    return undefined;
  }
}

/** Turns webRequest details into the engine's neutral exchange. Pure. */
export function buildExchange(
  d: WebRequest.OnHeadersReceivedDetailsType,
  sent: Sent | undefined,
  cookieHeaderVisible = true,
): Exchange {
  const ex: Exchange = {
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
  if (sent && !cookieHeaderVisible) ex.cookieHeaderHidden = true;
  const from = initiatorOf(d as { initiator?: string; originUrl?: string });
  if (from) ex.initiatorOrigin = from;
  return ex;
}

function statusTextOf(statusLine: string | undefined): string | undefined {
  // "HTTP/1.1 401 Unauthorized" → "Unauthorized"; HTTP/2 status lines have no text.
  if (!statusLine) return undefined;
  const m = /^\S+\s+\d{3}\s?(.*)$/.exec(statusLine);
  return m?.[1] || undefined;
}

/** The host (and port) of a URL without parsing it whole (once per 401, storms too); no user info. */
export function hostOf(url: string): string {
  const rest = url.slice(url.indexOf('//') + 2);
  const end = rest.search(/[/?#]/);
  const authority = end < 0 ? rest : rest.slice(0, end);
  return authority.slice(authority.lastIndexOf('@') + 1).toLowerCase();
}

export interface CaptureOptions {
  /** Statuses that count as authentication failures (401, 407; 403 if the user asks). */
  statuses: ReadonlySet<number>;
  /** Firefox has no `extraHeaders` option (it shows Cookie without it) and rejects it. */
  firefox: boolean;
  /** Watch every resource type, not only LIGHT_TYPES (slower pages). */
  allTypes?: boolean;
  onCapture: (c: Captured) => void;
  /**
   * Chrome: a cross-origin fetch/XHR failed without a response, as when its
   * CORS preflight was refused. Preflights are visible only to `extraHeaders`
   * listeners, so the caller may watch the endpoint (close-watch.ts scopeOf)
   * closely to see the next one.
   */
  onCrossOriginFailure?: (scope: string) => void;
  /** The clock and timers of the storm gauge; tests pass their own. */
  clock?: Omit<StormDeps, 'onChange'>;
}

export interface Capture {
  /**
   * Chrome: from now on see the Cookie header and CORS preflights of these
   * endpoints (close-watch.ts scopes; listeners with `extraHeaders`, filtered
   * to them). Replaces the previous list. Firefox shows Cookie anyway: a
   * no-op there.
   */
  watchClosely(scopes: readonly string[]): void;
  /** Removes every listener. */
  stop(): void;
}

/** Requests already handed on, so the two listener sets never hand one on twice. */
const MAX_DONE = 512;

/**
 * Registers the listeners; call synchronously at start-up.
 *
 * Two tiers, because in Chromium `extraHeaders` is what costs (bench:
 * onSendHeaders + onHeadersReceived with extraHeaders ~21% page load, the same
 * pair without it and typed ~4%): every site gets the cheap pair, which sees
 * Authorization, API-key headers and the challenge but not Cookie; endpoints
 * that answered 401 get `extraHeaders` listeners filtered to them.
 *
 * In a 401 storm (storm.ts) only the cheap onHeadersReceived listener stays:
 * every 401 is still counted, with its challenge and response, but what the
 * requests carried goes unread until the storm is over (bench/README.md,
 * "Listening less in a storm").
 */
export function startCapture(webRequest: WebRequestLike, opts: CaptureOptions): Capture {
  const inFlight = new Map<string, Sent>();
  const done = new Set<string>();
  const base: WebRequest.RequestFilter = opts.allTypes
    ? { urls: ['<all_urls>'] }
    : { urls: ['<all_urls>'], types: LIGHT_TYPES };

  const remember = (d: WebRequest.OnSendHeadersDetailsType, full: boolean): void => {
    if (d.tabId < 0) return; // not a tab's request (e.g. the extension's own pages' workers)
    const had = inFlight.get(d.requestId);
    if (had?.full && !full) return; // the close listener saw more
    if (!had && inFlight.size >= MAX_IN_FLIGHT) {
      const oldest = inFlight.keys().next().value;
      if (oldest !== undefined) inFlight.delete(oldest);
    }
    inFlight.set(d.requestId, { time: d.timeStamp, headers: d.requestHeaders, full });
  };

  const handle = (d: WebRequest.OnHeadersReceivedDetailsType): void => {
    const sent = inFlight.get(d.requestId);
    // The one check every response pays for; everything else is for watched statuses only.
    if (!opts.statuses.has(d.statusCode)) {
      if (sent) inFlight.delete(d.requestId);
      return;
    }
    // Both listener sets may see a closely watched request; the first to get
    // its response hands it on, with the fullest request headers seen. (Not
    // "leave it to the close listener": Chromium may show a request that was
    // already under way when the close listeners came to their onSendHeaders
    // but not to their onHeadersReceived.)
    const key = `${d.requestId}:${d.statusCode}`;
    if (done.has(key)) return;
    inFlight.delete(d.requestId);
    if (d.tabId < 0) return;
    done.add(key);
    if (done.size > MAX_DONE) done.delete(done.values().next().value as string);
    gauge.count(hostOf(d.url));
    let exchange: Exchange | undefined;
    const c: Captured = {
      requestId: d.requestId,
      tabId: d.tabId,
      frameId: d.frameId,
      type: d.type,
      url: d.url,
      method: d.method,
      status: d.statusCode,
      time: sent?.time ?? d.timeStamp,
      get exchange() {
        return (exchange ??= buildExchange(d, sent, opts.firefox || sent?.full === true));
      },
    };
    // Sent while onSendHeaders was off (a response may come after the storm).
    if (!sent && (gauge.active() || clock.now() - gauge.endedAt() < STORM_WINDOW_MS)) {
      c.inStorm = true;
    }
    opts.onCapture(c);
  };

  const onSend = (d: WebRequest.OnSendHeadersDetailsType) => remember(d, false);
  const onHeaders = (d: WebRequest.OnHeadersReceivedDetailsType) => handle(d);
  const onSendFull = (d: WebRequest.OnSendHeadersDetailsType) => remember(d, true);
  const onHeadersFull = (d: WebRequest.OnHeadersReceivedDetailsType) => handle(d);
  const onError = (d: WebRequest.OnErrorOccurredDetailsType): void => {
    inFlight.delete(d.requestId);
    if (opts.firefox || !opts.onCrossOriginFailure || d.tabId < 0) return;
    if (d.type !== 'xmlhttprequest' || d.error !== 'net::ERR_FAILED') return;
    const from = initiatorOf(d as { initiator?: string });
    let url: URL;
    try {
      url = new URL(d.url);
    } catch {
      return;
    }
    if (!from || from === url.origin) return;
    const scope = scopeOf(url);
    if (scope) opts.onCrossOriginFailure(scope);
  };

  // In a storm, one event per 401 instead of two or four: onSendHeaders and
  // the close pair come off, and go back on once the storm is over.
  const clock = opts.clock ?? {
    // Monotonic: a wall clock stepped back would hold a window open and add up scattered 401s.
    now: () => performance.now(),
    setTimer: (run, ms) => setTimeout(run, ms),
    clearTimer: (t) => clearTimeout(t as ReturnType<typeof setTimeout>),
  };
  const gauge = createStormGauge({
    ...clock,
    onChange(storm) {
      if (storm) {
        webRequest.onSendHeaders.removeListener(onSend);
        removeClose();
      } else {
        webRequest.onSendHeaders.addListener(onSend, base, ['requestHeaders']);
        addClose();
      }
    },
  });

  // No extraHeaders here in either browser: Chrome then hides Cookie (and
  // preflights), Firefox never hides it and rejects the option.
  webRequest.onSendHeaders.addListener(onSend, base, ['requestHeaders']);
  webRequest.onHeadersReceived.addListener(onHeaders, base, ['responseHeaders']);
  webRequest.onErrorOccurred.addListener(onError, {
    urls: ['<all_urls>'],
    types: ['xmlhttprequest'],
  });

  /** The close list asked for; its listeners are off in a storm. */
  let close: string[] = [];
  const removeClose = () => {
    webRequest.onSendHeaders.removeListener(onSendFull);
    webRequest.onHeadersReceived.removeListener(onHeadersFull);
  };
  const addClose = () => {
    if (!close.length || gauge.active()) return;
    // The same types as everywhere else: extraHeaders on a page's 200 images
    // cost it ~+25% (bench: chromium.pageLoad401). CORS preflights arrive as "other".
    const filter: WebRequest.RequestFilter = base.types
      ? { urls: close, types: base.types }
      : { urls: close };
    try {
      webRequest.onSendHeaders.addListener(onSendFull, filter, ['requestHeaders', 'extraHeaders']);
      webRequest.onHeadersReceived.addListener(onHeadersFull, filter, [
        'responseHeaders',
        'extraHeaders',
      ]);
    } catch {
      // A filter refused at once: no close watch, the cheap tier goes on,
      // and the next list is tried afresh. (Chrome checks patterns later,
      // in the browser, and only logs a refusal; scopePatterns builds only
      // plain-host, slash-led patterns for that reason.)
      removeClose();
      close = [];
    }
  };
  return {
    watchClosely(scopes) {
      if (opts.firefox) return;
      const patterns = scopePatterns([...new Set(scopes)].sort());
      if (patterns.join() === close.join()) return;
      removeClose();
      close = patterns;
      addClose();
    },
    stop() {
      gauge.stop();
      webRequest.onSendHeaders.removeListener(onSend);
      webRequest.onHeadersReceived.removeListener(onHeaders);
      webRequest.onErrorOccurred.removeListener(onError);
      removeClose();
      close = [];
      inFlight.clear();
      done.clear();
    },
  };
}
