import { describe, expect, it } from 'vitest';
import { buildExchange, MAX_IN_FLIGHT, startCapture, type Captured } from './capture.ts';
import { buildHeadersDetails, buildSendDetails, fakeWebRequest } from './testing/build-details.ts';

const statuses = new Set([401, 407]);

function setup(firefox = false) {
  const wr = fakeWebRequest();
  const got: Captured[] = [];
  const stop = startCapture(wr, { statuses, firefox, onCapture: (c) => got.push(c) });
  return { wr, got, stop };
}

describe('startCapture', () => {
  it('asks Chrome for extraHeaders (Cookie, CORS preflights) and Firefox for none (it rejects them)', () => {
    const chrome = setup(false);
    expect(chrome.wr.send[0]?.extra).toEqual(['requestHeaders', 'extraHeaders']);
    expect(chrome.wr.headers[0]?.extra).toEqual(['responseHeaders', 'extraHeaders']);
    const firefox = setup(true);
    expect(firefox.wr.send[0]?.extra).toEqual(['requestHeaders']);
    expect(firefox.wr.headers[0]?.extra).toEqual(['responseHeaders']);
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

  it('removes its listeners when stopped', () => {
    const { wr, stop } = setup();
    stop();
    expect(wr.send).toHaveLength(0);
    expect(wr.headers).toHaveLength(0);
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
