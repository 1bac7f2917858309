// The engine's entry point: Evidence in, ranked causes out.
import { withFallback } from './i18n.ts';
import { addServerDefects, merge, render, sortFindings } from './rank.ts';
import { claimFindings } from './rules/claims.ts';
import { buildCtx } from './rules/context.ts';
import { credentialRules } from './rules/credentials.ts';
import { cookieJwtRules, jwtRules } from './rules/jwt-claims.ts';
import { loopRules } from './rules/loop.ts';
import { proxyRules } from './rules/proxy.ts';
import { schemeRules } from './rules/schemes.ts';
import { transportRules } from './rules/transport.ts';
import type { Ctx, Finding } from './rules/types.ts';
import type { Cause, DiagnoseOptions, Evidence } from './types.ts';

/**
 * Fills what a partial or older stored Evidence may lack, so a record written
 * by a previous version (or a test stub) never breaks a diagnosis.
 */
function normalize(ev: Evidence): Evidence {
  const e = (ev ?? {}) as Partial<Evidence>;
  const status = Number(e.status) || 0;
  return {
    ...e,
    v: 1,
    method: typeof e.method === 'string' ? e.method : 'GET',
    url: typeof e.url === 'string' ? e.url : '',
    origin: typeof e.origin === 'string' ? e.origin : '',
    host: typeof e.host === 'string' ? e.host : '',
    protocol: typeof e.protocol === 'string' ? e.protocol : '',
    status,
    cookieNames: Array.isArray(e.cookieNames) ? e.cookieNames : null,
    apiKeyHeaders: Array.isArray(e.apiKeyHeaders) ? e.apiKeyHeaders : [],
    apiKeyParams: Array.isArray(e.apiKeyParams) ? e.apiKeyParams : [],
    requestHeadersComplete: e.requestHeadersComplete !== false && Array.isArray(e.cookieNames),
    challengeHeader:
      e.challengeHeader ?? (status === 407 ? 'Proxy-Authenticate' : 'WWW-Authenticate'),
    challengePresent: e.challengePresent === true,
    challenges: Array.isArray(e.challenges) ? e.challenges : [],
    challengeRaw: Array.isArray(e.challengeRaw) ? e.challengeRaw : [],
    challengeMalformed: e.challengeMalformed === true,
    challengeProblems: Array.isArray(e.challengeProblems) ? e.challengeProblems : [],
    responseHeaders:
      e.responseHeaders && typeof e.responseHeaders === 'object' ? e.responseHeaders : {},
    setCookieNames: Array.isArray(e.setCookieNames) ? e.setCookieNames : [],
  };
}

const RULES: readonly ((ctx: Ctx) => Finding[])[] = [
  proxyRules,
  transportRules,
  credentialRules,
  schemeRules,
  jwtRules,
  cookieJwtRules,
  claimFindings,
  loopRules,
];

/**
 * Ranked causes for one 401/407, most likely first; never empty.
 * `others` are the exchanges around it (same page, same HAR), for auth-loop.
 */
export function diagnose(
  evidence: Evidence,
  others: readonly Evidence[] = [],
  opts: DiagnoseOptions = {},
): Cause[] {
  const t = withFallback(opts.t);
  const target = normalize(evidence);
  const around = Array.isArray(others) ? others.filter((o) => o && o !== evidence) : [];
  const ctx = buildCtx(target, around, t);
  const findings: Finding[] = [];
  for (const rule of RULES) findings.push(...rule(ctx));
  let merged = merge(findings);
  // A 407 is the proxy's: rules about the site's own authentication do not apply.
  if (target.status === 407)
    merged = merged.filter((f) => f.id === 'proxy-auth-required' || f.id === 'insecure-transport');
  // A preflight carries no credentials by design: "no credentials" is not a cause there.
  if (merged.some((f) => f.id === 'cors-preflight' && f.confidence >= 0.9)) {
    merged = merged.filter((f) => f.id !== 'no-credentials');
  }
  // stale=true means the password was right (RFC 7616 §3.3): a stock "wrong password" page is not a cause.
  if (merged.some((f) => f.id === 'digest-stale')) {
    merged = merged.filter((f) => f.id !== 'credentials-rejected' || f.confidence >= 0.8);
  }
  return sortFindings(addServerDefects(ctx, merged)).map((f) => render(ctx, f));
}
