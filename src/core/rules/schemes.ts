// Scheme-level rules: the scheme sent vs the schemes challenged
// (RFC 9110 §11.6.1: a server lists every scheme it accepts), Basic/Digest
// refused again (RFC 7617 §2, RFC 7616 §3.3), Digest's stale nonce
// (RFC 7616 §3.3 "stale"), and Negotiate/NTLM (RFC 4559, MS-NLMP).
import { challengeLine, credentialLine } from './credentials.ts';
import { msg, type Ctx, type Finding, type Msg } from './types.ts';

const INTEGRATED = new Set(['negotiate', 'ntlm', 'kerberos']);
/** Bearer-style tokens (RFC 6750, RFC 9449): refusals are read from the error code and the token. */
const TOKEN_SCHEMES = new Set(['bearer', 'dpop', '']);

export function schemeRules(ctx: Ctx): Finding[] {
  const { ev } = ctx;
  const out: Finding[] = [];
  if (ev.method === 'OPTIONS' && ev.preflightMethod !== undefined) return out;
  const ch = ctx.challenged;
  const cred = credentialLine(ctx);
  const withCred = (...m: Msg[]): Msg[] => (cred ? [cred, ...m] : m);

  // Digest stale=true: the password was right, only the nonce is old; the client should retry.
  const stale = ev.challenges.find(
    (c) => c.scheme.toLowerCase() === 'digest' && c.params.stale?.toLowerCase() === 'true',
  );
  if (stale) {
    out.push({
      id: 'digest-stale',
      confidence: 0.92,
      evidence: withCred(challengeLine(ctx), msg('ev_digest_stale')),
    });
  }

  // Integrated Windows sign-in only.
  if (ch.length && ch.every((s) => INTEGRATED.has(s))) {
    if (ctx.sent === undefined || INTEGRATED.has(ctx.sent)) {
      const lines: Msg[] = [challengeLine(ctx)];
      if (ctx.sent === undefined) lines.push(msg('ev_negotiate_none'));
      else if (ev.ntlmType === 1) lines.push(msg('ev_ntlm_type1'));
      else lines.push(msg('ev_negotiate_rejected', ev.authScheme ?? ''));
      if (ch.length > 1 || ev.challengeRaw.length > 1)
        lines.push(msg('ev_schemes_offered', ev.challenges.map((c) => c.scheme).join(', ')));
      out.push({ id: 'negotiate-failed', confidence: 0.86, evidence: lines });
    } else {
      out.push({ id: 'negotiate-failed', confidence: 0.5, evidence: [challengeLine(ctx)] });
    }
  }

  // A token with no scheme in front of it ("Authorization: eyJ…"): the field's
  // grammar is a scheme first (RFC 9110 §11.6.2), and servers look for
  // "Bearer ", whatever they challenge — or when they challenge nothing.
  // Less sure than with a challenge: some APIs document a raw value in
  // Authorization (etcd, RubyGems).
  if (ctx.sent === '' && !ev.authRedacted && !ch.length) {
    out.push({
      id: 'scheme-mismatch',
      confidence: 0.55,
      evidence: withCred(challengeLine(ctx), msg('ev_bare_token_unchallenged')),
    });
    return out;
  }
  if (!ctx.hasAuth || ctx.sent === undefined || ev.authRedacted || !ch.length) return out;

  // "OAuth realm=…" is what Twitch and Jira still challenge while they take
  // Bearer tokens; and a challenge that names an RFC 6750 error about the
  // token sent (invalid_token, insufficient_scope) has read it as a token.
  const tokenSent = ctx.sent === 'bearer' || ctx.sent === 'dpop';
  // So have the server's words when they refuse the token itself ("User
  // cannot be authenticated with the token provided", GitHub Packages under
  // its Basic challenge): it read the Bearer token, and refused it.
  const saysTokenRefused = ctx.bodyClaim?.kind === 'invalid' || ctx.bodyClaim?.kind === 'expired';
  const readAsToken = tokenSent && (ch.includes('oauth') || ctx.tokenError || saysTokenRefused);
  if (!ch.includes(ctx.sent) && !readAsToken) {
    // The server lists what it accepts and the scheme sent is not among them.
    let detail: Msg;
    if (ctx.sent === '')
      detail = msg(
        'ev_bare_token',
        ch.includes('bearer') ? 'Bearer' : (ev.challenges[0]?.scheme ?? ''),
      );
    else
      detail = msg(
        'ev_scheme_not_offered',
        ev.authScheme ?? '',
        ev.challenges.map((c) => c.scheme).join(', '),
      );
    const confidence = ev.challengeMalformed ? 0.5 : INTEGRATED.has(ch[0] ?? '') ? 0.8 : 0.86;
    out.push({ id: 'scheme-mismatch', confidence, evidence: withCred(challengeLine(ctx), detail) });
    return out;
  }

  // Same password-based scheme challenged again: the user name or password was refused.
  if ((ctx.sent === 'basic' || ctx.sent === 'digest') && !stale) {
    out.push({
      id: 'credentials-rejected',
      confidence: 0.85,
      evidence: withCred(challengeLine(ctx), msg('ev_rechallenged', ev.authScheme ?? '')),
    });
  } else if (!TOKEN_SCHEMES.has(ctx.sent) && !INTEGRATED.has(ctx.sent) && !ev.jwt) {
    // An opaque key under its own scheme (ApiKey, Token, SSWS, …) challenged
    // again: a 401 to a request that carried credentials means they were
    // refused (RFC 9110 §11.6.1, §15.5.2). A JWT is judged by its claims.
    out.push({
      id: 'credentials-rejected',
      confidence: 0.75,
      evidence: withCred(challengeLine(ctx), msg('ev_rechallenged', ev.authScheme ?? '')),
    });
  }
  return out;
}
