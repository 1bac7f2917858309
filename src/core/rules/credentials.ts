// What the request carried: nothing (no-credentials), cookies the browser
// held back (cookie-not-sent), a cookie session only (session-expired), a
// placeholder instead of a token (token-invalid).
import type { Ctx, Finding, Msg } from './types.ts';
import { msg } from './types.ts';

/** Cookie names that carry a login session in common frameworks. */
const SESSION_COOKIE =
  /sess|sid$|^sid|auth|token|jwt|login|remember|identity|^\.aspnetcore\.|aspxauth|jsessionid|phpsessid|connect\.sid|_session$|^session/i;

export function challengeLine(ctx: Ctx): Msg {
  const { ev } = ctx;
  if (!ev.challengePresent) return msg('ev_no_challenge', ev.challengeHeader);
  return msg('ev_challenge', ev.challengeHeader, (ev.challengeRaw[0] ?? '').slice(0, 300));
}

export function credentialLine(ctx: Ctx): Msg | undefined {
  const { ev } = ctx;
  if (ev.authRedacted) return msg('ev_auth_redacted', ev.authScheme ?? '');
  if (ev.authorization) return msg('ev_auth_sent', ev.authorization.masked);
  if (ev.apiKeyHeaders.length) return msg('ev_apikey_sent', ev.apiKeyHeaders.join(', '));
  if (ev.apiKeyParams.length) return msg('ev_apikey_param_sent', ev.apiKeyParams.join(', '));
  if (ev.pathSecret) return msg('ev_path_secret_sent');
  if (ev.bodyCredentials?.length)
    return msg('ev_body_credentials_sent', ev.bodyCredentials.join(', '));
  if (ev.cookieNames?.length) return msg('ev_cookies_sent', ev.cookieNames.slice(0, 10).join(', '));
  return undefined;
}

export function credentialRules(ctx: Ctx): Finding[] {
  const { ev } = ctx;
  const out: Finding[] = [];
  if (ev.status === 407) return out; // a proxy's challenge: see proxy.ts
  const preflight = ev.method === 'OPTIONS' && ev.preflightMethod !== undefined;
  if (preflight) return out; // preflights never carry credentials (Fetch §4.8): cors.ts explains

  if (ev.authPlaceholder !== undefined) {
    out.push({
      id: 'token-invalid',
      confidence: 0.9,
      summary: msg(
        'cause_token_invalid_placeholder',
        ev.authorization?.masked ?? ev.authPlaceholder,
      ),
      evidence: [
        msg('ev_auth_placeholder', ev.authorization?.masked ?? ev.authPlaceholder),
        challengeLine(ctx),
      ],
      fixes: [msg('fix_token_invalid_placeholder')],
    });
  }

  if (!ctx.anyCredential) {
    const jar = ev.cookieJarNames ?? [];
    if (ev.cookiesHidden && jar.length) return hiddenCookieFindings(ctx, jar);
    if (jar.length && ev.cookieNames !== null && ev.cookieNames.length === 0) {
      out.push({
        id: 'cookie-not-sent',
        confidence: 0.8,
        evidence: [msg('ev_jar_has', jar.slice(0, 10).join(', ')), msg('ev_no_cookie_sent')],
      });
    }
    if (ctx.credentialsKnown) {
      const evidence: Msg[] = [msg('ev_no_credentials_sent'), challengeLine(ctx)];
      for (const c of ev.challenges) {
        // RFC 9728 §5.1: where to discover how to get a token.
        if (c.params.resource_metadata)
          evidence.push(msg('ev_resource_metadata', c.params.resource_metadata));
        // Docker-style token auth: realm is the token endpoint, with service/scope to ask for.
        if (
          c.params.realm &&
          (c.params.service || c.params.scope) &&
          /^https?:\/\//i.test(c.params.realm)
        )
          evidence.push(msg('ev_token_endpoint', c.params.realm));
      }
      let confidence = ev.challengePresent ? 0.8 : 0.62;
      if (ev.sensitiveMayBeOmitted) {
        // Chrome's and Firefox's "save without sensitive data" drop Authorization and Cookie.
        confidence -= 0.15;
        evidence.push(msg('ev_har_may_omit'));
      }
      if (jar.length) confidence = 0.5;
      // "Bad credentials": the server saw some, whatever this record shows (claims.ts).
      if (ctx.saysRefused) confidence = Math.min(confidence, 0.45);
      // RFC 6750 §3.1: a server sends no error code to a request without a
      // token. A file that may have lost its Authorization headers and whose
      // server says invalid_token most likely lost one.
      if (ctx.tokenError && ev.sensitiveMayBeOmitted) confidence = Math.min(confidence, 0.45);
      // Integrated sign-in starts by itself once challenged: negotiate-failed explains it better.
      if (
        ctx.challenged.length &&
        ctx.challenged.every((s) => s === 'negotiate' || s === 'ntlm' || s === 'kerberos')
      ) {
        confidence = 0.5;
      }
      out.push({ id: 'no-credentials', confidence, evidence });
    } else {
      out.push({
        id: 'no-credentials',
        confidence: 0.35,
        summary: msg('cause_no_credentials_unknown'),
        evidence: [msg('ev_headers_incomplete'), challengeLine(ctx)],
      });
    }
    return out;
  }

  // A login form or a token request: the password (or client secret) went in
  // the body, and a 401 to it is the server refusing it (RFC 6749 §5.2
  // invalid_client; a login endpoint's "wrong password").
  if (ctx.hasBodyCredential && !ctx.hasAuth && !ctx.hasApiKey) {
    out.push({
      id: 'credentials-rejected',
      confidence: 0.6,
      summary: msg('cause_credentials_rejected_body'),
      evidence: [
        msg('ev_body_credentials_sent', (ev.bodyCredentials ?? []).join(', ')),
        challengeLine(ctx),
      ],
    });
    return out;
  }

  const cookiesOnly = ctx.hasCookies && !ctx.hasAuth && !ctx.hasApiKey;
  if (cookiesOnly) {
    const names = ev.cookieNames ?? [];
    const sessionLike = names.filter((n) => SESSION_COOKIE.test(n) && !/csrf|xsrf/i.test(n));
    const wantsHeader = ctx.challenged.some(
      (s) => s === 'bearer' || s === 'basic' || s === 'digest',
    );
    const evidence: Msg[] = [
      msg('ev_cookies_sent', names.slice(0, 10).join(', ')),
      msg('ev_no_auth_header'),
      challengeLine(ctx),
    ];
    if (ev.setCookieNames.length)
      evidence.push(msg('ev_set_cookie', ev.setCookieNames.slice(0, 10).join(', ')));
    if (ev.location) evidence.push(msg('ev_location', ev.location));
    if (wantsHeader) {
      out.push({
        id: 'no-credentials',
        confidence: sessionLike.length ? 0.5 : 0.7,
        evidence: [msg('ev_cookies_not_auth'), challengeLine(ctx)],
      });
      if (sessionLike.length) out.push({ id: 'session-expired', confidence: 0.5, evidence });
    } else {
      out.push({
        id: 'session-expired',
        confidence: sessionLike.length || ev.setCookieNames.length || ev.location ? 0.7 : 0.55,
        evidence,
      });
    }
  }
  return out;
}

/**
 * No Authorization or API key went, the jar holds cookies for the URL, and
 * the Cookie header was hidden from the recorder. Either they went and were
 * rejected (session-expired) or they were held back (cookie-not-sent). A
 * navigation or a same-origin request sends them by default (Fetch:
 * credentials "same-origin"; SameSite=Lax allows top-level GET navigations);
 * a cross-origin fetch sends them only with credentials: "include".
 */
function hiddenCookieFindings(ctx: Ctx, jar: string[]): Finding[] {
  const { ev } = ctx;
  const names = jar.slice(0, 10).join(', ');
  const evidence: Msg[] = [
    msg('ev_jar_has', names),
    msg('ev_cookie_header_hidden'),
    challengeLine(ctx),
  ];
  if (ev.location) evidence.push(msg('ev_location', ev.location));
  const navigation = ev.resourceType === 'main_frame' || ev.resourceType === 'sub_frame';
  const likelySent = navigation || ev.crossOrigin === false;
  const sessionLike = jar.some((n) => SESSION_COOKIE.test(n) && !/csrf|xsrf/i.test(n));
  return [
    {
      id: 'session-expired',
      confidence: likelySent ? (sessionLike ? 0.6 : 0.5) : 0.4,
      summary: msg('cause_session_expired_unseen', names),
      evidence,
    },
    {
      id: 'cookie-not-sent',
      confidence: likelySent ? 0.45 : 0.6,
      summary: msg('cause_cookie_not_sent_unseen', names),
      evidence,
    },
  ];
}
