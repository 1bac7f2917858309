// Docker Registry HTTP API v2 / OCI distribution: {"errors":[{"code":"UNAUTHORIZED"|"DENIED",…}]}
// (distribution/registry/api/errcode). UNAUTHORIZED is generic; the challenge carries the reason.
import { msg } from '../rules/types.ts';
import { field, type Vendor } from './types.ts';

export const docker: Vendor = {
  name: 'docker-registry',
  claims(ev) {
    const code = field(ev, 'errors.0.code');
    if (code === 'DENIED')
      return [
        {
          kind: 'scope',
          confidence: 0.75,
          evidence: msg('ev_vendor_code', 'Docker registry', code),
        },
      ];
    return undefined;
  },
};
