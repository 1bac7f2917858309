// The engine's public types. `core` is pure: no browser API, no DOM, no Node
// API. Everything here is shared by the extension (background, UI) and the
// `why401` command line. Contract: ../shared/spec/causes.md.
import type { RequestBody } from './body-credentials.ts';

/** The cause ids of causes.md. A public contract: renaming one is breaking. */
export const CAUSE_IDS = [
  'no-credentials',
  'credentials-rejected',
  'token-expired',
  'token-not-yet-valid',
  'token-invalid',
  'token-wrong-audience',
  'insufficient-scope',
  'scheme-mismatch',
  'session-expired',
  'cookie-not-sent',
  'digest-stale',
  'negotiate-failed',
  'cors-preflight',
  'auth-loop',
  'proxy-auth-required',
  'missing-challenge',
  'malformed-challenge',
  'insecure-transport',
] as const;
export type CauseId = (typeof CAUSE_IDS)[number];

export interface Header {
  name: string;
  value: string;
}

/**
 * One HTTP exchange as a HAR or the browser saw it. It MAY hold secrets
 * (Authorization, Cookie values): only `extractEvidence` reads it, and
 * nothing stores or shows it.
 */
export interface Exchange {
  method: string;
  url: string;
  status: number;
  statusText?: string;
  /** When the request started: ISO 8601 (HAR `startedDateTime`) or ms since epoch. */
  startedDateTime?: string | number;
  requestHeaders: Header[];
  responseHeaders: Header[];
  /**
   * Whether the request headers are complete. `false` when credentials may
   * have been left out of the record (a HAR saved without sensitive data, a
   * browser API that hides `Cookie`): then "no credentials were sent" cannot
   * be claimed. Default: the engine decides from the record itself.
   */
  requestHeadersComplete?: boolean;
  /**
   * The request body where known (HAR `postData`): only which sign-in
   * fields it carried is kept (body-credentials.ts), never their values.
   */
  requestBody?: RequestBody;
  /** The response body where known (HAR `content.text`, DevTools, Firefox filterResponseData). */
  responseBody?: { text: string; mimeType?: string; encoding?: string };
  /** Browser resource type (main_frame, xmlhttprequest, image, …) where known. */
  resourceType?: string;
  /** Browser only: names of the cookies the browser's jar holds for this URL. */
  cookieJarNames?: string[];
  /** Names of the cookies a HAR lists for the request (its `cookies` array). */
  requestCookieNames?: string[];
  /**
   * Browser only: the recorder could not see the request's Cookie header
   * (Chrome hides it from extensions unless they pay for `extraHeaders`).
   * Authorization and the other headers were seen; which cookies went is
   * then judged from `cookieJarNames` and `initiatorOrigin`.
   */
  cookieHeaderHidden?: boolean;
  /** Browser only: the origin of the document or worker that made the request. */
  initiatorOrigin?: string;
  /**
   * Who recorded the exchange: the extension ('browser'), a browser's HAR
   * export that shows no sensitive header anywhere ('har-browser': it may
   * have been saved without them) or any other HAR ('har').
   */
  source?: 'browser' | 'har-browser' | 'har';
}

/** A secret as it may be shown and stored: scheme, a short prefix, its length. */
export interface MaskedSecret {
  /** e.g. "Bearer", "Basic", or the header name for API keys. */
  scheme: string;
  /** e.g. "Bearer eyJh… (812 chars)". Never the whole value. */
  masked: string;
  length: number;
}

/** Claims read from a JWT without verifying it. Only non-secret claims. */
export interface JwtClaims {
  alg?: string;
  typ?: string;
  exp?: number;
  nbf?: number;
  iat?: number;
  aud?: string[];
  iss?: string;
  scope?: string[];
  /** Subject is an identifier, not a secret, but is shown masked anyway. */
  sub?: string;
  /**
   * An OpenID Connect ID token (OIDC Core §2: nonce, at_hash or c_hash, or
   * Keycloak's typ "ID"; no scopes, no typ "at+jwt"): it tells the app who
   * signed in and is not meant to be sent to APIs.
   */
  idToken?: boolean;
  /** exp, nbf or iat in milliseconds, not the seconds RFC 7519 §2 asks for: the issuer's bug. */
  millisecondDates?: boolean;
}

/** A cause in the diagnosis, as causes.md describes it. */
export interface Cause {
  id: CauseId;
  /** 0..1. Ranking is by confidence, highest first. */
  confidence: number;
  summary: string;
  evidence: string[];
  fixes: string[];
  /** Documentation links for the cause (http/https only). */
  links?: { label: string; url: string }[];
}

// ---------------------------------------------------------------------------
// Added by the engine (additions only; the names above are the agreed contract).

/** Renders a message key with positional substitutions ($1..$9), like `i18n.getMessage`. */
export type Translate = (key: string, substitutions?: string[]) => string;

/** One parsed challenge (RFC 9110 §11.3). Server text, not a secret. */
export interface Challenge {
  /** As the server wrote it; compare case-insensitively (RFC 9110 §11.1). */
  scheme: string;
  /** The token68 form (RFC 9110 §11.2), e.g. Negotiate's blob. */
  token68?: string;
  /** auth-params, names lower-cased (they are case-insensitive, §11.2). */
  params: Record<string, string>;
}

/** A short, secret-free digest of the response body. */
export interface BodySummary {
  mimeType?: string;
  /** Plain-text excerpt (HTML tags dropped), at most ~2 KB, known secrets masked. */
  text: string;
  truncated: boolean;
  /** String/number leaves of a JSON body by path ("error.code", "errors.0.message"), bounded. */
  fields?: Record<string, string>;
}

/**
 * Everything `diagnose` needs about one exchange, and nothing secret: what the
 * background stores and the UI reads. Plain JSON, bounded (< 16 KB).
 */
export interface Evidence {
  v: 1;
  method: string;
  /** The URL with secret-looking query values masked. */
  url: string;
  /** "https://host:port", or "" when the URL does not parse. */
  origin: string;
  /** Lower-cased host name without port ("" when unknown). */
  host: string;
  /** "https:", "http:", … ("" when unknown). */
  protocol: string;
  status: number;
  statusText?: string;
  /** Request start, ms since epoch; undefined when unknown. */
  time?: number;
  /** The response's Date header, ms since epoch. */
  serverDate?: number;
  /** Scheme of the Authorization header sent ("Bearer", "Basic", …); undefined if none or bare. */
  authScheme?: string;
  /** The Authorization header as sent, masked. */
  authorization?: MaskedSecret;
  /** A token was sent in Authorization without any scheme in front of it. */
  authBare?: boolean;
  /** Authorization carried a placeholder instead of a token ("undefined", "null", "", …). Not a secret. */
  authPlaceholder?: string;
  /** The credential value was redacted in the record (e.g. "[REDACTED]"): something was sent. */
  authRedacted?: boolean;
  /** NTLM message type sent (1 = negotiate, 3 = authenticate). */
  ntlmType?: number;
  /** Claims of a JWT sent as the credential (never verified). */
  jwt?: JwtClaims;
  /** Scheme of a Proxy-Authorization header sent. */
  proxyAuthScheme?: string;
  /** Names of cookies sent; null when the record cannot tell. */
  cookieNames: string[] | null;
  /** Browser only: names of the cookies the jar holds for the URL. */
  cookieJarNames?: string[];
  /** A cookie that holds a JWT (a session kept as a token): its name and claims. */
  cookieJwt?: { cookie: string; claims: JwtClaims };
  /**
   * The Cookie header was hidden from the recorder and the jar holds cookies
   * for the URL: whether they went with this request is not known.
   */
  cookiesHidden?: boolean;
  /** Browser only: the request came from another origin than the one it went to. */
  crossOrigin?: boolean;
  /** Names of API-key-like request headers sent (values never kept). */
  apiKeyHeaders: string[];
  /** Names of credential-like query parameters in the URL. */
  apiKeyParams: string[];
  /** The URL's path held a token-like value (Telegram's /bot<token>/, a webhook key); masked in `url`. */
  pathSecret?: boolean;
  /** Names of sign-in fields the request body carried (a login form's password, a client_secret). */
  bodyCredentials?: string[];
  /** false when credentials may be missing from the record (HAR without sensitive data, …). */
  requestHeadersComplete: boolean;
  /** A browser-made HAR: a file saved "without sensitive data" would look the same. */
  sensitiveMayBeOmitted?: boolean;
  resourceType?: string;
  /** Origin request header, if sent. */
  requestOrigin?: string;
  /** Access-Control-Request-Method of a preflight. */
  preflightMethod?: string;
  /** The header the challenges came from. */
  challengeHeader: 'WWW-Authenticate' | 'Proxy-Authenticate';
  /** Whether that header was present at all. */
  challengePresent: boolean;
  challenges: Challenge[];
  /** Raw challenge field values, capped (server text). */
  challengeRaw: string[];
  challengeMalformed: boolean;
  challengeProblems: string[];
  /** Selected response headers (lower-case names), capped. */
  responseHeaders: Record<string, string>;
  /** Names of cookies the response set. */
  setCookieNames: string[];
  /** Location header, masked. */
  location?: string;
  body?: BodySummary;
}

export interface DiagnoseOptions {
  t?: Translate;
}

/** One entry of `why401 explain --json` (causes.md). */
export interface ExplainEntry {
  index: number;
  method: string;
  url: string;
  status: number;
  causes: {
    id: CauseId;
    confidence: number;
    summary: string;
    evidence: string[];
    fixes: string[];
  }[];
}

export interface ExplainResult {
  entries: ExplainEntry[];
}
