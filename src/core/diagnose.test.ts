import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { diagnose } from './diagnose.ts';
import { extractEvidence } from './evidence.ts';
import { exchange, httpDate, jwt, T0 } from './testing/build.ts';
import { CAUSE_IDS, type Cause, type Exchange } from './types.ts';

const run = (ex: Exchange, others: Exchange[] = []): Cause[] =>
  diagnose(extractEvidence(ex), others.map(extractEvidence));
const ids = (c: Cause[]) => c.map((x) => x.id);
const top = (c: Cause[]) => c[0]?.id;
const s = T0 / 1000;
const bearer = (claims: Record<string, unknown>) => ({ Authorization: `Bearer ${jwt(claims)}` });

describe('diagnose: one rule at a time', () => {
  it('no-credentials: nothing sent, a challenge', () => {
    const c = run(exchange({ res: { 'WWW-Authenticate': 'Basic realm="x"' } }));
    expect(top(c)).toBe('no-credentials');
    expect(c[0]?.evidence.join()).toMatch(/no Authorization header/);
  });
  it('no-credentials is "unknown" with low confidence when headers are incomplete', () => {
    const c = run(
      exchange({ requestHeadersComplete: false, res: { 'WWW-Authenticate': 'Bearer' } }),
    );
    expect(top(c)).toBe('no-credentials');
    expect(c[0]?.confidence).toBeLessThan(0.5);
    expect(c[0]?.summary).toMatch(/does not show/);
  });
  it('credentials-rejected: Basic sent and Basic challenged again', () => {
    expect(
      top(
        run(
          exchange({
            req: { Authorization: 'Basic Zm9vOmJhcg==' },
            res: { 'WWW-Authenticate': 'Basic realm="x"' },
          }),
        ),
      ),
    ).toBe('credentials-rejected');
  });
  it('credentials-rejected: an API key header and "Invalid API key"', () => {
    const c = run(
      exchange({
        req: { 'x-api-key': 'k-1234567890' },
        body: '{"error":{"message":"Incorrect API key provided: k-12****"}}',
      }),
    );
    expect(top(c)).toBe('credentials-rejected');
    expect(ids(c)).toContain('missing-challenge');
  });
  it('token-expired from the JWT exp vs the Date header', () => {
    const c = run(
      exchange({ req: bearer({ exp: s - 180 }), res: { 'WWW-Authenticate': 'Bearer' } }),
    );
    expect(top(c)).toBe('token-expired');
    expect(c[0]?.summary).toContain('3 minutes');
  });
  it('token-expired from RFC 6750 error_description', () => {
    const c = run(
      exchange({
        req: { Authorization: 'Bearer opaque-token-1234567' },
        res: {
          'WWW-Authenticate':
            'Bearer error="invalid_token", error_description="The access token expired"',
        },
      }),
    );
    expect(top(c)).toBe('token-expired');
  });
  it('token-not-yet-valid: nbf after Date beyond leeway, but not within it', () => {
    expect(
      top(
        run(
          exchange({
            req: bearer({ nbf: s + 300, exp: s + 3600 }),
            res: { 'WWW-Authenticate': 'Bearer' },
          }),
        ),
      ),
    ).toBe('token-not-yet-valid');
    expect(
      ids(
        run(
          exchange({
            req: bearer({ nbf: s + 30, exp: s + 3600 }),
            res: { 'WWW-Authenticate': 'Bearer' },
          }),
        ),
      ),
    ).not.toContain('token-not-yet-valid');
  });
  it('token-invalid: invalid_token without expiry; a placeholder token', () => {
    expect(
      top(
        run(
          exchange({
            req: bearer({ exp: s + 600 }),
            res: {
              'WWW-Authenticate':
                'Bearer error="invalid_token", error_description="signature is invalid"',
            },
          }),
        ),
      ),
    ).toBe('token-invalid');
    const c = run(
      exchange({
        req: { Authorization: 'Bearer undefined' },
        res: { 'WWW-Authenticate': 'Bearer' },
      }),
    );
    expect(top(c)).toBe('token-invalid');
    expect(c[0]?.summary).toContain('Bearer undefined');
  });
  it('token-wrong-audience on loopback only for another local service (a dev proxy may forward)', () => {
    const local = (aud: string) =>
      ids(
        run(
          exchange({
            url: 'http://127.0.0.1:4010/api/me',
            req: bearer({ aud, exp: s + 3600 }),
            res: { 'WWW-Authenticate': 'Bearer error="invalid_token"' },
          }),
        ),
      );
    expect(local('http://localhost:5001')[0]).toBe('token-wrong-audience');
    expect(local('http://127.0.0.1:4010')).not.toContain('token-wrong-audience');
    expect(local('https://api.example.com')).not.toContain('token-wrong-audience');
  });

  it('token-wrong-audience: aud for another host; not for api:// or GUID audiences', () => {
    expect(
      top(
        run(
          exchange({
            req: bearer({ exp: s + 600, aud: 'https://other.example.org' }),
            res: { 'WWW-Authenticate': 'Bearer error="invalid_token"' },
          }),
        ),
      ),
    ).toBe('token-wrong-audience');
    for (const aud of [
      'api://my-api',
      '6e74172b-be56-4843-9ff4-e66a39bb12e3',
      'account',
      'https://api.example.com/',
      'example.com',
    ]) {
      expect(
        ids(
          run(
            exchange({ req: bearer({ exp: s + 600, aud }), res: { 'WWW-Authenticate': 'Bearer' } }),
          ),
        ),
      ).not.toContain('token-wrong-audience');
    }
  });
  it('insufficient-scope: error=insufficient_scope, and token scopes short of the challenge scope', () => {
    expect(
      top(
        run(
          exchange({
            req: bearer({ exp: s + 600 }),
            res: { 'WWW-Authenticate': 'Bearer error="insufficient_scope", scope="admin"' },
          }),
        ),
      ),
    ).toBe('insufficient-scope');
    expect(
      top(
        run(
          exchange({
            req: bearer({ exp: s + 600, scope: 'read' }),
            res: { 'WWW-Authenticate': 'Bearer realm="x", scope="read write"' },
          }),
        ),
      ),
    ).toBe('insufficient-scope');
  });
  it('scheme-mismatch: Basic vs Bearer, bare token, Token vs Bearer, Bearer vs DRF Token', () => {
    const cases: [string, string][] = [
      ['Basic Zm9vOmJhcg==', 'Bearer realm="x"'],
      [jwt({ exp: s + 600 }), 'Bearer'],
      ['Token abcdef0123456789', 'Bearer'],
      ['JWT abcdef0123456789', 'Bearer realm="api"'],
      ['Bearer abcdef0123456789', 'Token'],
    ];
    for (const [auth, ch] of cases)
      expect(
        top(run(exchange({ req: { Authorization: auth }, res: { 'WWW-Authenticate': ch } }))),
      ).toBe('scheme-mismatch');
  });
  it('session-expired: a session cookie sent, no challenge', () => {
    const c = run(
      exchange({
        req: { Cookie: 'laravel_session=abcdefgh12345' },
        body: '{"message":"Unauthenticated."}',
      }),
    );
    expect(top(c)).toBe('session-expired');
    expect(ids(c)).toContain('missing-challenge');
  });
  it('cookie-not-sent: the jar has cookies, none were sent (browser only)', () => {
    const c = run(
      exchange({
        cookieJarNames: ['sid'],
        source: 'browser',
        res: { 'WWW-Authenticate': 'Bearer' },
      }),
    );
    expect(top(c)).toBe('cookie-not-sent');
    expect(ids(run(exchange({ res: { 'WWW-Authenticate': 'Bearer' } })))).not.toContain(
      'cookie-not-sent',
    );
  });
  describe('Cookie header hidden from the recorder (Chrome without extraHeaders)', () => {
    const hidden = (o: Partial<Exchange> & { req?: Record<string, string> }) =>
      run(
        exchange({
          source: 'browser',
          requestHeadersComplete: true,
          cookieHeaderHidden: true,
          res: { 'WWW-Authenticate': 'Bearer realm="app"' },
          ...o,
        }),
      );
    it('an empty jar sent nothing: no-credentials, as certain as with the header seen', () => {
      const c = hidden({ cookieJarNames: [] });
      expect(top(c)).toBe('no-credentials');
      expect(c[0]?.confidence).toBeGreaterThanOrEqual(0.8);
    });
    it('a same-origin request with a session cookie in the jar: session-expired first, cookie-not-sent next', () => {
      const c = hidden({
        cookieJarNames: ['demo_session'],
        initiatorOrigin: 'https://api.example.com',
      });
      expect(ids(c).slice(0, 2)).toEqual(['session-expired', 'cookie-not-sent']);
      expect(c[0]?.summary).toMatch(/if they went/);
      expect(c[0]?.evidence.join()).toMatch(/Chrome hides/);
      expect(ids(c)).not.toContain('no-credentials'); // never claimed: cookies may have gone
    });
    it('a cross-origin fetch: cookie-not-sent first (cookies go only with credentials: include)', () => {
      const c = hidden({ cookieJarNames: ['sid'], initiatorOrigin: 'https://app.example.com' });
      expect(ids(c).slice(0, 2)).toEqual(['cookie-not-sent', 'session-expired']);
    });
    it('Authorization is still seen: the hidden Cookie does not change a token diagnosis', () => {
      const c = hidden({
        cookieJarNames: ['sid'],
        req: bearer({ exp: s - 600, iat: s - 4200 }),
      });
      expect(top(c)).toBe('token-expired');
    });
  });
  it('digest-stale: stale=true ranks first even if the page says "wrong credentials"', () => {
    const c = run(
      exchange({
        req: {
          Authorization: 'Digest username="a", realm="r", nonce="n", uri="/", response="abcdef"',
        },
        res: { 'WWW-Authenticate': 'Digest realm="r", nonce="m", qop="auth", stale=TRUE' },
        body: '<html><body>you supplied the wrong credentials</body></html>',
        mime: 'text/html',
      }),
    );
    expect(top(c)).toBe('digest-stale');
    expect(ids(c)).not.toContain('credentials-rejected');
  });
  it('negotiate-failed: only Negotiate/NTLM; also after an NTLM type-1', () => {
    expect(top(run(exchange({ res: { 'WWW-Authenticate': ['Negotiate', 'NTLM'] } })))).toBe(
      'negotiate-failed',
    );
    const c = run(
      exchange({
        req: { Authorization: 'NTLM TlRMTVNTUAABAAAAB4IIogAAAAAAAAAAAAAAAAAAAAAGAbEdAAAADw==' },
        res: { 'WWW-Authenticate': 'NTLM' },
      }),
    );
    expect(top(c)).toBe('negotiate-failed');
    expect(c[0]?.evidence.join()).toMatch(/type 1/);
  });
  it('cors-preflight: OPTIONS with Access-Control-Request-Method; no insecure-transport on localhost', () => {
    const c = run(
      exchange({
        method: 'OPTIONS',
        url: 'http://localhost:5000/x',
        req: { 'Access-Control-Request-Method': 'GET', Origin: 'http://localhost:3000' },
      }),
    );
    expect(top(c)).toBe('cors-preflight');
    expect(ids(c)).toContain('missing-challenge');
    expect(ids(c)).not.toContain('insecure-transport');
    expect(ids(c)).not.toContain('no-credentials');
  });
  it('auth-loop: ≥3 identical 401s within 10 s, counting only earlier ones', () => {
    const at = (ms: number) =>
      exchange({
        startedDateTime: new Date(T0 + ms).toISOString(),
        req: { Authorization: 'Bearer opaque-token-1234567' },
        res: { 'WWW-Authenticate': 'Bearer' },
      });
    const target = at(2000);
    expect(ids(run(target, [at(0), at(1000)]))).toContain('auth-loop');
    expect(ids(run(target, [at(0)]))).not.toContain('auth-loop');
    expect(ids(run(target, [at(3000), at(4000)]))).not.toContain('auth-loop'); // later ones do not count
    expect(ids(run(target, [at(-20000), at(-15000)]))).not.toContain('auth-loop'); // outside the window
  });
  it('proxy-auth-required: 407 first, Proxy-Authenticate is its challenge', () => {
    const c = run(exchange({ status: 407, res: { 'Proxy-Authenticate': 'Basic realm="Squid"' } }));
    expect(top(c)).toBe('proxy-auth-required');
    expect(ids(c)).not.toContain('missing-challenge');
    expect(ids(run(exchange({ status: 407 })))).toContain('missing-challenge');
  });
  it('missing-challenge leads only when nothing else explains; is reported otherwise', () => {
    // Nothing known of what went (headers incomplete): the server's defect is all there is.
    expect(top(run(exchange({ requestHeadersComplete: false })))).toBe('missing-challenge');
    // A token in date and a bare 401: nothing is known but the defect, which
    // leads (causes.md); that the 401 refused the token (RFC 9110 §15.5.2) is
    // listed right after it.
    const bare = run(exchange({ req: bearer({ exp: s + 600 }) }));
    expect(top(bare)).toBe('missing-challenge');
    expect(bare[1]?.id).toBe('token-invalid');
    expect(bare[1]?.summary).toMatch(/nothing in the exchange says why/);
    // Never claims expiry for it.
    expect(ids(bare)).not.toContain('token-expired');
    const c = run(exchange({ req: bearer({ exp: s - 600 }) }));
    expect(top(c)).toBe('token-expired');
    expect(ids(c)).toContain('missing-challenge');
  });
  it('malformed-challenge: reported with the parser problems', () => {
    const c = run(
      exchange({ res: { 'WWW-Authenticate': 'token: false, info: token is not found' } }),
    );
    expect(ids(c)).toContain('malformed-challenge');
    expect(top(c)).toBe('no-credentials');
  });
  it('insecure-transport: credentials over http to a non-loopback host only', () => {
    const basic = {
      req: { Authorization: 'Basic Zm9vOmJhcg==' },
      res: { 'WWW-Authenticate': 'Basic realm="x"' },
    };
    expect(ids(run(exchange({ url: 'http://ci.example.org/', ...basic })))).toContain(
      'insecure-transport',
    );
    for (const host of ['localhost', '127.0.0.2', '[::1]', 'app.localhost']) {
      expect(ids(run(exchange({ url: `http://${host}:8080/`, ...basic })))).not.toContain(
        'insecure-transport',
      );
    }
    expect(
      ids(run(exchange({ url: 'http://ci.example.org/', res: { 'WWW-Authenticate': 'Basic' } }))),
    ).not.toContain('insecure-transport');
  });
});

describe('diagnose: time (causes.md)', () => {
  afterEach(() => vi.useRealTimers());
  it('same exchange, same result whatever the system clock says', () => {
    const ex = exchange({
      req: bearer({ exp: s - 60 * 11, nbf: s - 3600 }),
      res: { 'WWW-Authenticate': 'Bearer' },
    });
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2020-01-01T00:00:00Z'));
    const a = run(ex);
    vi.setSystemTime(new Date('2031-07-01T00:00:00Z'));
    const b = run(ex);
    expect(a).toEqual(b);
    expect(top(a)).toBe('token-expired');
  });
  it('falls back to the request start when there is no Date header', () => {
    const ex = exchange({ req: bearer({ exp: s - 600 }), res: { 'WWW-Authenticate': 'Bearer' } });
    ex.responseHeaders = ex.responseHeaders.filter((h) => h.name !== 'Date');
    expect(top(run(ex))).toBe('token-expired');
    ex.responseHeaders.push({ name: 'Date', value: httpDate(T0 - 3600_000) }); // Date wins over start
    expect(top(run(ex))).not.toBe('token-expired');
  });
});

describe('diagnose: contract (property)', () => {
  const header = fc.record({
    name: fc.constantFrom(
      'Authorization',
      'Cookie',
      'X-Api-Key',
      'Origin',
      'Access-Control-Request-Method',
      'X',
    ),
    value: fc.string({ maxLength: 80 }),
  });
  const resHeader = fc.record({
    name: fc.constantFrom(
      'WWW-Authenticate',
      'Proxy-Authenticate',
      'Date',
      'Location',
      'Content-Type',
      'x-amzn-ErrorType',
    ),
    value: fc.string({ maxLength: 80 }),
  });
  const ex = fc.record({
    method: fc.constantFrom('GET', 'POST', 'OPTIONS'),
    url: fc.oneof(fc.webUrl(), fc.string({ maxLength: 40 })),
    status: fc.constantFrom(401, 407),
    startedDateTime: fc.oneof(
      fc.constant(undefined),
      fc.integer({ min: 0, max: 4e12 }),
      fc.string({ maxLength: 30 }),
    ),
    requestHeaders: fc.array(header, { maxLength: 6 }),
    responseHeaders: fc.array(resHeader, { maxLength: 6 }),
    responseBody: fc.option(
      fc.record({
        text: fc.oneof(fc.string({ maxLength: 200 }), fc.json()),
        mimeType: fc.constantFrom('application/json', 'text/html', 'text/plain'),
      }),
      { nil: undefined },
    ),
  });
  it('never throws; non-empty, sorted, known ids, confidence in [0,1]', () => {
    fc.assert(
      fc.property(ex, fc.array(ex, { maxLength: 3 }), (target, others) => {
        const c = diagnose(
          extractEvidence(target as Exchange),
          others.map((o) => extractEvidence(o as Exchange)),
        );
        expect(c.length).toBeGreaterThan(0);
        for (let i = 0; i < c.length; i++) {
          const x = c[i] as Cause;
          expect(CAUSE_IDS).toContain(x.id);
          expect(x.confidence).toBeGreaterThanOrEqual(0);
          expect(x.confidence).toBeLessThanOrEqual(1);
          expect(x.summary.length).toBeGreaterThan(0);
          if (i > 0) expect(x.confidence).toBeLessThanOrEqual((c[i - 1] as Cause).confidence);
        }
        expect(new Set(ids(c)).size).toBe(c.length);
      }),
      { seed: 20240614, numRuns: 500 },
    );
  });
  it("uses the caller's Translate, falling back to English for missing keys", () => {
    const c = diagnose(extractEvidence(exchange()), [], {
      t: (k) => (k.startsWith('cause_') ? `T:${k}` : ''),
    });
    expect(c[0]?.summary).toMatch(/^T:cause_/);
    expect(c[0]?.fixes[0]?.length).toBeGreaterThan(5);
  });
});

describe('diagnose: stored Evidence', () => {
  it('copes with partial or older stored Evidence', () => {
    const partial = {
      method: 'GET',
      url: 'https://a.test/x',
      status: 401,
    } as unknown as ReturnType<typeof extractEvidence>;
    const c = diagnose(partial, [partial]);
    expect(c.length).toBeGreaterThan(0);
    expect(c[0]?.confidence).toBeLessThanOrEqual(0.55); // nothing known: low confidence
  });
});
