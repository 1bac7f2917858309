import { describe, expect, it } from 'vitest';
import {
  buildExchange,
  hostOf,
  LIGHT_TYPES,
  MAX_IN_FLIGHT,
  startCapture,
  type Captured,
} from './capture.ts';
import { STORM_ENTER, STORM_WINDOW_MS } from './storm.ts';
import { buildHeadersDetails, buildSendDetails, fakeWebRequest } from './testing/build-details.ts';
import { fakeClock } from './testing/fake-clock.ts';

const statuses = new Set([401, 407]);

function setup(firefox = false, allTypes = false) {
  const wr = fakeWebRequest();
  const got: Captured[] = [];
  const failures: string[] = [];
  const clock = fakeClock();
  const capture = startCapture(wr, {
    statuses,
    firefox,
    allTypes,
    onCapture: (c) => got.push(c),
    onCrossOriginFailure: (h) => failures.push(h),
    clock,
  });
  return { wr, got, failures, capture, clock, stop: () => capture.stop() };
}

const COOKIE = { name: 'Cookie', value: 'sid=s3cr3t-session-value' };

describe('startCapture', () => {
  it('listens without extraHeaders everywhere, limited to documents, frames, fetch/XHR, sockets', () => {
    for (const firefox of [false, true]) {
      const { wr } = setup(firefox);
      expect(wr.send.map((l) => l.extra)).toEqual([['requestHeaders']]);
      expect(wr.headers.map((l) => l.extra)).toEqual([['responseHeaders']]);
      expect(wr.send[0]!.filter.types).toEqual(LIGHT_TYPES);
      expect(wr.headers[0]!.filter.types).toEqual(LIGHT_TYPES);
    }
    expect(LIGHT_TYPES).not.toContain('image');
    const all = setup(false, true);
    expect(all.wr.headers[0]!.filter.types).toBeUndefined();
  });

  it('watches an endpoint closely for the same types as everywhere else', () => {
    const light = setup();
    light.capture.watchClosely(['api.example.com/v1/me']);
    expect(light.wr.send[1]!.filter).toEqual({
      urls: ['*://api.example.com/v1/me', '*://api.example.com/v1/me?*'],
      types: LIGHT_TYPES,
    });
    const all = setup(false, true);
    all.capture.watchClosely(['api.example.com/v1/me']);
    expect(all.wr.send[1]!.filter).toEqual({
      urls: ['*://api.example.com/v1/me', '*://api.example.com/v1/me?*'],
    });
  });

  it('does not see an image 401 unless every type is watched', () => {
    const light = setup();
    light.wr.fireHeaders(buildHeadersDetails({ type: 'image' }));
    expect(light.got).toHaveLength(0);
    const all = setup(false, true);
    all.wr.fireHeaders(buildHeadersDetails({ type: 'image' }));
    expect(all.got).toHaveLength(1);
  });

  it('Chrome: a first 401 says its Cookie header was hidden; a closely watched endpoint shows it', () => {
    const { wr, got, capture } = setup();
    // Chrome without extraHeaders leaves Cookie out of requestHeaders.
    wr.fireSend(buildSendDetails({ requestId: '1', requestHeaders: [] }));
    wr.fireHeaders(buildHeadersDetails({ requestId: '1' }));
    expect(got[0]!.exchange.cookieHeaderHidden).toBe(true);
    expect(got[0]!.exchange.initiatorOrigin).toBe('https://app.example.com');

    capture.watchClosely(['api.example.com/v1/me']);
    expect(wr.send.map((l) => l.extra)).toEqual([
      ['requestHeaders'],
      ['requestHeaders', 'extraHeaders'],
    ]);
    // The browser fires both listener sets; the close one carries Cookie (a query too).
    const me = 'https://api.example.com/v1/me?fields=all';
    wr.fireSend(buildSendDetails({ requestId: '2', url: me, requestHeaders: [COOKIE] }));
    wr.fireHeaders(buildHeadersDetails({ requestId: '2', url: me }));
    expect(got).toHaveLength(2);
    expect(got[1]!.exchange.cookieHeaderHidden).toBeUndefined();
    expect(got[1]!.exchange.requestHeaders).toEqual([COOKIE]);

    // Another endpoint of that host, and another host, are watched the cheap way only.
    for (const [id, url] of [
      ['3', 'https://api.example.com/v1/orders'],
      ['4', 'https://api.example.com/v1/meta'],
      ['5', 'https://other.example.org/v1/me'],
    ] as const) {
      wr.fireSend(buildSendDetails({ requestId: id, url, requestHeaders: [COOKIE] }));
      wr.fireHeaders(buildHeadersDetails({ requestId: id, url }));
      expect(got.at(-1)!.exchange.url).toBe(url);
      expect(got.at(-1)!.exchange.cookieHeaderHidden).toBe(true);
    }
  });

  it('hands a closely watched request on once, whichever listener answers first', () => {
    const { wr, got, capture } = setup();
    capture.watchClosely(['api.example.com/v1/me']);
    // Reverse the browser's order: close listeners first.
    wr.send.reverse();
    wr.headers.reverse();
    wr.fireSend(buildSendDetails({ requestId: '5', requestHeaders: [COOKIE] }));
    wr.fireHeaders(buildHeadersDetails({ requestId: '5' }));
    expect(got).toHaveLength(1);
    expect(got[0]!.exchange.requestHeaders).toEqual([COOKIE]);
  });

  it('loses nothing when the close listeners saw the request sent but not its response', () => {
    const { wr, got, capture } = setup();
    capture.watchClosely(['api.example.com/v1/me']);
    wr.fireSend(buildSendDetails({ requestId: '6', requestHeaders: [COOKIE] }));
    // Only the cheap onHeadersReceived fires (a request already under way when
    // the close listeners were added).
    wr.headers[0]!.cb(buildHeadersDetails({ requestId: '6' }));
    expect(got).toHaveLength(1);
    expect(got[0]!.exchange.requestHeaders).toEqual([COOKIE]);
    expect(got[0]!.exchange.cookieHeaderHidden).toBeUndefined();
    // A late close onHeadersReceived for it is not a second record.
    wr.headers[1]!.cb(buildHeadersDetails({ requestId: '6' }));
    expect(got).toHaveLength(1);
  });

  it('replaces the close list, and stops watching closely when it empties', () => {
    const { wr, capture } = setup();
    capture.watchClosely(['a.example/x', 'b.example/y']);
    capture.watchClosely(['b.example/y', 'a.example/x']); // same set: no re-registration
    expect(wr.headers).toHaveLength(2);
    capture.watchClosely(['c.example/']);
    expect(wr.headers[1]!.filter.urls).toEqual(['*://c.example/', '*://c.example/?*']);
    capture.watchClosely([]);
    expect(wr.headers).toHaveLength(1);
  });

  it('a pattern the browser refuses costs the close watch, not the cheap tier, and is tried afresh', () => {
    const { wr, got, capture } = setup();
    const add = wr.onSendHeaders.addListener.bind(wr.onSendHeaders);
    wr.onSendHeaders.addListener = (cb, filter, extra) => {
      if (filter.urls.some((u) => u.includes('refused'))) throw new Error('Invalid url pattern');
      add(cb, filter, extra);
    };
    capture.watchClosely(['a.example/refused']);
    expect(wr.send).toHaveLength(1);
    expect(wr.headers).toHaveLength(1);
    wr.fireSend(buildSendDetails({ requestId: '1' }));
    wr.fireHeaders(buildHeadersDetails({ requestId: '1' }));
    expect(got).toHaveLength(1);
    capture.watchClosely(['api.example.com/v1/me']);
    expect(wr.send).toHaveLength(2);
    expect(wr.headers).toHaveLength(2);
  });

  it('Firefox shows Cookie without extraHeaders: never hidden, never a close listener', () => {
    const { wr, got, capture } = setup(true);
    capture.watchClosely(['api.example.com/v1/me']);
    expect(wr.headers).toHaveLength(1);
    wr.fireSend(buildSendDetails({ requestId: '1', requestHeaders: [COOKIE] }, 'firefox'));
    wr.fireHeaders(buildHeadersDetails({ requestId: '1' }, 'firefox'));
    expect(got[0]!.exchange.cookieHeaderHidden).toBeUndefined();
    expect(got[0]!.exchange.initiatorOrigin).toBe('https://app.example.com');
  });

  it('reports a cross-origin fetch that failed without a response (a refused preflight)', () => {
    const { wr, failures } = setup();
    const d = (over: object) =>
      ({
        requestId: '1',
        url: 'https://api.example.com/v1',
        method: 'GET',
        frameId: 0,
        parentFrameId: -1,
        tabId: 7,
        type: 'xmlhttprequest',
        timeStamp: 1,
        initiator: 'https://app.example.com',
        error: 'net::ERR_FAILED',
        fromCache: false,
        ...over,
      }) as Parameters<typeof wr.fireError>[0];
    wr.fireError(d({}));
    wr.fireError(d({ initiator: 'https://api.example.com' })); // same origin: not CORS
    wr.fireError(d({ error: 'net::ERR_CONNECTION_REFUSED' }));
    expect(failures).toEqual(['api.example.com/v1']);
  });

  it('hands on a 401 with what the request carried', () => {
    const { wr, got } = setup();
    wr.fireSend(
      buildSendDetails({
        requestId: '9',
        timeStamp: 1000,
        requestHeaders: [{ name: 'Authorization', value: 'Bearer abc.def.ghi' }],
      }),
    );
    wr.fireHeaders(buildHeadersDetails({ requestId: '9', timeStamp: 1010 }));
    expect(got).toHaveLength(1);
    const c = got[0]!;
    expect(c).toMatchObject({ requestId: '9', tabId: 7, frameId: 0, type: 'xmlhttprequest' });
    expect(c.exchange.requestHeaders).toEqual([
      { name: 'Authorization', value: 'Bearer abc.def.ghi' },
    ]);
    expect(c.exchange.startedDateTime).toBe(1000);
    expect(c.exchange.requestHeadersComplete).toBe(true);
    expect(c.exchange.statusText).toBe('Unauthorized');
  });

  it('ignores other statuses and forgets their request headers', () => {
    const { wr, got } = setup();
    wr.fireSend(buildSendDetails({ requestId: '1' }));
    wr.fireHeaders(buildHeadersDetails({ requestId: '1', statusCode: 200 }));
    wr.fireHeaders(buildHeadersDetails({ requestId: '1', statusCode: 401 }));
    expect(got).toHaveLength(1);
    // The headers went with the 200: the late 401 cannot claim to know them.
    expect(got[0]!.exchange.requestHeadersComplete).toBe(false);
  });

  it('records 407 from a proxy', () => {
    const { wr, got } = setup();
    wr.fireHeaders(
      buildHeadersDetails({
        statusCode: 407,
        responseHeaders: [{ name: 'Proxy-Authenticate', value: 'Basic realm="proxy"' }],
      }),
    );
    expect(got[0]?.exchange.status).toBe(407);
  });

  it('says the request headers are unknown when the sent event was missed (worker restarted)', () => {
    const { wr, got } = setup();
    wr.fireHeaders(buildHeadersDetails({ requestId: '77' }));
    expect(got[0]!.exchange.requestHeadersComplete).toBe(false);
    expect(got[0]!.exchange.requestHeaders).toEqual([]);
  });

  it('skips requests that belong to no tab', () => {
    const { wr, got } = setup();
    wr.fireSend(buildSendDetails({ tabId: -1 }));
    wr.fireHeaders(buildHeadersDetails({ tabId: -1 }));
    expect(got).toHaveLength(0);
  });

  it('keeps at most MAX_IN_FLIGHT unanswered requests, evicting the oldest', () => {
    const { wr, got } = setup();
    for (let i = 0; i <= MAX_IN_FLIGHT; i++) wr.fireSend(buildSendDetails({ requestId: `r${i}` }));
    wr.fireHeaders(buildHeadersDetails({ requestId: 'r0' }));
    wr.fireHeaders(buildHeadersDetails({ requestId: `r${MAX_IN_FLIGHT}` }));
    expect(got.map((c) => c.exchange.requestHeadersComplete)).toEqual([false, true]);
  });

  describe('in a 401 storm', () => {
    const AUTH = { name: 'Authorization', value: 'Bearer abc.def.ghi' };
    /** `n` requests sent and answered 401, 10 ms apart; ids from `from`. */
    function storm(t: ReturnType<typeof setup>, n: number, from = 0) {
      for (let i = from; i < from + n; i++) {
        t.wr.fireSend(buildSendDetails({ requestId: `s${i}`, requestHeaders: [AUTH] }));
        t.wr.fireHeaders(buildHeadersDetails({ requestId: `s${i}` }));
        t.clock.advance(10);
      }
    }

    it('listens to responses only: every 401 still handed on, marked as unread', () => {
      const t = setup();
      t.capture.watchClosely(['api.example.com/v1/me']);
      expect(t.wr.send).toHaveLength(2);
      storm(t, STORM_ENTER + 50);
      // onSendHeaders and the close pair are off; the cheap onHeadersReceived stays.
      expect(t.wr.send).toHaveLength(0);
      expect(t.wr.headers.map((l) => l.extra)).toEqual([['responseHeaders']]);
      expect(t.got).toHaveLength(STORM_ENTER + 50);
      const before = t.got[STORM_ENTER - 1]!;
      expect(before.inStorm).toBeUndefined();
      expect(before.exchange.requestHeaders).toEqual([AUTH]);
      const during = t.got.at(-1)!;
      expect(during.inStorm).toBe(true);
      expect(during.exchange.requestHeadersComplete).toBe(false);
      expect(during.exchange.responseHeaders).toEqual([
        { name: 'WWW-Authenticate', value: 'Bearer realm="api"' },
      ]);
    });

    it('listens fully again once the storm is over, close list included', () => {
      const t = setup();
      t.capture.watchClosely(['api.example.com/v1/me']);
      storm(t, STORM_ENTER + 10);
      // Asked for during the storm: registered only after it.
      t.capture.watchClosely(['api.example.com/v1/me', 'b.example/x']);
      expect(t.wr.send).toHaveLength(0);
      t.clock.advance(2 * STORM_WINDOW_MS);
      expect(t.wr.send.map((l) => l.extra)).toEqual([
        ['requestHeaders'],
        ['requestHeaders', 'extraHeaders'],
      ]);
      expect(t.wr.send[1]!.filter.urls).toContain('*://b.example/x');
      const n = t.got.length;
      storm(t, 1, 1000);
      expect(t.got[n]!.inStorm).toBeUndefined();
      expect(t.got[n]!.exchange.requestHeaders).toEqual([AUTH]);
    });

    it('a request sent before the storm keeps what it carried', () => {
      const t = setup();
      t.wr.fireSend(buildSendDetails({ requestId: 'early', requestHeaders: [AUTH] }));
      storm(t, STORM_ENTER + 5);
      t.wr.fireHeaders(buildHeadersDetails({ requestId: 'early' }));
      expect(t.got.at(-1)!.inStorm).toBeUndefined();
      expect(t.got.at(-1)!.exchange.requestHeaders).toEqual([AUTH]);
    });

    it('stopped in a storm, puts nothing back when it would have ended', () => {
      const t = setup();
      storm(t, STORM_ENTER);
      t.stop();
      t.clock.advance(2 * STORM_WINDOW_MS);
      expect(t.wr.send).toHaveLength(0);
      expect(t.wr.headers).toHaveLength(0);
    });
  });

  it('removes its listeners when stopped', () => {
    const { wr, stop, capture } = setup();
    capture.watchClosely(['api.example.com/v1/me']);
    stop();
    expect(wr.send).toHaveLength(0);
    expect(wr.headers).toHaveLength(0);
    expect(wr.errors).toHaveLength(0);
  });
});

describe('hostOf', () => {
  it('is the host and port, lower-cased, without user info, path, query or fragment', () => {
    expect(hostOf('https://API.example.com/v1/me?x=1')).toBe('api.example.com');
    expect(hostOf('http://127.0.0.1:8080?x=/y')).toBe('127.0.0.1:8080');
    expect(hostOf('https://user:s3cret@host.example#frag')).toBe('host.example');
    expect(hostOf('wss://[::1]:9000/socket')).toBe('[::1]:9000');
  });
});

describe('buildExchange', () => {
  it('decodes Firefox binary header values as Latin-1', () => {
    const ex = buildExchange(
      buildHeadersDetails(
        {
          responseHeaders: [
            { name: 'WWW-Authenticate', binaryValue: [66, 97, 115, 105, 99, 32, 233] },
          ],
        },
        'firefox',
      ),
      undefined,
    );
    expect(ex.responseHeaders[0]).toEqual({ name: 'WWW-Authenticate', value: 'Basic é' });
  });

  it('splits the repeated fields Firefox joins with a newline (Negotiate and NTLM)', () => {
    const ex = buildExchange(
      buildHeadersDetails(
        { responseHeaders: [{ name: 'www-authenticate', value: 'Negotiate\nNTLM' }] },
        'firefox',
      ),
      undefined,
    );
    expect(ex.responseHeaders).toEqual([
      { name: 'www-authenticate', value: 'Negotiate' },
      { name: 'www-authenticate', value: 'NTLM' },
    ]);
  });

  it('has no status text for an HTTP/2 status line', () => {
    const ex = buildExchange(
      buildHeadersDetails({ statusLine: 'HTTP/2.0 401 ' }, 'firefox'),
      undefined,
    );
    expect(ex.statusText).toBeUndefined();
  });
});
