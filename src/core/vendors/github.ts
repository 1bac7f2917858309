// GitHub REST: {"message":"Bad credentials"} (token wrong or revoked) and
// {"message":"Requires authentication"} (docs.github.com/rest/overview/troubleshooting).
import { msg } from '../rules/types.ts';
import { field, type Vendor } from './types.ts';

export const github: Vendor = {
  name: 'github',
  claims(ev) {
    const m = field(ev, 'message');
    if (!m || !(field(ev, 'documentation_url') ?? '').includes('github.com')) {
      if (m !== 'Bad credentials' && m !== 'Requires authentication') return undefined;
    }
    if (m === 'Bad credentials')
      return [{ kind: 'rejected', confidence: 0.9, evidence: msg('ev_vendor_said', 'GitHub', m) }];
    if (m === 'Requires authentication')
      return [{ kind: 'missing', confidence: 0.85, evidence: msg('ev_vendor_said', 'GitHub', m) }];
    return undefined;
  },
};
