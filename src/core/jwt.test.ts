import { describe, expect, it } from 'vitest';
import { decodeJwt, looksLikeJwt } from './jwt.ts';
import { jwt } from './testing/build.ts';

describe('decodeJwt', () => {
  it('reads exp/nbf/iat/aud/iss/scope without verifying', () => {
    const c = decodeJwt(
      jwt({
        exp: 10,
        nbf: 5,
        iat: 4,
        aud: 'https://a.example',
        iss: 'https://idp',
        scope: 'read write',
        sub: 'user-123456789',
      }),
    );
    expect(c).toMatchObject({
      alg: 'RS256',
      exp: 10,
      nbf: 5,
      iat: 4,
      aud: ['https://a.example'],
      iss: 'https://idp',
      scope: ['read', 'write'],
    });
    expect(c?.sub).not.toContain('user-123456789');
  });
  it('accepts "Bearer <jwt>", aud arrays, scp arrays and Docker access lists', () => {
    const c = decodeJwt(
      `Bearer ${jwt({ aud: ['x', 'y'], scp: ['a'], access: [{ type: 'repository', name: 'r', actions: ['pull'] }] })}`,
    );
    expect(c?.aud).toEqual(['x', 'y']);
    expect(c?.scope).toEqual(['a', 'repository:r:pull']);
  });
  it('returns undefined for non-JWTs and garbage, never throws', () => {
    for (const v of [
      '',
      'undefined',
      'ghp_abc',
      'eyJ.eyJ.x',
      'eyJhbGciOiJIUzI1NiJ9.!!!.x',
      'a.b.c',
      `${'eyJ'}${'A'.repeat(20000)}.a.b`,
    ]) {
      expect(() => decodeJwt(v)).not.toThrow();
    }
    expect(decodeJwt('not a token')).toBeUndefined();
    expect(looksLikeJwt(jwt({}))).toBe(true);
  });
});
