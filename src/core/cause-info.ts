// Per cause: the default fixes (message keys) and documentation links.
import type { CauseId } from './types.ts';

export const FIXES: Record<CauseId, string[]> = {
  'no-credentials': ['fix_no_credentials_1', 'fix_no_credentials_2', 'fix_no_credentials_3'],
  'credentials-rejected': [
    'fix_credentials_rejected_1',
    'fix_credentials_rejected_2',
    'fix_credentials_rejected_3',
  ],
  'token-expired': ['fix_token_expired_1', 'fix_token_expired_2'],
  'token-not-yet-valid': ['fix_token_not_yet_valid_1', 'fix_token_not_yet_valid_2'],
  'token-invalid': ['fix_token_invalid_1', 'fix_token_invalid_2'],
  'token-wrong-audience': ['fix_token_wrong_audience_1', 'fix_token_wrong_audience_2'],
  'insufficient-scope': ['fix_insufficient_scope_1', 'fix_insufficient_scope_2'],
  'scheme-mismatch': ['fix_scheme_mismatch_1', 'fix_scheme_mismatch_2'],
  'session-expired': ['fix_session_expired_1', 'fix_session_expired_2'],
  'cookie-not-sent': ['fix_cookie_not_sent_1', 'fix_cookie_not_sent_2', 'fix_cookie_not_sent_3'],
  'digest-stale': ['fix_digest_stale_1', 'fix_digest_stale_2'],
  'negotiate-failed': [
    'fix_negotiate_failed_1',
    'fix_negotiate_failed_2',
    'fix_negotiate_failed_3',
  ],
  'cors-preflight': ['fix_cors_preflight_1', 'fix_cors_preflight_2'],
  'auth-loop': ['fix_auth_loop_1', 'fix_auth_loop_2'],
  'proxy-auth-required': ['fix_proxy_auth_required_1', 'fix_proxy_auth_required_2'],
  'missing-challenge': ['fix_missing_challenge_1', 'fix_missing_challenge_2'],
  'malformed-challenge': ['fix_malformed_challenge_1', 'fix_malformed_challenge_2'],
  'insecure-transport': ['fix_insecure_transport_1', 'fix_insecure_transport_2'],
};

type Link = { label: string; url: string };
const MDN_401: Link = {
  label: 'MDN: 401 Unauthorized',
  url: 'https://developer.mozilla.org/docs/Web/HTTP/Status/401',
};
const MDN_WWWA: Link = {
  label: 'MDN: WWW-Authenticate',
  url: 'https://developer.mozilla.org/docs/Web/HTTP/Headers/WWW-Authenticate',
};
const RFC6750_31: Link = {
  label: 'RFC 6750 §3.1 (Bearer error codes)',
  url: 'https://www.rfc-editor.org/rfc/rfc6750#section-3.1',
};
const RFC7519_41: Link = {
  label: 'RFC 7519 §4.1 (JWT claims)',
  url: 'https://www.rfc-editor.org/rfc/rfc7519#section-4.1',
};

export const LINKS: Record<CauseId, Link[]> = {
  'no-credentials': [
    MDN_401,
    { label: 'RFC 9110 §11.6.1', url: 'https://www.rfc-editor.org/rfc/rfc9110#section-11.6.1' },
  ],
  'credentials-rejected': [
    MDN_401,
    { label: 'RFC 7617 (Basic)', url: 'https://www.rfc-editor.org/rfc/rfc7617' },
  ],
  'token-expired': [RFC6750_31, RFC7519_41],
  'token-not-yet-valid': [RFC7519_41],
  'token-invalid': [RFC6750_31],
  'token-wrong-audience': [
    { label: 'RFC 7519 §4.1.3 (aud)', url: 'https://www.rfc-editor.org/rfc/rfc7519#section-4.1.3' },
  ],
  'insufficient-scope': [RFC6750_31],
  'scheme-mismatch': [
    MDN_WWWA,
    {
      label: 'MDN: Authorization',
      url: 'https://developer.mozilla.org/docs/Web/HTTP/Headers/Authorization',
    },
  ],
  'session-expired': [
    {
      label: 'MDN: Using HTTP cookies',
      url: 'https://developer.mozilla.org/docs/Web/HTTP/Cookies',
    },
  ],
  'cookie-not-sent': [
    {
      label: 'MDN: SameSite cookies',
      url: 'https://developer.mozilla.org/docs/Web/HTTP/Headers/Set-Cookie#samesitesamesite-value',
    },
    {
      label: 'MDN: fetch credentials',
      url: 'https://developer.mozilla.org/docs/Web/API/RequestInit#credentials',
    },
  ],
  'digest-stale': [
    { label: 'RFC 7616 §3.3 (stale)', url: 'https://www.rfc-editor.org/rfc/rfc7616#section-3.3' },
  ],
  'negotiate-failed': [
    { label: 'RFC 4559 (Negotiate)', url: 'https://www.rfc-editor.org/rfc/rfc4559' },
  ],
  'cors-preflight': [
    {
      label: 'MDN: Preflight request',
      url: 'https://developer.mozilla.org/docs/Glossary/Preflight_request',
    },
  ],
  'auth-loop': [
    {
      label: 'RFC 6749 §6 (refreshing a token)',
      url: 'https://www.rfc-editor.org/rfc/rfc6749#section-6',
    },
  ],
  'proxy-auth-required': [
    {
      label: 'MDN: 407 Proxy Authentication Required',
      url: 'https://developer.mozilla.org/docs/Web/HTTP/Status/407',
    },
  ],
  'missing-challenge': [
    MDN_WWWA,
    { label: 'RFC 9110 §15.5.2', url: 'https://www.rfc-editor.org/rfc/rfc9110#section-15.5.2' },
  ],
  'malformed-challenge': [
    MDN_WWWA,
    { label: 'RFC 9110 §11.6.1', url: 'https://www.rfc-editor.org/rfc/rfc9110#section-11.6.1' },
  ],
  'insecure-transport': [
    { label: 'RFC 9110 §17.16.1', url: 'https://www.rfc-editor.org/rfc/rfc9110#section-17.16.1' },
  ],
};

/** Tie-break order when confidences are equal: root causes before symptoms and server defects. */
export const PRIORITY: readonly CauseId[] = [
  'proxy-auth-required',
  'cors-preflight',
  'token-expired',
  'token-not-yet-valid',
  'token-wrong-audience',
  'insufficient-scope',
  'digest-stale',
  'scheme-mismatch',
  'negotiate-failed',
  'credentials-rejected',
  'token-invalid',
  'cookie-not-sent',
  'session-expired',
  'no-credentials',
  'auth-loop',
  'insecure-transport',
  'malformed-challenge',
  'missing-challenge',
];
