// Laravel's AuthenticationException renders {"message":"Unauthenticated."}
// for every guard (session cookie or Sanctum token); the request tells which.
import { msg } from '../rules/types.ts';
import { field, type Vendor } from './types.ts';

export const laravel: Vendor = {
  name: 'laravel',
  claims(ev) {
    if (field(ev, 'message') !== 'Unauthenticated.') return undefined;
    return [
      {
        kind: 'missing',
        confidence: 0.7,
        evidence: msg('ev_vendor_said', 'Laravel', 'Unauthenticated.'),
      },
    ];
  },
};
