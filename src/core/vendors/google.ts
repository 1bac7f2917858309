// Google APIs (ESF): {"error":{"code":401,"status":"UNAUTHENTICATED","details":[{"reason":…}]}}
// with reasons from google.rpc.ErrorInfo (cloud.google.com/apis/design/errors).
import { msg, quote, type ClaimKind } from '../rules/types.ts';
import { classify } from '../rules/words.ts';
import { field, type Vendor } from './types.ts';

const REASONS: Record<string, ClaimKind> = {
  CREDENTIALS_MISSING: 'missing',
  ACCESS_TOKEN_EXPIRED: 'expired',
  ACCESS_TOKEN_TYPE_UNSUPPORTED: 'scheme',
  ACCESS_TOKEN_SCOPE_INSUFFICIENT: 'scope',
  API_KEY_INVALID: 'rejected',
  SERVICE_DISABLED: 'scope',
  ACCOUNT_STATE_INVALID: 'rejected',
};

export const google: Vendor = {
  name: 'google',
  claims(ev) {
    const status = field(ev, 'error.status');
    if (status !== 'UNAUTHENTICATED' && status !== 'PERMISSION_DENIED') return undefined;
    const f = ev.body?.fields ?? {};
    for (const [k, v] of Object.entries(f)) {
      if (k.startsWith('error.details.') && k.endsWith('.reason') && REASONS[v]) {
        return [
          {
            kind: REASONS[v],
            confidence: 0.9,
            evidence: msg('ev_vendor_code', 'Google', `${status} / ${v}`),
          },
        ];
      }
    }
    const text = field(ev, 'error.message') ?? '';
    const kind = classify(text) ?? (status === 'PERMISSION_DENIED' ? 'scope' : 'unspecific');
    return [
      { kind, confidence: 0.8, evidence: msg('ev_vendor_said', 'Google', quote(text || status)) },
    ];
  },
};
