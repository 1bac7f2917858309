// What a JWT sent as the credential says about itself (RFC 7519 §4.1):
// exp before "now" (token-expired), nbf/iat after it (token-not-yet-valid,
// clock skew), aud for another host (token-wrong-audience), scopes short of
// the challenge's scope (RFC 6750 §3, insufficient-scope). "Now" is the
// response's Date, else the request start (causes.md, Time).
import { duration, iso } from '../time.ts';
import { credentialLine } from './credentials.ts';
import { msg, type Ctx, type Finding, type Msg } from './types.ts';

/** Servers commonly allow some clock skew; below this a not-before is not called out. */
const NBF_LEEWAY_MS = 60_000;
/** iat in the future is tolerated more: many issuers stamp it loosely. */
const IAT_LEEWAY_MS = 300_000;

function nowLine(ctx: Ctx): string {
  const key =
    ctx.nowSource === 'date'
      ? 'ev_now_date'
      : ctx.nowSource === 'start'
        ? 'ev_now_start'
        : 'ev_now_clock';
  return ctx.t(key, [iso(ctx.now)]);
}

function isIp(host: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.includes(':') || host.startsWith('[');
}

const isLoopback = (host: string) =>
  host === 'localhost' ||
  host.endsWith('.localhost') ||
  /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host) ||
  host === '[::1]' ||
  host === '::1';

/**
 * Audiences that name no API: Duende/IdentityServer's static audience,
 * "{issuer}/resources" (EmitStaticAudienceClaim), is stamped on every access
 * token it issues, whichever API it is for (Xero's tokens to its API carry
 * their identity server's "/resources").
 */
function namesNoApi(aud: string, iss: string | undefined): boolean {
  if (!iss) return false;
  const norm = (x: string) => x.trim().toLowerCase().replace(/\/+$/, '');
  return norm(aud) === `${norm(iss)}/resources`;
}

/** Only when every audience can be judged and none is this host: otherwise we cannot tell. */
function publicAudienceMismatch(
  aud: readonly string[],
  host: string,
  iss: string | undefined,
): boolean {
  const named = aud.filter((a) => !namesNoApi(a, iss));
  if (!named.length) return false;
  const judged = named.map(audienceHost);
  return judged.every((h) => h !== undefined) && !judged.some((h) => hostsMatch(h as string, host));
}

/**
 * A local server may stand in front of a real API (a dev proxy forwarding the
 * token), so a public audience says nothing there. But a token whose audience
 * is another local service (a loopback URL on another port) was minted for
 * that service, not this one.
 */
function loopbackAudienceMismatch(aud: readonly string[], origin: string): boolean {
  let port: string;
  try {
    const u = new URL(origin);
    port = u.port || (u.protocol === 'https:' ? '443' : '80');
  } catch {
    return false;
  }
  const local = aud.map((a) => {
    try {
      const u = new URL(a);
      if (!/^https?:$/.test(u.protocol) || !isLoopback(u.hostname)) return undefined;
      return u.port || (u.protocol === 'https:' ? '443' : '80');
    } catch {
      return undefined;
    }
  });
  return local.every((p) => p !== undefined) && !local.includes(port);
}

/** Hosts that are the same API under two names (Azure Resource Manager's legacy audience). */
const ALIASES: Record<string, string[]> = {
  'management.azure.com': ['management.core.windows.net'],
  'management.core.windows.net': ['management.azure.com'],
};

/** Names that are not public DNS (RFC 6761, RFC 8375, Kubernetes, common private zones). */
const INTERNAL_TLD =
  /\.(svc|cluster\.local|local|internal|intranet|lan|corp|home|home\.arpa|localdomain|private)$/;

/** The host an audience names, or undefined when it cannot be judged (api://…, GUIDs, client ids, "account"). */
export function audienceHost(aud: string): string | undefined {
  const a = aud.trim().toLowerCase();
  if (/^https?:\/\//.test(a)) {
    try {
      const host = new URL(a).hostname;
      return INTERNAL_TLD.test(host) ? undefined : host;
    } catch {
      return undefined;
    }
  }
  // A bare DNS name ("api.example.com"); not "api", not a GUID, not "urn:…",
  // not a cluster- or site-internal name ("kubernetes.default.svc"): a server
  // answers to those under whatever public name it is reached by.
  if (/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(a) && /[a-z]/.test(a.slice(a.lastIndexOf('.') + 1)))
    return INTERNAL_TLD.test(a) ? undefined : a;
  return undefined;
}

function hostsMatch(audHost: string, host: string): boolean {
  if (audHost === host) return true;
  if (host.endsWith(`.${audHost}`) || audHost.endsWith(`.${host}`)) return true;
  // Cluster-local names: "kubernetes.default.svc" is "kubernetes.default.svc.cluster.local".
  if (host.startsWith(`${audHost}.`) || audHost.startsWith(`${host}.`)) return true;
  return (ALIASES[host] ?? []).includes(audHost);
}

/** Docker-style "type:name:actions" or plain space-separated scopes. */
function scopeCovered(required: string, granted: readonly string[]): boolean {
  const parts = required.split(/:/);
  if (parts.length >= 3) {
    const actions = (parts.pop() ?? '').split(',').filter(Boolean);
    const resource = parts.join(':');
    const have = new Set<string>();
    for (const g of granted) {
      const gp = g.split(':');
      if (gp.length < 3) continue;
      const ga = (gp.pop() ?? '').split(',');
      if (gp.join(':') === resource) for (const a of ga) have.add(a);
    }
    return actions.every((a) => have.has(a) || have.has('*'));
  }
  return granted.includes(required);
}

/**
 * A session kept as a JWT in a cookie, and nothing else sent: its exp and
 * nbf say whether the session ran out (session-expired) or the clocks
 * disagree (token-not-yet-valid).
 */
export function cookieJwtRules(ctx: Ctx): Finding[] {
  const { ev } = ctx;
  const held = ev.cookieJwt;
  if (!held || ctx.hasAuth || ctx.hasApiKey) return [];
  const jwt = held.claims;
  const out: Finding[] = [];
  const lead = msg('ev_cookie_jwt', held.cookie);
  const now = ctx.now;
  if (jwt.exp !== undefined && jwt.exp * 1000 <= now) {
    out.push({
      id: 'session-expired',
      confidence: now - jwt.exp * 1000 < 60_000 ? 0.7 : 0.88,
      evidence: [lead, msg('ev_jwt_exp_before', iso(jwt.exp * 1000), nowLine(ctx))],
    });
  }
  const nbfAhead = jwt.nbf !== undefined ? jwt.nbf * 1000 - now : -Infinity;
  const iatAhead = jwt.iat !== undefined ? jwt.iat * 1000 - now : -Infinity;
  // A session token is checked to the second (Clerk allows none): any nbf ahead counts.
  if (nbfAhead > 0 || iatAhead > IAT_LEEWAY_MS) {
    const which = nbfAhead > 0 ? 'nbf' : 'iat';
    const at = which === 'nbf' ? (jwt.nbf as number) : (jwt.iat as number);
    out.push({
      id: 'token-not-yet-valid',
      confidence: which === 'nbf' ? 0.88 : 0.8,
      summary: msg('cause_token_not_yet_valid_by', duration(at * 1000 - now, ctx.t)),
      evidence: [lead, msg('ev_jwt_future', which, iso(at * 1000), nowLine(ctx))],
    });
  }
  return out;
}

export function jwtRules(ctx: Ctx): Finding[] {
  const { ev } = ctx;
  const jwt = ev.jwt;
  const out: Finding[] = [];
  if (!jwt) return out;
  const cred = credentialLine(ctx);
  const lines = (...m: Msg[]): Msg[] => (cred ? [cred, ...m] : m);
  const now = ctx.now;

  if (jwt.exp !== undefined && jwt.exp * 1000 <= now) {
    const ago = now - jwt.exp * 1000;
    out.push({
      id: 'token-expired',
      // Within a minute servers with leeway may still accept it: less sure.
      confidence: ago < 60_000 ? 0.7 : 0.9,
      summary: msg('cause_token_expired_ago', duration(ago, ctx.t)),
      evidence: lines(msg('ev_jwt_exp_before', iso(jwt.exp * 1000), nowLine(ctx))),
    });
  }

  const nbfAhead = jwt.nbf !== undefined ? jwt.nbf * 1000 - now : -Infinity;
  const iatAhead = jwt.iat !== undefined ? jwt.iat * 1000 - now : -Infinity;
  if (nbfAhead > NBF_LEEWAY_MS || iatAhead > IAT_LEEWAY_MS) {
    const which = nbfAhead > NBF_LEEWAY_MS ? 'nbf' : 'iat';
    const at = which === 'nbf' ? (jwt.nbf as number) : (jwt.iat as number);
    out.push({
      id: 'token-not-yet-valid',
      confidence: which === 'nbf' ? 0.88 : 0.8,
      summary: msg('cause_token_not_yet_valid_by', duration(at * 1000 - now, ctx.t)),
      evidence: lines(msg('ev_jwt_future', which, iso(at * 1000), nowLine(ctx))),
    });
  }

  if (jwt.aud?.length && ev.host) {
    const mismatch = isLoopback(ev.host)
      ? loopbackAudienceMismatch(jwt.aud, ev.origin)
      : !isIp(ev.host) && publicAudienceMismatch(jwt.aud, ev.host, jwt.iss);
    if (mismatch) {
      out.push({
        id: 'token-wrong-audience',
        confidence: 0.8,
        evidence: lines(msg('ev_jwt_aud', jwt.aud.join(', '), ev.host)),
      });
    }
  }

  // An ID token sent where an access token belongs (OIDC Core §2): its
  // audience is the app's client id, which no API accepts. Said only when
  // the audience itself could not be judged above.
  if (
    jwt.idToken &&
    ctx.sent === 'bearer' &&
    // An audience that names a host was judged above (and may be this one:
    // Cloud Run and IAP take ID tokens minted for their URL).
    !(jwt.aud ?? []).some((a) => audienceHost(a) !== undefined) &&
    !out.some((f) => f.id === 'token-wrong-audience' || f.id === 'token-expired')
  ) {
    out.push({
      id: 'token-wrong-audience',
      confidence: 0.65,
      summary: msg('cause_token_wrong_audience_id_token'),
      evidence: lines(msg('ev_jwt_id_token', (jwt.aud ?? []).join(', ') || '—')),
      fixes: [msg('fix_send_access_token')],
    });
  }

  if (jwt.millisecondDates) {
    out.push({
      id: 'token-invalid',
      confidence: 0.75,
      summary: msg('cause_token_invalid_ms_dates'),
      evidence: lines(msg('ev_jwt_ms_dates')),
    });
  }

  const required = ev.challenges.map((c) => c.params.scope).find((s) => s);
  const invalidToken = ev.challenges.some((c) => c.params.error?.toLowerCase() === 'invalid_token');
  if (required && jwt.scope && !invalidToken) {
    const missing = required.split(/\s+/).filter((r) => r && !scopeCovered(r, jwt.scope ?? []));
    if (missing.length) {
      out.push({
        id: 'insufficient-scope',
        confidence: 0.75,
        evidence: lines(
          msg('ev_scope_missing', missing.join(' '), jwt.scope.slice(0, 10).join(' ')),
        ),
      });
    }
  }
  return out;
}
