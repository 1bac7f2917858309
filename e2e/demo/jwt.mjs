// Demo JWTs, made at request time so `exp`/`nbf` are always relative to now.
// Signed with HS256 and a per-process random key: well-formed, verifiable by
// this server, worthless anywhere else. Why 401 only reads the claims.
import { createHmac, randomBytes } from 'node:crypto';

const key = randomBytes(32);

const b64url = (data) => Buffer.from(data).toString('base64url');

/** @param {Record<string, unknown>} claims */
export function makeJwt(claims) {
  const head = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const body = b64url(JSON.stringify(claims));
  const sig = createHmac('sha256', key).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${sig}`;
}

/**
 * Decodes and checks a token the way a resource server would.
 * @returns {{ ok: true, claims: Record<string, any> } | { ok: false, reason: 'malformed' | 'signature' }}
 */
export function readJwt(token) {
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, reason: 'malformed' };
  const [head, body, sig] = parts;
  let claims;
  try {
    claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const good = createHmac('sha256', key).update(`${head}.${body}`).digest('base64url');
  if (good !== sig) return { ok: false, reason: 'signature' };
  return { ok: true, claims };
}

/** Seconds since the epoch, the unit of JWT time claims. */
export const nowSeconds = () => Math.floor(Date.now() / 1000);
