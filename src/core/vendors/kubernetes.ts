// Kubernetes API server: {"kind":"Status","status":"Failure","reason":"Unauthorized","code":401}.
// It never says why (kubernetes.io/docs/reference/access-authn-authz/authentication).
import { msg, quote } from '../rules/types.ts';
import { classify } from '../rules/words.ts';
import { field, type Vendor } from './types.ts';

export const kubernetes: Vendor = {
  name: 'kubernetes',
  claims(ev) {
    if (field(ev, 'kind') !== 'Status' || field(ev, 'apiVersion') === undefined) return undefined;
    const message = field(ev, 'message') ?? '';
    const kind = classify(message === 'Unauthorized' ? '' : message) ?? 'unspecific';
    return [
      {
        kind,
        confidence: kind === 'unspecific' ? 0.4 : 0.75,
        evidence: msg(
          'ev_vendor_said',
          'Kubernetes',
          quote(message || (field(ev, 'reason') ?? '')),
        ),
      },
    ];
  },
};
