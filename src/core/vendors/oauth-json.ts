// OAuth-style JSON error bodies (RFC 6749 §5.2, RFC 6750 §3.1 echoed in the
// body by Keycloak, Spring Authorization Server, Okta, Auth0…):
// {"error":"invalid_token","error_description":"…"}.
import { msg, quote, type ClaimKind } from '../rules/types.ts';
import { classify } from '../rules/words.ts';
import { field, type Vendor } from './types.ts';

const ERRORS: Record<string, ClaimKind> = {
  invalid_token: 'invalid',
  insufficient_scope: 'scope',
  invalid_client: 'rejected',
  unauthorized_client: 'rejected',
  invalid_grant: 'rejected',
  token_expired: 'expired',
  expired_token: 'expired',
  login_required: 'session',
  invalid_request: 'missing',
};

export const oauthJson: Vendor = {
  name: 'oauth-json',
  claims(ev) {
    const error = field(ev, 'error');
    if (!error) return undefined;
    const base = ERRORS[error.toLowerCase()];
    if (!base) return undefined;
    const desc = field(ev, 'error_description') ?? '';
    // The description refines a generic code ("invalid_token" + "…expired" = expired).
    // invalid_request is a catch-all, and invalid_client covers "no client
    // authentication included" (RFC 6749 §5.2): their description says which.
    const refinable = base === 'invalid' || base === 'rejected' || base === 'missing';
    const refined = refinable ? (classify(desc) ?? base) : base;
    // "Missing" said with invalid_token contradicts the code: the token was refused.
    const kind = refined === 'missing' && base === 'invalid' ? base : refined;
    return [
      {
        kind,
        confidence: desc ? 0.85 : 0.75,
        evidence: msg('ev_vendor_said', 'OAuth', quote(desc ? `${error}: ${desc}` : error)),
      },
    ];
  },
};
