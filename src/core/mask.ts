// The one masking module. Everything that shows or stores a credential goes
// through here, so "never a secret in any output" (causes.md, Secrets) is
// enforced in one place: a secret appears only as scheme + short prefix + length.
import type { MaskedSecret } from './types.ts';

/** How many characters of a secret may be shown. Enough to recognise "eyJh" (a JWT) or "ghp_". */
const PREFIX = 4;

/** Masks a secret value: `maskSecret('Bearer', 'eyJhbGci…')` → "Bearer eyJh… (812 chars)". */
export function maskSecret(scheme: string, value: string): MaskedSecret {
  const v = value ?? '';
  // Short values would be revealed almost whole by a prefix: show none of them.
  // Basic is base64("user:password"): even a prefix decodes to the user name. Show none of it.
  const shown = v.length >= 12 && scheme.toLowerCase() !== 'basic' ? v.slice(0, PREFIX) : '';
  const label = scheme ? `${scheme} ` : '';
  return { scheme, masked: `${label}${shown}… (${v.length} chars)`, length: v.length };
}

/**
 * Query parameters whose values are credentials or one-time secrets
 * (OAuth 2 `access_token` RFC 6750 §2.3, `code` RFC 6749 §4.1.2, SigV4
 * `X-Amz-Signature`, SAS `sig`, API keys). Compared lower-cased.
 */
const SECRET_PARAMS = new Set([
  'access_token',
  'refresh_token',
  'id_token',
  'token',
  'auth',
  'auth_token',
  'authtoken',
  'jwt',
  'api_key',
  'apikey',
  'api-key',
  'key',
  'sig',
  'signature',
  'code',
  'password',
  'passwd',
  'pwd',
  'secret',
  'client_secret',
  'session',
  'sessionid',
  'session_id',
  'x-amz-signature',
  'x-amz-credential',
  'x-amz-security-token',
  'x-goog-signature',
  'x-goog-credential',
  'private_token',
  'subscription-key',
]);

/** Query parameter names that look like credentials (not `state`, which is a CSRF nonce). */
export function isCredentialParam(name: string): boolean {
  const n = name.toLowerCase();
  if (n === 'code') return false; // an OAuth code is single-use: not a credential the server checks here
  return SECRET_PARAMS.has(n) || /(^|[_-])(token|api_?key|secret|password)$/.test(n);
}

function isSecretParam(name: string): boolean {
  const n = name.toLowerCase();
  return SECRET_PARAMS.has(n) || /(token|secret|password|passwd|signature|api_?key)/.test(n);
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

/** scheme://host (1), its host (2), and its path (3), up to any query or fragment. */
const ORIGIN_AND_PATH = /^([a-z][a-z0-9+.-]*:\/\/([^/?#]*))(\/[^?#]*)/i;

/**
 * A path segment that is a secret: Telegram's bot token (`bot123:AA…`), a
 * webhook's key (Slack, Discord), a JWT, or any long random-looking run of
 * upper- and lower-case letters and digits. Hex hashes and UUIDs (one
 * case) are ids, not secrets, and stay.
 */
export function isSecretPathSegment(seg: string): boolean {
  if (seg.length < 24 || seg.length > 4096) return false;
  if (/^bot\d{5,}:[A-Za-z0-9_-]{30,}$/.test(seg)) return true;
  if (/^eyJ[A-Za-z0-9_-]{6,}\.[A-Za-z0-9_-]{6,}/.test(seg)) return true;
  return /^[A-Za-z0-9_-]+$/.test(seg) && /[A-Z]/.test(seg) && /[a-z]/.test(seg) && /\d/.test(seg);
}

/**
 * The secret segments of a URL's path, decoded (to mask wherever they
 * reappear), and whether one is surely a credential: a bot token, a JWT, a
 * webhook's key. A long mixed-case run may be an id (a Google Drive file, a
 * Firebase uid): masked all the same, but not taken for a key that was sent.
 */
export function secretPathSegments(url: string): { segments: string[]; credential: boolean } {
  const m = ORIGIN_AND_PATH.exec(String(url ?? ''));
  if (!m?.[3]) return { segments: [], credential: false };
  const parts = m[3].split('/').map(safeDecode);
  const webhookHost = /(^|\.)(hooks\.slack\.com|discord(app)?\.com)$/i.test(m[2] ?? '');
  const segments: string[] = [];
  let credential = false;
  for (let i = 0; i < parts.length; i++) {
    const s = parts[i]!;
    if (!s || !isSecretPathSegment(s)) continue;
    segments.push(s);
    // Telegram's "bot<id>:<token>": the token may be echoed without its prefix.
    if (s.startsWith('bot') && s.includes(':')) segments.push(s.slice(s.indexOf(':') + 1));
    const webhook = webhookHost || parts[i - 2] === 'webhooks';
    if (/^bot\d{5,}:/.test(s) || s.startsWith('eyJ') || webhook) credential = true;
  }
  return { segments, credential };
}

/**
 * Masks secret-looking query values, path segments (isSecretPathSegment) and
 * any user:password@ in a URL, keeping everything else byte for byte so the
 * URL stays recognisable. Works on strings that are not valid URLs too (it
 * only touches `user:pass@`, a secret path segment and `?…`).
 */
export function maskUrl(url: string): string {
  let u = String(url ?? '');
  // userinfo: scheme://user:pass@host — RFC 3986 §3.2.1 deprecates it for exactly this reason.
  u = u.replace(/^([a-z][a-z0-9+.-]*:\/\/)([^/?#@]*)@/i, (_m, s: string, info: string) => {
    const colon = info.indexOf(':');
    return colon >= 0 ? `${s}${info.slice(0, colon)}:***@` : `${s}${info}@`;
  });
  // Secrets in the path (a bot token, a webhook key): masked like any other.
  u = u.replace(ORIGIN_AND_PATH, (_m, origin: string, _host: string, path: string) => {
    const masked = path.split('/').map((s) => {
      const d = s ? safeDecode(s) : s;
      return d && isSecretPathSegment(d) ? maskSecret('', d).masked : s;
    });
    return origin + masked.join('/');
  });
  const q = u.indexOf('?');
  if (q < 0) return maskFragment(u);
  const hash = u.indexOf('#', q);
  const base = u.slice(0, q + 1);
  const query = hash >= 0 ? u.slice(q + 1, hash) : u.slice(q + 1);
  const frag = hash >= 0 ? maskFragment(u.slice(hash)) : '';
  return base + maskQuery(query) + frag;
}

function maskQuery(query: string): string {
  return query
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq < 0) return pair;
      const name = safeDecode(pair.slice(0, eq));
      const value = pair.slice(eq + 1);
      if (!value || !isSecretParam(name)) return pair;
      // Left unencoded on purpose: the result is for people to read, not to request.
      return `${pair.slice(0, eq)}=${maskSecret('', safeDecode(value)).masked}`;
    })
    .join('&');
}

/** Implicit-grant fragments (`#access_token=…`, RFC 6749 §4.2.2) carry tokens too. */
function maskFragment(s: string): string {
  const hash = s.indexOf('#');
  if (hash < 0 || !s.slice(hash + 1).includes('=')) return s;
  return s.slice(0, hash + 1) + maskQuery(s.slice(hash + 1));
}

/** JWT-looking runs (header.payload[.signature]) anywhere in free text. */
const JWT_RUN = /eyJ[A-Za-z0-9_-]{6,}\.[A-Za-z0-9_-]{6,}(?:\.[A-Za-z0-9_-]*)?/g;

/**
 * Masks secrets in free text (a body excerpt, a header value): every known
 * secret value (what the request carried) and anything shaped like a JWT.
 * `known` values shorter than 6 characters are ignored (too likely to hit ordinary words).
 */
export function maskText(text: string, known: readonly string[]): string {
  let out = text;
  for (const k of known) {
    if (k.length < 6) continue;
    if (out.includes(k)) out = out.split(k).join(maskSecret('', k).masked);
  }
  return out.replace(JWT_RUN, (m) => maskSecret('', m).masked);
}
