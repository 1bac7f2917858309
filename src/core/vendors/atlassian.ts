// Atlassian Jira/Confluence (Seraph): X-Seraph-LoginReason tells why a login
// failed (developer.atlassian.com, "Basic auth for REST APIs").
import { msg, type ClaimKind } from '../rules/types.ts';
import type { Vendor } from './types.ts';

const REASONS: Record<string, ClaimKind> = {
  AUTHENTICATED_FAILED: 'rejected',
  AUTHENTICATION_DENIED: 'rejected', // CAPTCHA required after failed logins
  AUTHORISATION_FAILED: 'scope',
  AUTHORIZATION_FAILED: 'scope',
  OUT: 'session',
};

export const atlassian: Vendor = {
  name: 'atlassian',
  claims(ev) {
    const r = ev.responseHeaders['x-seraph-loginreason'];
    if (!r) return undefined;
    const first = r.split(',')[0]?.trim().toUpperCase() ?? '';
    const kind = REASONS[first];
    if (!kind) return undefined;
    return [
      { kind, confidence: 0.9, evidence: msg('ev_vendor_header', 'X-Seraph-LoginReason', first) },
    ];
  },
};
