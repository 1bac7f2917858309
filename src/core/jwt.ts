// Reads a JWT's header and claims (RFC 7519) without verifying anything: the
// engine only needs exp/nbf/iat/aud/iss/scope to explain a 401, and never
// sends the token anywhere. Only non-secret claims are kept.
import type { JwtClaims } from './types.ts';

/** Upper bound on what we decode: real JWTs are a few KB; a 1 MiB header is not a JWT worth reading. */
const MAX_JWT = 16 * 1024;

function b64urlDecode(s: string): string | undefined {
  if (!/^[A-Za-z0-9_-]*={0,2}$/.test(s)) return undefined;
  const b64 = s.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
  const padded = b64 + '='.repeat((4 - (b64.length % 4)) % 4);
  try {
    // atob exists in browsers, service workers and Node ≥ 16: no Node API needed.
    const bin = atob(padded);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  } catch {
    return undefined;
  }
}

function parseObject(s: string | undefined): Record<string, unknown> | undefined {
  if (s === undefined) return undefined;
  try {
    const v: unknown = JSON.parse(s);
    return v && typeof v === 'object' && !Array.isArray(v)
      ? (v as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

const num = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) ? v : undefined;
const str = (v: unknown, max = 200): string | undefined =>
  typeof v === 'string' ? v.slice(0, max) : undefined;

/** Whether a value has the shape of a JWS compact serialisation (three base64url parts, header starts "eyJ"). */
export function looksLikeJwt(value: string): boolean {
  const v = value.trim();
  if (v.length > MAX_JWT || !v.startsWith('eyJ')) return false;
  const parts = v.split('.');
  return parts.length === 3 || parts.length === 5; // JWS, or JWE (RFC 7516) whose claims we cannot read
}

/**
 * Decodes a JWT's claims; undefined when the value is not a JWT. Accepts the
 * bare token or "Bearer <token>". Does not verify the signature (causes.md, Secrets).
 */
export function decodeJwt(value: string): JwtClaims | undefined {
  if (typeof value !== 'string') return undefined;
  let v = value.trim();
  const sp = v.indexOf(' ');
  if (sp > 0) v = v.slice(sp + 1).trim();
  if (!looksLikeJwt(v)) return undefined;
  const parts = v.split('.');
  const header = parseObject(b64urlDecode(parts[0] ?? ''));
  if (!header) return undefined;
  const out: JwtClaims = {};
  const alg = str(header.alg, 20);
  const typ = str(header.typ, 40);
  if (alg) out.alg = alg;
  if (typ) out.typ = typ;
  if (parts.length === 5) return out; // encrypted: claims unreadable
  const claims = parseObject(b64urlDecode(parts[1] ?? ''));
  if (!claims) return out;
  // RFC 7519 NumericDate is seconds. A value past 1e11 (the year 5138) is
  // milliseconds by mistake: said as such, not read as a date.
  const seconds = (v: unknown): number | undefined => {
    const n = num(v);
    if (n !== undefined && n > 1e11) {
      out.millisecondDates = true;
      return undefined;
    }
    return n;
  };
  const exp = seconds(claims.exp);
  const nbf = seconds(claims.nbf);
  const iat = seconds(claims.iat);
  if (exp !== undefined) out.exp = exp;
  if (nbf !== undefined) out.nbf = nbf;
  if (iat !== undefined) out.iat = iat;
  // aud is a string or an array of strings (RFC 7519 §4.1.3).
  const aud = claims.aud;
  if (typeof aud === 'string') out.aud = [aud.slice(0, 200)];
  else if (Array.isArray(aud))
    out.aud = aud
      .filter((a): a is string => typeof a === 'string')
      .slice(0, 10)
      .map((a) => a.slice(0, 200));
  const iss = str(claims.iss);
  if (iss) out.iss = iss;
  const scope = scopesOf(claims);
  if (scope) out.scope = scope;
  const payloadTyp = typeof claims.typ === 'string' ? claims.typ.toLowerCase() : '';
  const oidc = ['nonce', 'at_hash', 'c_hash'].some((k) => typeof claims[k] === 'string');
  if (
    (payloadTyp === 'id' || oidc) &&
    !scope &&
    claims.roles === undefined &&
    !/^(application\/)?at\+jwt$/i.test(typ ?? '')
  )
    out.idToken = true;
  const sub = str(claims.sub);
  if (sub) out.sub = sub.length > 8 ? `${sub.slice(0, 4)}… (${sub.length} chars)` : '…';
  return out;
}

/**
 * Scopes a token grants, from the claims issuers actually use: `scope`
 * (space-separated, RFC 8693 §4.2), `scp` (Azure AD, Okta: string or array),
 * `roles`, and the Docker registry token's `access` list (type:name:actions).
 */
function scopesOf(c: Record<string, unknown>): string[] | undefined {
  const out: string[] = [];
  const add = (v: unknown): void => {
    if (typeof v === 'string') {
      for (const s of v.split(/\s+/)) if (s) out.push(s.slice(0, 100));
    } else if (Array.isArray(v)) {
      for (const s of v) if (typeof s === 'string') out.push(s.slice(0, 100));
    }
  };
  add(c.scope);
  add(c.scp);
  add(c.roles);
  if (Array.isArray(c.access)) {
    for (const a of c.access.slice(0, 20)) {
      if (!a || typeof a !== 'object') continue;
      const { type, name, actions } = a as Record<string, unknown>;
      if (typeof type !== 'string' || typeof name !== 'string') continue;
      const acts = Array.isArray(actions) ? actions.filter((x) => typeof x === 'string') : [];
      out.push(`${type}:${name}:${acts.join(',')}`.slice(0, 200));
    }
  }
  return out.length ? out.slice(0, 40) : undefined;
}
