// What rules produce before ranking: findings with message keys (not text),
// so one diagnosis can be rendered in any language.
import type { CauseId, Evidence, Translate } from '../types.ts';

export interface Msg {
  key: string;
  subs?: string[];
}

export interface Finding {
  id: CauseId;
  confidence: number;
  /** Overrides the default summary `cause_<id>`. */
  summary?: Msg;
  evidence: Msg[];
  /** Extra fixes shown before the default ones of the cause. */
  fixes?: Msg[];
}

/** What a server says about why it refused, from a challenge, a vendor body or its words. */
export type ClaimKind =
  | 'missing'
  /** "Missing or invalid": the request decides which (nothing sent, or refused). */
  | 'missing-or-refused'
  | 'rejected'
  | 'expired'
  | 'not-yet-valid'
  | 'invalid'
  | 'audience'
  | 'scope'
  /** "Please log in", "not logged in": says nothing of what was sent. */
  | 'session'
  /** "Your session expired", "session timed out": a session (or token) was presented and has lapsed. */
  | 'session-timeout'
  /** "Session not found", "session is no longer valid": one was presented and is not known (any more). */
  | 'session-unknown'
  | 'scheme'
  | 'unspecific';

export interface Claim {
  kind: ClaimKind;
  confidence: number;
  evidence: Msg;
}

/** Facts about one exchange that several rules share. */
export interface Ctx {
  ev: Evidence;
  others: readonly Evidence[];
  t: Translate;
  now: number;
  nowSource: 'date' | 'start' | 'clock';
  /** Lower-cased schemes challenged (from Proxy-Authenticate for a 407). */
  challenged: string[];
  /** Lower-cased scheme sent in Authorization; "" for a bare token; undefined when none. */
  sent?: string;
  hasAuth: boolean;
  hasCookies: boolean;
  hasApiKey: boolean;
  /** The body carried sign-in fields (a login form's password, a client_secret). */
  hasBodyCredential: boolean;
  /**
   * Cookies went, but only ones no framework signs in with (analytics,
   * consent, anti-CSRF, load-balancer stickiness): as good as none.
   */
  onlyNonAuthCookies: boolean;
  anyCredential: boolean;
  /**
   * The server's words say credentials it was given were wrong ("Bad
   * credentials", "Invalid API key", "Your session expired"): it saw some,
   * whatever the record shows.
   */
  saysRefused: boolean;
  /** What the reason text says (words.ts), read once for every rule that asks. */
  bodyClaim?: { kind: ClaimKind; index: number };
  /** The challenge names an RFC 6750 §3.1 error about a token (invalid_token, insufficient_scope). */
  tokenError: boolean;
  /** The record shows every credential the request carried. */
  credentialsKnown: boolean;
  /** Reason text (original case): challenge error_description, JSON reason fields, excerpt, status text. */
  bodyText: string;
}

export const msg = (key: string, ...subs: string[]): Msg => (subs.length ? { key, subs } : { key });

/** Quotes server text for an evidence line, bounded. */
export function quote(s: string, max = 200): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max)}…` : one;
}
