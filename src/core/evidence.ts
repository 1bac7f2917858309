// From one raw exchange (which may hold secrets) to the secret-free,
// bounded Evidence that is stored and diagnosed. This is the only place that
// reads credential values; after it, nothing holds them.
import { summarizeBody } from './body.ts';
import { bodyCredentials } from './body-credentials.ts';
import { parseChallenges } from './challenge-parser.ts';
import { headerValue, headerValues, isApiKeyHeader } from './headers.ts';
import { decodeJwt, looksLikeJwt } from './jwt.ts';
import { isCredentialParam, maskSecret, maskText, maskUrl, secretPathSegments } from './mask.ts';
import { parseDate } from './time.ts';
import type { Challenge, Evidence, Exchange } from './types.ts';

const MAX_VALUE = 2048;
const MAX_CHALLENGES = 20;
const MAX_PARAMS = 20;
const MAX_PARAM_VALUE = 512;
/** Challenge fields beyond this are not parsed (real ones are < 1 KB). */
const MAX_PARSE = 256 * 1024;
const MAX_NAMES = 40;

/** Values that stand for "hidden" in HARs edited by tools or people. */
const REDACTED =
  /^(\[?(redacted|sanitized|filtered|removed|hidden|masked|secret|omitted)\]?|\*{3,}|x{4,}|<[a-z _-]*>|\.\.\.|…)$/i;

/** Values front-end code sends when the token variable was not set. Not secrets. */
const PLACEHOLDERS = new Set([
  'undefined',
  'null',
  'nil',
  'none',
  'nan',
  'false',
  'true',
  '[object object]',
  '{}',
  '""',
  "''",
  '${token}',
  '{{token}}',
  '<token>',
  'your_token',
  'your-token',
  'token',
  'bearer',
]);

/** Registered and common auth-scheme names (IANA HTTP Authentication Scheme Registry and practice). */
const KNOWN_SCHEMES = new Set([
  'basic',
  'bearer',
  'digest',
  'negotiate',
  'ntlm',
  'token',
  'jwt',
  'apikey',
  'api-key',
  'hoba',
  'mutual',
  'scram-sha-1',
  'scram-sha-256',
  'vapid',
  'dpop',
  'gnap',
  'privatetoken',
  'concealed',
  'oauth',
  'hawk',
  'aws4-hmac-sha256',
  'kerberos',
]);

/** Response headers worth keeping: reasons some servers give outside the body. */
const KEEP_RESPONSE = [
  'date',
  'content-type',
  'server',
  'via',
  'x-amzn-errortype', // AWS API Gateway / Cognito
  'x-amz-errortype',
  'x-seraph-loginreason', // Atlassian
  'x-ms-failure-cause', // Azure Resource Manager
  'x-ms-error-code',
  'x-squid-error',
  'x-error',
  'x-error-code',
  'x-auth-error',
  'x-github-sso',
  'x-accepted-oauth-scopes',
  'x-oauth-scopes',
  'grpc-status',
  'grpc-message',
  'x-error-message',
  'x-clerk-auth-reason', // Clerk
  'x-clerk-auth-message',
  'access-control-allow-origin',
  'access-control-allow-credentials',
];

const cap = (s: string, n = MAX_VALUE): string => (s.length > n ? `${s.slice(0, n)}…` : s);

/** Cookie names (bounded) and every name=value pair (the values only to mask them, and to find a session JWT). */
function cookieNamesOf(headerValuesList: string[]): {
  names: string[];
  pairs: [string, string][];
} {
  const names: string[] = [];
  const pairs: [string, string][] = [];
  for (const v of headerValuesList) {
    for (const part of v.slice(0, 64 * 1024).split(';')) {
      const eq = part.indexOf('=');
      const name = (eq >= 0 ? part.slice(0, eq) : part).trim();
      if (!name) continue;
      if (names.length < MAX_NAMES && !names.includes(name)) names.push(name.slice(0, 100));
      if (eq >= 0) pairs.push([name, part.slice(eq + 1).trim()]);
    }
  }
  return { names, pairs };
}

function setCookieNames(values: string[]): string[] {
  const out: string[] = [];
  for (const v of values) {
    const eq = v.indexOf('=');
    const name = (eq >= 0 ? v.slice(0, eq) : v).trim().slice(0, 100);
    if (name && out.length < MAX_NAMES && !out.includes(name)) out.push(name);
  }
  return out;
}

/** NTLM message type inside NTLM or Negotiate (SPNEGO-wrapped NTLM starts the same way). */
function ntlmType(b64: string): number | undefined {
  // "NTLMSSP\0" in base64 is "TlRMTVNTUAA"; the next character encodes the type byte.
  if (!b64.startsWith('TlRMTVNTUAA')) return undefined;
  const c = b64[11];
  return c === 'B' ? 1 : c === 'C' ? 2 : c === 'D' ? 3 : undefined;
}

function capChallenges(list: Challenge[]): Challenge[] {
  return list.slice(0, MAX_CHALLENGES).map((c) => {
    const params = Object.create(null) as Record<string, string>;
    for (const k of Object.keys(c.params).slice(0, MAX_PARAMS)) {
      params[k.slice(0, 64)] = cap(c.params[k] ?? '', MAX_PARAM_VALUE);
    }
    const out: Challenge = { scheme: c.scheme.slice(0, 64), params };
    if (c.token68 !== undefined) out.token68 = cap(c.token68, 64);
    return out;
  });
}

function parseUrl(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/** Turns one exchange into secret-free, bounded Evidence (see types.ts). Never throws on odd input. */
export function extractEvidence(ex: Exchange): Evidence {
  const reqH = Array.isArray(ex?.requestHeaders) ? ex.requestHeaders : [];
  const resH = Array.isArray(ex?.responseHeaders) ? ex.responseHeaders : [];
  const rawUrl = typeof ex?.url === 'string' ? ex.url : '';
  const status = Number.isFinite(ex?.status) ? Number(ex.status) : 0;
  const u = parseUrl(rawUrl);
  const known: string[] = []; // secret values seen in the request, to mask wherever they reappear
  const fromHar = ex?.source === 'har' || ex?.source === 'har-browser';
  let complete = ex?.requestHeadersComplete;
  const incomplete = (): void => {
    if (ex?.requestHeadersComplete === undefined) complete = false;
  };
  if (reqH.length === 0) incomplete(); // no request headers at all: nothing can be said about them

  const ev: Evidence = {
    v: 1,
    method: typeof ex?.method === 'string' ? ex.method.toUpperCase().slice(0, 20) : 'GET',
    url: cap(maskUrl(rawUrl), 4096),
    origin: u && u.origin !== 'null' ? u.origin : '',
    host: u ? u.hostname.toLowerCase() : '',
    protocol: u ? u.protocol : '',
    status,
    cookieNames: null,
    apiKeyHeaders: [],
    apiKeyParams: [],
    requestHeadersComplete: true,
    challengeHeader: status === 407 ? 'Proxy-Authenticate' : 'WWW-Authenticate',
    challengePresent: false,
    challenges: [],
    challengeRaw: [],
    challengeMalformed: false,
    challengeProblems: [],
    responseHeaders: {},
    setCookieNames: [],
  };
  if (typeof ex?.statusText === 'string' && ex.statusText) ev.statusText = cap(ex.statusText, 200);
  const time = parseDate(ex?.startedDateTime);
  if (time !== undefined) ev.time = time;
  if (ex?.resourceType) ev.resourceType = String(ex.resourceType).slice(0, 40);
  if (ex?.source === 'har-browser') ev.sensitiveMayBeOmitted = true;

  // --- Authorization (RFC 9110 §11.6.2): credentials = auth-scheme [ 1*SP ( token68 / #auth-param ) ]
  const auth = headerValue(reqH, 'authorization');
  if (auth !== undefined) {
    const v = auth.trim().slice(0, 64 * 1024);
    const sp = v.search(/[ \t]/);
    const first = sp < 0 ? v : v.slice(0, sp);
    const rest = sp < 0 ? '' : v.slice(sp + 1).trim();
    if (v === '' && fromHar) {
      ev.authRedacted = true; // an emptied value: something was sent, the record hides it
      incomplete();
    } else if (REDACTED.test(v) || REDACTED.test(rest)) {
      ev.authRedacted = true;
      if (sp >= 0) ev.authScheme = first.slice(0, 40);
      incomplete();
    } else if (
      sp < 0 &&
      !KNOWN_SCHEMES.has(v.toLowerCase()) &&
      (looksLikeJwt(v) || !PLACEHOLDERS.has(v.toLowerCase()))
    ) {
      // A token with no scheme in front: RFC 9110 would read it as a scheme name.
      ev.authBare = true;
      ev.authorization = maskSecret('', v);
      known.push(v);
      const jwt = decodeJwt(v);
      if (jwt) ev.jwt = jwt;
    } else if (sp < 0 && PLACEHOLDERS.has(v.toLowerCase()) && !/^bearer$/i.test(v)) {
      ev.authPlaceholder = v.slice(0, 40) || '(empty)';
      ev.authorization = { scheme: '', masked: v.slice(0, 40), length: v.length };
    } else {
      ev.authScheme = first.slice(0, 40);
      const cred = rest;
      if (
        !cred ||
        PLACEHOLDERS.has(cred.toLowerCase()) ||
        /^(\$\{.*\}|\{\{.*\}\}|<.*>)$/.test(cred)
      ) {
        // "Bearer undefined": the app sent the name of a missing variable, not a token.
        ev.authPlaceholder = cred ? cred.slice(0, 40) : '(empty)';
        ev.authorization = {
          scheme: ev.authScheme,
          masked: `${ev.authScheme} ${cred.slice(0, 40)}`.trim(),
          length: cred.length,
        };
      } else {
        ev.authorization = maskSecret(ev.authScheme, cred);
        known.push(cred, v);
        const s = first.toLowerCase();
        if (s === 'ntlm' || s === 'negotiate') {
          const t = ntlmType(cred);
          if (t !== undefined) ev.ntlmType = t;
        } else if (s !== 'basic' && s !== 'digest') {
          const jwt = decodeJwt(cred);
          if (jwt) ev.jwt = jwt;
        }
      }
    }
  }

  const proxyAuth = headerValue(reqH, 'proxy-authorization');
  if (proxyAuth !== undefined) {
    const v = proxyAuth.trim();
    const sp = v.search(/[ \t]/);
    ev.proxyAuthScheme = (sp < 0 ? v : v.slice(0, sp)).slice(0, 40);
    known.push(v, sp < 0 ? v : v.slice(sp + 1));
  }

  // --- Cookies: names only (RFC 6265 §5.4 Cookie: name=value; name=value)
  const cookieHeaders = headerValues(reqH, 'cookie');
  const harCookieNames = Array.isArray(ex?.requestCookieNames)
    ? ex.requestCookieNames.filter((n) => typeof n === 'string' && n)
    : [];
  if (cookieHeaders.some((c) => c.trim() === '' || REDACTED.test(c.trim()))) incomplete();
  const fromHeader = cookieNamesOf(cookieHeaders.filter((c) => !REDACTED.test(c.trim())));
  for (const [, v] of fromHeader.pairs) if (v.length >= 6) known.push(v);
  const names = [...fromHeader.names];
  for (const n of harCookieNames)
    if (names.length < MAX_NAMES && !names.includes(n)) names.push(n.slice(0, 100));
  if (harCookieNames.length && !cookieHeaders.length) incomplete(); // cookies listed, header stripped
  if (names.length || cookieHeaders.length) ev.cookieNames = names;
  // A session kept as a JWT in a cookie (Clerk's and Firebase's __session, …):
  // its claims, read locally like a bearer token's. Not a refresh token's.
  for (const [name, value] of fromHeader.pairs) {
    if (/refresh/i.test(name) || !looksLikeJwt(value)) continue;
    const claims = decodeJwt(value);
    if (claims) {
      ev.cookieJwt = { cookie: name.slice(0, 100), claims };
      break;
    }
  }
  if (Array.isArray(ex?.cookieJarNames)) {
    ev.cookieJarNames = ex.cookieJarNames
      .filter((n) => typeof n === 'string')
      .slice(0, MAX_NAMES)
      .map((n) => n.slice(0, 100));
  }
  if (ex?.cookieHeaderHidden === true && !cookieHeaders.length) {
    // An empty jar sent nothing, so the hidden header was absent; a jar with
    // cookies leaves open whether they went (SameSite, credentials mode).
    if (ev.cookieJarNames?.length === 0) ev.cookieNames = [];
    else {
      ev.cookiesHidden = true;
      complete = false; // "no credentials were sent" cannot be claimed
    }
  }
  if (typeof ex?.initiatorOrigin === 'string' && u && u.origin !== 'null') {
    const from = parseUrl(ex.initiatorOrigin);
    if (from && from.origin !== 'null') ev.crossOrigin = from.origin !== u.origin;
  }

  // --- API keys in headers and query (names only)
  for (const h of reqH) {
    if (!h || typeof h.name !== 'string' || !isApiKeyHeader(h.name)) continue;
    const val = typeof h.value === 'string' ? h.value.trim() : '';
    if (!val || REDACTED.test(val)) {
      if (fromHar) incomplete();
      if (!val) continue;
    }
    if (ev.apiKeyHeaders.length < 10 && !ev.apiKeyHeaders.includes(h.name))
      ev.apiKeyHeaders.push(h.name.slice(0, 100));
    known.push(val);
  }
  if (u) {
    for (const [k, val] of u.searchParams) {
      // Azure Functions take their key as ?code= (learn.microsoft.com, "Function
      // access keys"); elsewhere `code` is OAuth's one-time code, not a credential.
      const functionKey = k === 'code' && u.hostname.toLowerCase().endsWith('.azurewebsites.net');
      if (!val || !(isCredentialParam(k) || functionKey)) continue;
      if (ev.apiKeyParams.length < 10 && !ev.apiKeyParams.includes(k))
        ev.apiKeyParams.push(k.slice(0, 100));
      known.push(val);
      // OAuth 2 bearer token in the query (RFC 6750 §2.3).
      if (!ev.jwt && k.toLowerCase() === 'access_token') {
        const jwt = decodeJwt(val);
        if (jwt) ev.jwt = jwt;
      }
    }
  }

  // Sign-in fields in the body (a login form, an OAuth token request): names only.
  const inBody = bodyCredentials(ex?.requestBody);
  if (inBody.names.length) ev.bodyCredentials = inBody.names;
  known.push(...inBody.values);

  // A key in the URL's path (Telegram's /bot<token>/, a webhook's): sent, and masked.
  const inPath = secretPathSegments(rawUrl);
  if (inPath.credential) ev.pathSecret = true;
  known.push(...inPath.segments);

  const origin = headerValue(reqH, 'origin');
  if (origin) ev.requestOrigin = cap(origin, 300);
  const acrm = headerValue(reqH, 'access-control-request-method');
  if (acrm) ev.preflightMethod = acrm.trim().slice(0, 40);

  if (ev.cookieNames === null && complete !== false) ev.cookieNames = [];
  ev.requestHeadersComplete = complete !== false;

  // --- Response
  const chName = status === 407 ? 'proxy-authenticate' : 'www-authenticate';
  const chValues = headerValues(resH, chName);
  ev.challengePresent = chValues.length > 0;
  if (chValues.length) {
    const parsed = parseChallenges(chValues.map((v) => v.slice(0, MAX_PARSE)));
    ev.challenges = capChallenges(parsed.challenges);
    ev.challengeMalformed = parsed.malformed;
    ev.challengeProblems = parsed.problems.slice(0, 5).map((p) => cap(p, 200));
    ev.challengeRaw = chValues
      .slice(0, 4)
      .map((v) => cap(maskText(v.slice(0, MAX_VALUE * 2), known)));
  }
  const serverDate = parseDate(headerValue(resH, 'date'));
  if (serverDate !== undefined) ev.serverDate = serverDate;
  for (const name of KEEP_RESPONSE) {
    const val = headerValue(resH, name);
    if (val !== undefined)
      ev.responseHeaders[name] = cap(maskText(val.slice(0, MAX_VALUE * 2), known), 512);
  }
  ev.setCookieNames = setCookieNames(headerValues(resH, 'set-cookie'));
  const loc = headerValue(resH, 'location');
  if (loc) ev.location = cap(maskUrl(loc), 1024);
  const body = summarizeBody(ex?.responseBody, known);
  if (body) ev.body = body;
  return ev;
}
