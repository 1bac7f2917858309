import { describe, expect, it } from 'vitest';
import { extractEvidence } from './evidence.ts';
import { diagnose } from './diagnose.ts';
import { exchange, jwt, T0 } from './testing/build.ts';
import type { Exchange } from './types.ts';

const TOKEN = jwt({ exp: T0 / 1000 - 600, aud: 'https://api.example.com', sub: 'alice' });
const PASSWORD_B64 = btoa('alice:correct-horse-battery');
const COOKIE_VALUE = 'sess-9f8e7d6c5b4a39281706';
const API_KEY = 'sk_live_51HxExampleKeyValue000';

function assertNoSecrets(ex: Exchange, secrets: string[]): void {
  const ev = extractEvidence(ex);
  const out = JSON.stringify(ev) + JSON.stringify(diagnose(ev, [ev]));
  for (const s of secrets) expect(out).not.toContain(s);
}

describe('extractEvidence', () => {
  it('keeps the fields the UI reads, and no secret', () => {
    const ex = exchange({
      url: `https://api.example.com/v1/me?access_token=${TOKEN}&api_key=${API_KEY}&page=2`,
      req: {
        Authorization: `Bearer ${TOKEN}`,
        Cookie: `sid=${COOKIE_VALUE}; theme=dark`,
        'X-API-Key': API_KEY,
      },
      res: {
        'WWW-Authenticate': 'Bearer realm="api", error="invalid_token"',
        'Set-Cookie': `sid=${COOKIE_VALUE}; Secure`,
      },
      body: JSON.stringify({ error: 'invalid_token', echo: `you sent ${TOKEN} and ${API_KEY}` }),
    });
    const ev = extractEvidence(ex);
    expect(ev).toMatchObject({
      method: 'GET',
      status: 401,
      origin: 'https://api.example.com',
      authScheme: 'Bearer',
      time: T0,
    });
    expect(ev.url).toContain('page=2');
    expect(ev.cookieNames).toEqual(['sid', 'theme']);
    expect(ev.apiKeyHeaders).toEqual(['X-API-Key']);
    expect(ev.apiKeyParams).toEqual(['access_token', 'api_key']);
    expect(ev.challenges[0]?.params.error).toBe('invalid_token');
    expect(ev.setCookieNames).toEqual(['sid']);
    expect(ev.jwt?.exp).toBe(T0 / 1000 - 600);
    expect(JSON.parse(JSON.stringify(ev))).toEqual(JSON.parse(JSON.stringify(ev))); // plain JSON
    assertNoSecrets(ex, [TOKEN, TOKEN.split('.')[1] as string, API_KEY, COOKIE_VALUE, 'alice']);
  });

  it('never shows a Basic password (nor its base64)', () => {
    const ex = exchange({
      req: { Authorization: `Basic ${PASSWORD_B64}` },
      res: { 'WWW-Authenticate': 'Basic realm="x"' },
    });
    assertNoSecrets(ex, [PASSWORD_B64, 'correct-horse-battery', PASSWORD_B64.slice(0, 4)]);
  });

  it('is bounded for a 1 MiB header and a 1 MiB body', () => {
    const huge = 'x'.repeat(1024 * 1024);
    const ex = exchange({
      req: { Authorization: `Bearer ${huge}`, 'X-Api-Key': huge },
      res: {
        'WWW-Authenticate': [
          `Bearer realm="${huge}"`,
          ...Array.from({ length: 50 }, (_, i) => `S${i} a=b`),
        ],
        'X-Amzn-ErrorType': huge,
      },
      body: JSON.stringify({
        message: huge,
        list: Array.from({ length: 500 }, (_, i) => ({ i, v: huge.slice(0, 1000) })),
      }),
    });
    const ev = extractEvidence(ex);
    expect(JSON.stringify(ev).length).toBeLessThan(16 * 1024);
    expect(ev.challenges.length).toBeLessThanOrEqual(20);
  });

  it('reads Chrome HTTP/2 lower-case names and pseudo-headers', () => {
    const ex: Exchange = {
      method: 'GET',
      url: 'https://www.example.com/api',
      status: 401,
      requestHeaders: [
        { name: ':authority', value: 'www.example.com' },
        { name: ':method', value: 'GET' },
        { name: 'authorization', value: `bearer ${TOKEN}` },
      ],
      responseHeaders: [
        { name: 'www-authenticate', value: 'Bearer realm="x"' },
        { name: 'date', value: new Date(T0).toUTCString() },
      ],
      source: 'har-browser',
    };
    const ev = extractEvidence(ex);
    expect(ev.authScheme).toBe('bearer');
    expect(ev.serverDate).toBe(T0);
    expect(ev.challenges[0]?.scheme).toBe('Bearer');
  });

  it('marks redacted or stripped credentials as unknown (HAR saved without sensitive data)', () => {
    const redacted = extractEvidence(
      exchange({ req: { Authorization: '[REDACTED]' }, source: 'har' }),
    );
    expect(redacted.requestHeadersComplete).toBe(false);
    expect(redacted.authRedacted).toBe(true);
    const emptied = extractEvidence(exchange({ req: { Cookie: '' }, source: 'har-browser' }));
    expect(emptied.requestHeadersComplete).toBe(false);
    // cookies listed in the HAR's cookies array but no Cookie header: the header was stripped
    const stripped = extractEvidence(
      exchange({ requestCookieNames: ['sid'], source: 'har-browser' }),
    );
    expect(stripped.requestHeadersComplete).toBe(false);
    expect(stripped.cookieNames).toEqual(['sid']);
    const none = extractEvidence({
      method: 'GET',
      url: 'https://a.example/',
      status: 401,
      requestHeaders: [],
      responseHeaders: [],
    });
    expect(none.requestHeadersComplete).toBe(false);
    expect(none.cookieNames).toBeNull();
    expect(
      extractEvidence(exchange({ requestHeadersComplete: false })).requestHeadersComplete,
    ).toBe(false);
  });

  it('Firefox shapes: server spelling of names, startedDateTime as ms', () => {
    const ev = extractEvidence(
      exchange({
        startedDateTime: T0 + 5,
        req: { 'Proxy-Authorization': 'Basic Zm9vOmJhcg==' },
        status: 407,
        res: { 'Proxy-Authenticate': 'Basic realm="proxy"' },
      }),
    );
    expect(ev.time).toBe(T0 + 5);
    expect(ev.proxyAuthScheme).toBe('Basic');
    expect(ev.challengeHeader).toBe('Proxy-Authenticate');
    expect(ev.challenges[0]?.params.realm).toBe('proxy');
  });

  it('never throws on nonsense', () => {
    expect(() => extractEvidence({} as Exchange)).not.toThrow();
    expect(() =>
      extractEvidence({
        method: 1,
        url: null,
        status: 'x',
        requestHeaders: [null],
        responseHeaders: 'x',
      } as unknown as Exchange),
    ).not.toThrow();
  });
});
