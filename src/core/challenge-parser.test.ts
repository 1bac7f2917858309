import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseChallenges } from './challenge-parser.ts';

const one = (v: string) => parseChallenges([v]);

describe('parseChallenges: RFC 9110 §11', () => {
  it('parses the RFC 9110 §11.6.1 example with two challenges in one field', () => {
    const r = one(
      'Newauth realm="apps", type=1, title="Login to \\"apps\\"", Basic realm="simple"',
    );
    expect(r.malformed).toBe(false);
    expect(r.challenges).toHaveLength(2);
    expect(r.challenges[0]).toMatchObject({
      scheme: 'Newauth',
      params: { realm: 'apps', type: '1', title: 'Login to "apps"' },
    });
    expect(r.challenges[1]).toMatchObject({ scheme: 'Basic', params: { realm: 'simple' } });
  });

  it('joins challenges across repeated fields (§5.3)', () => {
    const r = parseChallenges(['Negotiate', 'NTLM']);
    expect(r.challenges.map((c) => c.scheme)).toEqual(['Negotiate', 'NTLM']);
    expect(r.malformed).toBe(false);
  });

  it('reads token68 (§11.2), with padding', () => {
    const r = one('Negotiate YIIGhgYGKwYBBQUCoIIGejCCBnag==');
    expect(r.challenges[0]).toMatchObject({
      scheme: 'Negotiate',
      token68: 'YIIGhgYGKwYBBQUCoIIGejCCBnag==',
    });
    expect(r.malformed).toBe(false);
  });

  it('handles quoted strings with escapes, commas and = inside', () => {
    const r = one('Bearer realm="a,b=c", error_description="say \\"hi\\" \\\\ bye"');
    expect(r.challenges[0]?.params).toMatchObject({
      realm: 'a,b=c',
      error_description: 'say "hi" \\ bye',
    });
  });

  it('lower-cases parameter names, keeps the scheme, allows BWS around = and empty list elements', () => {
    const r = one(' , BEARER  Realm = "x" ,, Error=invalid_token ,');
    expect(r.challenges).toHaveLength(1);
    expect(r.challenges[0]?.scheme).toBe('BEARER');
    expect(r.challenges[0]?.params).toMatchObject({ realm: 'x', error: 'invalid_token' });
    expect(r.malformed).toBe(false);
  });

  it('parses RFC 6750 §3 and RFC 7616 §3.9.1 examples', () => {
    const b = one(
      'Bearer realm="example", error="invalid_token", error_description="The access token expired"',
    );
    expect(b.challenges[0]?.params.error_description).toBe('The access token expired');
    const d = one(
      'Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=SHA-256, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"',
    );
    expect(d.challenges[0]?.params).toMatchObject({ qop: 'auth, auth-int', algorithm: 'SHA-256' });
  });

  it('bare schemes: "Bearer", "Token"', () => {
    expect(one('Bearer').challenges).toEqual([{ scheme: 'Bearer', params: {} }]);
    expect(one('Token').challenges[0]?.scheme).toBe('Token');
  });
});

describe('parseChallenges: lenient with real servers', () => {
  it('a comma right after the scheme: recovers the parameter, reports it', () => {
    const r = one('Basic, realm="x"');
    expect(r.challenges).toHaveLength(1);
    expect(r.challenges[0]?.params.realm).toBe('x');
    expect(r.malformed).toBe(true);
    expect(r.problems.join()).toMatch(/comma right after the scheme/);
  });

  it('unquoted values with spaces', () => {
    const r = one('Basic realm=My Private Area');
    expect(r.challenges[0]?.params.realm).toBe('My Private Area');
    expect(r.malformed).toBe(true);
  });

  it('unquoted value that is not a token (URL)', () => {
    const r = one('Bearer realm=https://auth.example.com/token');
    expect(r.challenges[0]?.params.realm).toBe('https://auth.example.com/token');
    expect(r.malformed).toBe(true);
  });

  it('[object Object] and passport-style "token: false, info: …" are not challenges', () => {
    for (const v of ['[object Object]', 'token: false, info: token is not found']) {
      const r = one(v);
      expect(r.malformed).toBe(true);
      expect(r.challenges).toEqual([]);
    }
  });

  it('a missing comma between challenges', () => {
    const r = one('Bearer realm="a" Basic realm="b"');
    expect(r.challenges.map((c) => c.scheme)).toEqual(['Bearer', 'Basic']);
    expect(r.malformed).toBe(true);
  });

  it('an unterminated quoted string', () => {
    const r = one('Bearer realm="oops');
    expect(r.challenges[0]?.params.realm).toBe('oops');
    expect(r.malformed).toBe(true);
  });

  it('a parameter with no scheme', () => {
    const r = one('realm="x"');
    expect(r.challenges).toEqual([]);
    expect(r.malformed).toBe(true);
  });
});

describe('parseChallenges: robustness and speed', () => {
  it('never throws, whatever the input (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 200 }), { maxLength: 4 }), (values) => {
        const r = parseChallenges(values);
        expect(Array.isArray(r.challenges)).toBe(true);
        expect(typeof r.malformed).toBe('boolean');
      }),
      { seed: 401, numRuns: 2000 },
    );
  });

  it('never throws on header-like strings (property)', () => {
    const piece = fc.constantFrom(
      'Bearer',
      'Basic',
      ' ',
      ',',
      '=',
      '"',
      '\\',
      'realm',
      'a',
      'x=y',
      '==',
      '\t',
      ':',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (parts) => {
        parseChallenges([parts.join('')]);
      }),
      { seed: 407, numRuns: 2000 },
    );
  });

  // Best of five (the first run of a shape includes JIT compilation; CI machines are noisy).
  const time = (v: string): number => {
    let best = Infinity;
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      parseChallenges([v]);
      best = Math.min(best, performance.now() - t0);
    }
    return best;
  };

  // Absolute speed is the benchmark's job (npm run bench: engine.parse64kMs); this test catches
  // catastrophic backtracking, which costs seconds, with a bound a loaded CI machine still meets.
  it('parses a 64 KiB header (also hostile ones) far below a second, and time grows about linearly', () => {
    const unit = 'Bearer realm="a, b", error=x, Basic realm=My Realm, [x], token: y, ';
    const make = (n: number) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
    time(make(65536)); // warm up
    const inputs = [
      make(65536),
      '"'.repeat(65536),
      'a '.repeat(32768),
      ',='.repeat(32768),
      'a'.repeat(65536),
      'Bearer ' + 'x=y '.repeat(16384),
    ];
    for (const v of inputs) expect(time(v)).toBeLessThan(500);
    const small = time(make(65536));
    const big = time(make(65536 * 8));
    expect(big / Math.max(small, 0.05)).toBeLessThan(32); // ×8 input: linear is ×8, quadratic would be ×64
  });
});
