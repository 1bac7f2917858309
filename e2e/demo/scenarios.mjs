// The demo's scenarios: one table, read by the demo server (pages and API
// answers), the index page and the e2e specs. Every scenario makes the
// server answer a real 401 (or 407); nothing is faked in the browser.
//
// Fields:
//   name         URL slug: the page is /s/<name>, its API /api/<name>
//   title, description   for people (index and scenario pages)
//   cause        the cause id (../../../shared/spec/causes.md) the scenario shows first
//   also         other cause ids the diagnosis must include (optional)
//   trigger      'fetch' | 'navigation' | 'iframe' | 'image' | 'preflight'
//   status       401 or 407
//   count        how many 401/407 responses one page load produces
//   type         the webRequest resource type of those responses
//   method       their request method
//   requests(ctx)  the fetch() calls the page makes (trigger fetch/preflight)
//   pageCookie(ctx) a Set-Cookie the page response carries, if any
//   respond(req, ctx) the server's answer on /api/<name>
import { randomBytes } from 'node:crypto';
import { basicProtectedPage } from './html.mjs';
import { makeJwt, nowSeconds, readJwt } from './jwt.mjs';

const json = (status, body, headers = {}) => ({
  status,
  headers: { 'Content-Type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

/** A token as an API on `origin` would accept it, with overrides. */
const tokenFor = (origin, claims = {}) =>
  makeJwt({
    iss: `${origin}/auth`,
    sub: 'demo-user',
    aud: origin,
    scope: 'read write',
    iat: nowSeconds() - 60,
    exp: nowSeconds() + 3600,
    ...claims,
  });

/**
 * A resource server that wants a Bearer JWT for `origin` with scope "write"
 * (RFC 6750 §3). Its answers are what real servers send, so the scenarios
 * built on it differ only in the token the page sends.
 */
function bearerApi(req) {
  const audience = `http://${req.headers.host}`;
  const challenge = (params = '') => `Bearer realm="demo"${params}`;
  const auth = req.headers.authorization ?? '';
  const [scheme = '', token = ''] = auth.split(/\s+/, 2);
  if (!auth || scheme.toLowerCase() !== 'bearer') {
    return json(401, { error: 'unauthorized' }, { 'WWW-Authenticate': challenge() });
  }
  const read = readJwt(token);
  if (!read.ok) {
    return json(
      401,
      { error: 'invalid_token' },
      {
        'WWW-Authenticate': challenge(
          ', error="invalid_token", error_description="The access token is malformed"',
        ),
      },
    );
  }
  const { exp, nbf, aud, scope = '' } = read.claims;
  const now = nowSeconds();
  const invalid = () =>
    json(
      401,
      { error: 'invalid_token' },
      { 'WWW-Authenticate': challenge(', error="invalid_token"') },
    );
  if (typeof exp === 'number' && exp <= now) return invalid();
  if (typeof nbf === 'number' && nbf > now) return invalid();
  if (aud !== audience) return invalid();
  if (!String(scope).split(' ').includes('write')) {
    // RFC 6750 says 403 here; many servers answer 401, which is the case shown.
    return json(
      401,
      { error: 'insufficient_scope' },
      { 'WWW-Authenticate': challenge(', error="insufficient_scope", scope="write"') },
    );
  }
  return json(200, { ok: true });
}

/** Sessions this server knows. A cookie not in here is an expired session. */
const liveSessions = new Set();
const sessionOf = (req) => /(?:^|;\s*)demo_session=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];

function sessionApi(req) {
  const session = sessionOf(req);
  if (session && liveSessions.has(session)) return json(200, { user: 'demo' });
  if (session) return json(401, { message: 'Unauthenticated.' });
  return {
    status: 401,
    headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    body: 'You are not logged in.',
  };
}

const basicChallenge = { 'WWW-Authenticate': 'Basic realm="Demo", charset="UTF-8"' };
const b64 = (s) => Buffer.from(s, 'utf8').toString('base64');
const apiUrl = (ctx, name) => `${ctx.origin}/api/${name}`;

/** The common shape of a fetch-triggered scenario. */
const get = (url, headers = {}, credentials = 'omit') => ({
  url,
  method: 'GET',
  headers,
  credentials,
});

export const scenarios = [
  {
    name: 'basic-no-credentials',
    title: 'Basic auth, no credentials',
    description:
      'fetch() without credentials (credentials: "omit", so the browser shows no password prompt) to an API that wants Basic auth.',
    cause: 'no-credentials',
    trigger: 'fetch',
    status: 401,
    count: 1,
    type: 'xmlhttprequest',
    method: 'GET',
    requests: (ctx) => [get(apiUrl(ctx, 'basic-no-credentials'))],
    respond: () => json(401, { error: 'unauthorized' }, basicChallenge),
  },
  {
    name: 'basic-wrong-password',
    title: 'Basic auth, wrong password',
    description:
      'fetch() sends Authorization: Basic for demo:wrong; the server challenges Basic again.',
    cause: 'credentials-rejected',
    trigger: 'fetch',
    status: 401,
    count: 1,
    type: 'xmlhttprequest',
    method: 'GET',
    requests: (ctx) => [
      get(apiUrl(ctx, 'basic-wrong-password'), { Authorization: `Basic ${b64('demo:wrong')}` }),
    ],
    respond: () => json(401, { error: 'Bad credentials' }, basicChallenge),
  },
  {
    name: 'basic-navigation',
    title: 'Basic auth on a page',
    description:
      'The page navigates to a page protected by Basic auth. Browsers show a sign-in prompt (demo / demo lets you in; cancel to see the 401).',
    cause: 'no-credentials',
    trigger: 'navigation',
    status: 401,
    count: 1,
    type: 'main_frame',
    method: 'GET',
    respond: (req) => {
      const html = { 'Content-Type': 'text/html; charset=utf-8' };
      // demo / demo signs a person in; tests never send it.
      if (req.headers.authorization === `Basic ${b64('demo:demo')}`) {
        return { status: 200, headers: html, body: basicProtectedPage(true) };
      }
      return {
        status: 401,
        headers: { ...basicChallenge, ...html },
        body: basicProtectedPage(false),
      };
    },
  },
  {
    name: 'bearer-expired',
    title: 'Expired access token',
    description: 'fetch() sends a Bearer JWT whose exp was 10 minutes ago.',
    cause: 'token-expired',
    trigger: 'fetch',
    status: 401,
    count: 1,
    type: 'xmlhttprequest',
    method: 'GET',
    requests: (ctx) => [
      get(apiUrl(ctx, 'bearer-expired'), {
        Authorization: `Bearer ${tokenFor(ctx.origin, { iat: nowSeconds() - 4200, exp: nowSeconds() - 600 })}`,
      }),
    ],
    respond: bearerApi,
  },
  {
    name: 'bearer-invalid',
    title: 'Malformed access token',
    description: 'fetch() sends "Bearer not-a-jwt"; the server says the token is malformed.',
    cause: 'token-invalid',
    trigger: 'fetch',
    status: 401,
    count: 1,
    type: 'xmlhttprequest',
    method: 'GET',
    requests: (ctx) => [get(apiUrl(ctx, 'bearer-invalid'), { Authorization: 'Bearer not-a-jwt' })],
    respond: bearerApi,
  },
  {
    name: 'insufficient-scope',
    title: 'Token lacks a scope',
    description: 'fetch() sends a valid JWT with scope "read"; the API needs "write".',
    cause: 'insufficient-scope',
    trigger: 'fetch',
    status: 401,
    count: 1,
    type: 'xmlhttprequest',
    method: 'GET',
    requests: (ctx) => [
      get(apiUrl(ctx, 'insufficient-scope'), {
        Authorization: `Bearer ${tokenFor(ctx.origin, { scope: 'read' })}`,
      }),
    ],
    respond: bearerApi,
  },
  {
    name: 'wrong-audience',
    title: 'Token for another API',
    description:
      'fetch() sends a valid JWT issued for another local service (aud http://127.0.0.1:1).',
    cause: 'token-wrong-audience',
    trigger: 'fetch',
    status: 401,
    count: 1,
    type: 'xmlhttprequest',
    method: 'GET',
    requests: (ctx) => [
      get(apiUrl(ctx, 'wrong-audience'), {
        // A token minted for another local service (port 1): loopback audiences are judged by port.
        Authorization: `Bearer ${tokenFor(ctx.origin, { aud: 'http://127.0.0.1:1' })}`,
      }),
    ],
    respond: bearerApi,
  },
  {
    name: 'not-yet-valid',
    title: 'Token not valid yet',
    description: 'fetch() sends a JWT whose nbf is an hour from now, as a fast client clock makes.',
    cause: 'token-not-yet-valid',
    trigger: 'fetch',
    status: 401,
    count: 1,
    type: 'xmlhttprequest',
    method: 'GET',
    requests: (ctx) => [
      get(apiUrl(ctx, 'not-yet-valid'), {
        Authorization: `Bearer ${tokenFor(ctx.origin, { iat: nowSeconds() + 3600, nbf: nowSeconds() + 3600, exp: nowSeconds() + 7200 })}`,
      }),
    ],
    respond: bearerApi,
  },
  {
    name: 'scheme-mismatch',
    title: 'Wrong auth scheme',
    description: 'fetch() sends "Authorization: Token …"; the server only accepts Bearer.',
    cause: 'scheme-mismatch',
    trigger: 'fetch',
    status: 401,
    count: 1,
    type: 'xmlhttprequest',
    method: 'GET',
    requests: (ctx) => [
      get(apiUrl(ctx, 'scheme-mismatch'), {
        Authorization: `Token abc123${randomBytes(16).toString('hex')}`,
      }),
    ],
    respond: bearerApi,
  },
  {
    name: 'missing-challenge',
    title: '401 without a challenge',
    description:
      'fetch() sends an opaque Bearer token; the server answers 401 with no WWW-Authenticate and an empty body.',
    cause: 'missing-challenge',
    trigger: 'fetch',
    status: 401,
    count: 1,
    type: 'xmlhttprequest',
    method: 'GET',
    requests: (ctx) => [
      get(apiUrl(ctx, 'missing-challenge'), {
        Authorization: `Bearer opaque_${randomBytes(24).toString('hex')}`,
      }),
    ],
    respond: () => ({ status: 401, headers: {}, body: '' }),
  },
  {
    name: 'malformed-challenge',
    title: 'Malformed challenge',
    description:
      'fetch() without credentials; the server\'s WWW-Authenticate is "token: false, info: [object Object]". The missing credentials come first; the broken header is flagged as a server defect.',
    cause: 'no-credentials',
    also: ['malformed-challenge'],
    trigger: 'fetch',
    status: 401,
    count: 1,
    type: 'xmlhttprequest',
    method: 'GET',
    requests: (ctx) => [get(apiUrl(ctx, 'malformed-challenge'))],
    respond: () =>
      json(
        401,
        { error: 'unauthorized' },
        { 'WWW-Authenticate': 'token: false, info: [object Object]' },
      ),
  },
  {
    name: 'digest-stale',
    title: 'Stale Digest nonce',
    description:
      'fetch() sends Authorization: Digest with an old nonce; the server says stale=true.',
    cause: 'digest-stale',
    trigger: 'fetch',
    status: 401,
    count: 1,
    type: 'xmlhttprequest',
    method: 'GET',
    requests: (ctx) => [
      get(apiUrl(ctx, 'digest-stale'), {
        Authorization:
          'Digest username="demo", realm="demo", nonce="0a4f113b1d2c3e4f", uri="/api/digest-stale", ' +
          `algorithm=SHA-256, qop=auth, nc=00000001, cnonce="${randomBytes(8).toString('hex')}", ` +
          `response="${randomBytes(32).toString('hex')}"`,
      }),
    ],
    respond: () =>
      json(
        401,
        { error: 'stale nonce' },
        {
          'WWW-Authenticate': `Digest realm="demo", nonce="${randomBytes(16).toString('hex')}", algorithm=SHA-256, qop="auth", stale=true`,
        },
      ),
  },
  {
    name: 'negotiate',
    title: 'Windows sign-in (Negotiate / NTLM)',
    description:
      'fetch() without credentials; the server challenges Negotiate and NTLM in two header fields.',
    cause: 'negotiate-failed',
    trigger: 'fetch',
    status: 401,
    count: 1,
    type: 'xmlhttprequest',
    method: 'GET',
    requests: (ctx) => [get(apiUrl(ctx, 'negotiate'))],
    respond: () => ({
      status: 401,
      headers: { 'WWW-Authenticate': ['Negotiate', 'NTLM'], 'Content-Type': 'text/plain' },
      body: 'Unauthorized',
    }),
  },
  {
    name: 'session-expired',
    title: 'Expired session cookie',
    description:
      'The page gets a session cookie the server no longer knows; fetch() sends it and gets 401 {"message":"Unauthenticated."}.',
    cause: 'session-expired',
    trigger: 'fetch',
    status: 401,
    count: 1,
    type: 'xmlhttprequest',
    method: 'GET',
    pageCookie: () =>
      `demo_session=${randomBytes(16).toString('hex')}; Path=/; HttpOnly; SameSite=Lax`,
    requests: (ctx) => [get(apiUrl(ctx, 'session-expired'), {}, 'include')],
    respond: sessionApi,
  },
  {
    name: 'cookie-not-sent',
    title: 'Cookie not sent',
    description:
      'The page holds a live session cookie, but fetch() uses credentials: "omit", so the API says you are not logged in.',
    cause: 'cookie-not-sent',
    trigger: 'fetch',
    status: 401,
    count: 1,
    type: 'xmlhttprequest',
    method: 'GET',
    pageCookie: () => {
      const id = randomBytes(16).toString('hex');
      liveSessions.add(id);
      return `demo_session=${id}; Path=/; HttpOnly; SameSite=Lax`;
    },
    requests: (ctx) => [get(apiUrl(ctx, 'cookie-not-sent'))],
    respond: sessionApi,
  },
  {
    name: 'cors-preflight',
    title: 'CORS preflight gets 401',
    description:
      'fetch() to the other origin with Authorization and a custom header, so the browser sends an OPTIONS preflight; the server answers it 401 without CORS headers.',
    cause: 'cors-preflight',
    trigger: 'preflight',
    status: 401,
    count: 1,
    type: 'preflight',
    method: 'OPTIONS',
    requests: (ctx) => [
      get(`${ctx.altOrigin}/api/cors-preflight`, {
        Authorization: `Bearer ${tokenFor(ctx.altOrigin)}`,
        'X-Requested-With': 'why401-demo',
      }),
    ],
    respond: (req) =>
      req.method === 'OPTIONS'
        ? { status: 401, headers: { 'WWW-Authenticate': 'Bearer realm="demo"' }, body: '' }
        : bearerApi(req),
  },
  {
    name: 'auth-loop',
    title: 'Retry loop',
    description: 'fetch() calls the same URL five times in a row with the same expired JWT.',
    cause: 'auth-loop',
    also: ['token-expired'],
    trigger: 'fetch',
    status: 401,
    count: 5,
    type: 'xmlhttprequest',
    method: 'GET',
    requests: (ctx) => {
      const auth = `Bearer ${tokenFor(ctx.origin, { iat: nowSeconds() - 4200, exp: nowSeconds() - 600 })}`;
      return Array.from({ length: 5 }, () =>
        get(apiUrl(ctx, 'auth-loop'), { Authorization: auth }),
      );
    },
    respond: bearerApi,
  },
  {
    name: 'proxy-407',
    title: 'Proxy wants credentials (407)',
    description:
      'fetch() gets 407 with Proxy-Authenticate: Basic realm="proxy". A 407 from a server that is not a proxy is refused by browsers, so not every browser shows it to extensions.',
    cause: 'proxy-auth-required',
    trigger: 'fetch',
    status: 407,
    count: 1,
    type: 'xmlhttprequest',
    method: 'GET',
    requests: (ctx) => [get(apiUrl(ctx, 'proxy-407'))],
    respond: () => ({
      status: 407,
      headers: { 'Proxy-Authenticate': 'Basic realm="proxy"', 'Content-Type': 'text/plain' },
      body: 'Proxy Authentication Required',
    }),
  },
  {
    name: 'iframe',
    title: 'Frame gets 401',
    description: 'The page embeds a frame whose document answers 401 with a Bearer challenge.',
    cause: 'no-credentials',
    trigger: 'iframe',
    status: 401,
    count: 1,
    type: 'sub_frame',
    method: 'GET',
    respond: () => ({
      status: 401,
      headers: {
        'WWW-Authenticate': 'Bearer realm="demo"',
        'Content-Type': 'text/html; charset=utf-8',
      },
      body: '<!doctype html><title>401</title><p>Sign in to see this frame.</p>',
    }),
  },
  {
    name: 'image',
    title: 'Image gets 401',
    description: 'The page shows an image whose URL answers 401 with a Bearer challenge.',
    cause: 'no-credentials',
    trigger: 'image',
    status: 401,
    count: 1,
    type: 'image',
    method: 'GET',
    respond: () =>
      json(401, { error: 'unauthorized' }, { 'WWW-Authenticate': 'Bearer realm="demo"' }),
  },
];

export const scenarioByName = new Map(scenarios.map((s) => [s.name, s]));
