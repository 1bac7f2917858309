// What the server says (its challenge's error code, a vendor's error body,
// its words), reconciled with what the request actually carried: a server
// saying "missing" about a request that did carry a token means the token was
// not where (or in the form) it looks.
import { VENDORS } from '../vendors/index.ts';
import { credentialLine } from './credentials.ts';
import { classify, snippet } from './words.ts';
import { iso } from '../time.ts';
import { msg, quote, type Claim, type Ctx, type Finding, type Msg } from './types.ts';

/** A JWT's exp this far past "now" (the server's own Date) is not what the server refused. */
const EXP_MARGIN_MS = 120_000;

/** The JWT sent has not expired by the server's own clock (its Date header). */
function jwtInDate(ctx: Ctx): boolean {
  const exp = ctx.ev.jwt?.exp;
  return exp !== undefined && ctx.nowSource === 'date' && exp * 1000 > ctx.now + EXP_MARGIN_MS;
}

/** RFC 6750 §3.1 error codes in the challenge. */
function challengeClaims(ctx: Ctx): Claim[] {
  const out: Claim[] = [];
  for (const c of ctx.ev.challenges) {
    const error = c.params.error?.toLowerCase();
    if (!error) continue;
    const desc = c.params.error_description ?? '';
    const ev = msg('ev_challenge_error', c.scheme, error, desc ? quote(desc) : '—');
    if (error === 'invalid_token') {
      const k = classify(desc);
      // invalid_token is about the token: "session expired" there is the token's expiry.
      let kind: Claim['kind'] = k ?? 'invalid';
      if (k === 'session-timeout') kind = 'expired';
      else if (k === 'missing' || k?.startsWith('session')) kind = 'invalid';
      // A bare invalid_token says little: the token is refused, not why (causes.md, token-invalid).
      out.push({ kind, confidence: kind === 'invalid' ? (desc ? 0.8 : 0.6) : 0.9, evidence: ev });
    } else if (error === 'invalid_dpop_proof') {
      // RFC 9449 §7.1: the DPoP proof that goes with the token was refused.
      out.push({ kind: 'invalid', confidence: 0.85, evidence: ev });
    } else if (error === 'insufficient_scope') {
      out.push({ kind: 'scope', confidence: 0.92, evidence: ev });
    } else if (error === 'invalid_request') {
      // A catch-all code (RFC 6750 §3.1): a description that names something
      // more specific ("User session not found", Keycloak's userinfo) says more.
      const k = classify(desc);
      const kind = k && k !== 'missing' ? k : ctx.hasAuth ? 'invalid' : 'missing';
      out.push({ kind, confidence: 0.6, evidence: ev });
    } else {
      const k = classify(`${error} ${desc}`);
      if (k) out.push({ kind: k, confidence: 0.7, evidence: ev });
    }
  }
  return out;
}

/** A server naming the scheme it reads ("Format is Authorization: Bearer [token]", express-jwt). */
const NAMED_SCHEME =
  /authorization: +(bearer|basic|token|digest)\b|format is +(bearer|basic|token)\b|(must|should) (start|begin) with +['"`]?(bearer|basic|token)\b|expect(s|ed)? +['"`]?(bearer|basic|token)['"`]? +(scheme|prefix)/;

/** The server's words name a scheme other than the one sent: scheme-mismatch, with or without a challenge. */
function namedSchemeClaims(ctx: Ctx): Claim[] {
  if (!ctx.hasAuth || ctx.sent === undefined || ctx.ev.authRedacted) return [];
  const text = ctx.bodyText.slice(0, 4096);
  const m = NAMED_SCHEME.exec(text.toLowerCase());
  const named = m?.[1] ?? m?.[2] ?? m?.[5] ?? m?.[7];
  if (!m || !named || named === ctx.sent) return [];
  return [
    {
      kind: 'scheme',
      confidence: 0.8,
      evidence: msg('ev_body_says', quote(snippet(text, m.index))),
    },
  ];
}

function vendorClaims(ctx: Ctx): Claim[] {
  const out: Claim[] = [];
  for (const v of VENDORS) {
    let c: Claim[] | undefined;
    try {
      c = v.claims(ctx.ev);
    } catch {
      c = undefined; // a vendor rule must never break a diagnosis
    }
    if (c) out.push(...c);
  }
  return out;
}

function wordClaims(ctx: Ctx, already: readonly Claim[]): Claim[] {
  if (already.some((c) => c.confidence >= 0.8 && c.kind !== 'unspecific')) return [];
  const text = ctx.bodyText;
  const hit = ctx.bodyClaim;
  // A vendor rule that already read the same meaning says it better.
  if (!hit || already.some((c) => c.kind === hit.kind)) return [];
  // Stock HTML error pages talk generally ("wrong credentials, or your browser…"): trust them less.
  const html = (ctx.ev.body?.mimeType ?? '').toLowerCase().includes('html');
  return [
    {
      kind: hit.kind,
      confidence: html ? 0.45 : 0.62,
      evidence: msg('ev_body_says', quote(snippet(text, hit.index))),
    },
  ];
}

/** Basic, Digest or an API key: a password-like secret, refused as "credentials", not as a token. */
export function passwordLike(ctx: Ctx): boolean {
  if (ctx.sent === 'basic' || ctx.sent === 'digest') return true;
  // ?access_token= is a bearer token in the query (RFC 6750 §2.3), not a key.
  const queryBearer =
    ctx.ev.apiKeyHeaders.length === 0 &&
    ctx.ev.apiKeyParams.some((p) => p.toLowerCase() === 'access_token');
  if (!ctx.hasAuth && (ctx.hasApiKey || ctx.hasBodyCredential)) return !queryBearer;
  // "token ghp_…", "Token 9944b…", "ApiKey …": opaque, non-JWT secrets.
  return (
    ctx.hasAuth &&
    !ctx.ev.jwt &&
    ctx.sent !== undefined &&
    ctx.sent !== 'bearer' &&
    ctx.sent !== 'dpop' &&
    ctx.sent !== ''
  );
}

export function claimFindings(ctx: Ctx): Finding[] {
  const base = [...challengeClaims(ctx), ...vendorClaims(ctx), ...namedSchemeClaims(ctx)];
  const claims = [...base, ...wordClaims(ctx, base)];
  const out: Finding[] = [];
  const headerless = !ctx.hasAuth && !ctx.hasApiKey && !ctx.hasBodyCredential;
  // Only analytics, consent or anti-CSRF cookies went: nothing that signs anyone in.
  const noneThatSignIn = !ctx.anyCredential || (headerless && ctx.onlyNonAuthCookies);
  const cookiesOnly = ctx.hasCookies && headerless && !ctx.onlyNonAuthCookies;
  const tokenSent = ctx.hasAuth || ctx.hasApiKey;
  const mismatch =
    ctx.hasAuth &&
    ctx.sent !== undefined &&
    ctx.challenged.length > 0 &&
    !ctx.challenged.includes(ctx.sent);
  const cred = credentialLine(ctx);
  for (const c of claims) {
    const add = (id: Finding['id'], conf: number, ...more: Msg[]): void => {
      out.push({
        id,
        confidence: conf,
        evidence: [...(cred && id !== 'no-credentials' ? [cred] : []), c.evidence, ...more],
      });
    };
    /**
     * The server refused credentials ("bad credentials", "invalid token")
     * that the record does not show: it saw some, so they went somewhere the
     * record leaves out (a header Why 401 does not know, a HAR saved without
     * sensitive data). Its words are the better evidence; "none sent" stays
     * as the other reading.
     */
    const unseen = (id: Finding['id']): void => {
      // Clear words (a vendor's, a JSON reason) lead; a stock page's do not.
      const conf = c.confidence >= 0.6 ? Math.max(0.55, c.confidence * 0.8) : c.confidence * 0.8;
      add(id, conf, msg('ev_credentials_unseen'));
      add('no-credentials', ctx.credentialsKnown && !ctx.ev.sensitiveMayBeOmitted ? 0.45 : 0.35);
    };
    switch (c.kind) {
      case 'missing':
        if (noneThatSignIn)
          add('no-credentials', ctx.credentialsKnown ? c.confidence : c.confidence * 0.6);
        else if (mismatch) add('scheme-mismatch', c.confidence * 0.9);
        else if (cookiesOnly) add('session-expired', c.confidence);
        // "Authentication required" to a request that sent a user name and
        // password (Harbor's, a registry's token service): they were not accepted.
        else if (ctx.sent === 'basic' || ctx.sent === 'digest') add('credentials-rejected', 0.55);
        else if (ctx.hasAuth && !ctx.ev.challengePresent) add('scheme-mismatch', 0.4);
        else add(passwordLike(ctx) ? 'credentials-rejected' : 'token-invalid', 0.35);
        break;
      case 'missing-or-refused':
        if (noneThatSignIn)
          add('no-credentials', ctx.credentialsKnown ? c.confidence : c.confidence * 0.6);
        else if (cookiesOnly) add('session-expired', c.confidence * 0.9);
        else add(passwordLike(ctx) ? 'credentials-rejected' : 'token-invalid', c.confidence);
        break;
      case 'rejected':
        if (cookiesOnly) add('session-expired', c.confidence * 0.9);
        else if (noneThatSignIn) unseen('credentials-rejected');
        else add('credentials-rejected', ctx.credentialsKnown ? c.confidence : c.confidence * 0.8);
        break;
      case 'expired':
        if (cookiesOnly) add('session-expired', c.confidence);
        else if (jwtInDate(ctx)) {
          // "Invalid or expired", or a revoked session, said of a token whose
          // exp is still ahead of the server's own clock: refused, not expired.
          const exp = iso((ctx.ev.jwt?.exp ?? 0) * 1000);
          add('token-invalid', c.confidence * 0.85, msg('ev_jwt_exp_after', exp, iso(ctx.now)));
          add('token-expired', c.confidence * 0.5);
        } else add('token-expired', c.confidence);
        break;
      case 'not-yet-valid':
        add('token-not-yet-valid', c.confidence);
        break;
      case 'invalid':
        if (cookiesOnly) add('session-expired', c.confidence * 0.8);
        else if (noneThatSignIn) unseen('token-invalid');
        else add(passwordLike(ctx) ? 'credentials-rejected' : 'token-invalid', c.confidence);
        break;
      case 'audience':
        add('token-wrong-audience', c.confidence);
        break;
      case 'scope':
        add('insufficient-scope', c.confidence);
        break;
      case 'session-timeout':
      case 'session-unknown':
        if (cookiesOnly) add('session-expired', c.confidence);
        else if (tokenSent && !ctx.hasCookies) {
          // Said of a token: "Session has expired" (Facebook's Graph API) is
          // its expiry, unless its exp is still ahead; "User session not
          // found" (Keycloak) is a token whose sign-in session is gone.
          if (c.kind === 'session-unknown')
            add(passwordLike(ctx) ? 'credentials-rejected' : 'token-invalid', c.confidence);
          else if (jwtInDate(ctx)) add('token-invalid', c.confidence * 0.85);
          else add('token-expired', c.confidence);
        }
        // A session the record does not show: a HAR saved without cookies.
        else if (noneThatSignIn) unseen('session-expired');
        else add('session-expired', c.confidence);
        break;
      case 'session':
        // "Please log in" to a request that carried nothing: nothing expired.
        if (noneThatSignIn)
          add('no-credentials', ctx.credentialsKnown ? c.confidence : c.confidence * 0.6);
        else if (tokenSent && !ctx.hasCookies) add('token-expired', c.confidence * 0.7);
        else add('session-expired', c.confidence);
        break;
      case 'scheme':
        add('scheme-mismatch', c.confidence);
        break;
      case 'unspecific':
        if (ctx.hasAuth || ctx.hasApiKey)
          add(passwordLike(ctx) ? 'credentials-rejected' : 'token-invalid', c.confidence);
        else if (cookiesOnly) add('session-expired', c.confidence);
        break;
    }
  }
  return out;
}
