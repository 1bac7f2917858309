// Shared facts for the rules, computed once per diagnosis.
import { referenceTime } from '../time.ts';
import type { Evidence, Translate } from '../types.ts';
import type { Ctx } from './types.ts';
import { classifyAt } from './words.ts';

const MAX_TEXT = 4096;

/** Status texts that say nothing beyond the status code (RFC 9110 §15.5.2, §15.5.8). */
const PLAIN_STATUS = /^(unauthori[sz]ed|proxy authentication required|forbidden|ok)?$/i;

/**
 * JSON fields whose value is the server's reason, by the last part of their
 * key: "message", "error.message", "errors.0.detail", Okta's "errorSummary",
 * Shopify's "errors", AWS's "__type".
 */
const REASON_KEY =
  /(message|msg|summary|description|detail|details|title|reason|errors?|code|status|__type)$/;

/** Response headers that carry the server's reason (kept by evidence.ts). */
const REASON_HEADERS = [
  'x-auth-error',
  'x-error',
  'x-error-message',
  'grpc-message',
  'x-clerk-auth-message',
];

function reasonText(ev: Evidence): string {
  const parts: string[] = [];
  for (const c of ev.challenges) {
    const d = c.params.error_description;
    if (d) parts.push(d);
  }
  const f = ev.body?.fields;
  let fromFields = false;
  if (f) {
    for (const [k, v] of Object.entries(f)) {
      const last = k.slice(k.lastIndexOf('.') + 1);
      // "errors.0" is an array of strings: its items are the reasons.
      const key = /^\d+$/.test(last) ? k.slice(0, k.lastIndexOf('.')) : k;
      const name = key.slice(key.lastIndexOf('.') + 1).toLowerCase();
      if (REASON_KEY.test(name)) {
        parts.push(v);
        fromFields = true;
      }
    }
  }
  // A body whose fields name no reason is read as text, as is a body that is not JSON.
  if (!fromFields && ev.body?.text) parts.push(ev.body.text);
  // Some servers give the reason in a header, the body empty (Clerk, gRPC gateways).
  for (const h of REASON_HEADERS) {
    const v = ev.responseHeaders[h];
    if (v) parts.push(v);
  }
  if (ev.statusText && !PLAIN_STATUS.test(ev.statusText.trim())) parts.push(ev.statusText);
  return parts.join(' \n ').slice(0, MAX_TEXT);
}

/**
 * Cookies that never carry a sign-in: analytics (Google, Meta, Hotjar,
 * Segment, Mixpanel, Amplitude), consent banners, anti-CSRF tokens, load
 * balancers' and CDNs' own (AWS ALB, Cloudflare), language and theme.
 */
const NON_AUTH_COOKIE =
  /^(_ga(_.*)?|_gid|_gat(_.*)?|_gcl_.*|_fbp|_fbc|_hj.*|_uetsid|_uetvid|ajs_.*|mp_.*|amp_.*|_clck|_clsk|optanon.*|cookieconsent.*|cookie_?consent.*|.*consent|euconsent.*|.*csrf.*|.*xsrf.*|awsalb.*|awselb.*|__cf_bm|_cfuvid|cf_clearance|lang|locale|language|i18n.*|theme|timezone|tz)$/i;

export function buildCtx(ev: Evidence, others: readonly Evidence[], t: Translate): Ctx {
  const { ms, source } = referenceTime(ev);
  const hasAuth =
    ev.authorization !== undefined || ev.authRedacted === true || ev.authScheme !== undefined;
  const cookies = ev.cookieNames ?? [];
  const hasCookies = cookies.length > 0;
  const hasApiKey =
    ev.apiKeyHeaders.length > 0 || ev.apiKeyParams.length > 0 || ev.pathSecret === true;
  const hasBodyCredential = (ev.bodyCredentials?.length ?? 0) > 0;
  const ctx: Ctx = {
    ev,
    others,
    t,
    now: ms,
    nowSource: source,
    challenged: [], // below, once the scheme sent is known
    hasAuth,
    hasCookies,
    hasApiKey,
    hasBodyCredential,
    onlyNonAuthCookies: hasCookies && cookies.every((n) => NON_AUTH_COOKIE.test(n)),
    anyCredential: hasAuth || hasCookies || hasApiKey || hasBodyCredential,
    credentialsKnown: ev.requestHeadersComplete,
    bodyText: reasonText(ev),
    saysRefused: false,
    tokenError: ev.challenges.some((c) =>
      ['invalid_token', 'insufficient_scope'].includes(c.params.error?.toLowerCase() ?? ''),
    ),
  };
  const claim = classifyAt(ctx.bodyText);
  if (claim) ctx.bodyClaim = claim;
  // Not a stock HTML error page: Apache's says "either you supplied the wrong
  // credentials, or your browser…" to every request, credentials or none.
  const html = (ev.body?.mimeType ?? '').toLowerCase().includes('html');
  // "Your session expired" speaks of a session it was given just as "bad
  // credentials" does of a password.
  ctx.saysRefused =
    !html &&
    (claim?.kind === 'rejected' ||
      claim?.kind === 'session-timeout' ||
      claim?.kind === 'session-unknown');
  if (ev.authBare) ctx.sent = '';
  else if (ev.authScheme !== undefined) ctx.sent = ev.authScheme.toLowerCase();
  // Apps that answer their own scripts' requests without a browser sign-in
  // dialog challenge a scheme no client speaks: "None" (Neo4j, for
  // X-Ajax-Browser-Auth), "xBasic", "X-Basic". The scheme they take is the one
  // sent (or Basic), so those are not evidence of a scheme mismatch.
  ctx.challenged = ev.challenges.map((c) => {
    const s = c.scheme.toLowerCase();
    if (s === 'none') return ctx.sent || 'basic';
    return /^x-?(basic|digest|bearer)$/.exec(s)?.[1] ?? s;
  });
  return ctx;
}
