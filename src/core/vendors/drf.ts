// Django REST framework: {"detail": "..."} with its fixed wordings
// (rest_framework/authentication.py, exceptions.py; simplejwt's token_not_valid).
import { msg, type ClaimKind } from '../rules/types.ts';
import { field, type Vendor } from './types.ts';

const DETAILS: [RegExp, ClaimKind][] = [
  [/^Authentication credentials were not provided\.$/, 'missing'],
  [/^Invalid token\.?$/, 'rejected'],
  [/^Incorrect authentication credentials\.$/, 'rejected'],
  [/^Invalid username\/password\.$/, 'rejected'],
  [/^Invalid token header\./, 'invalid'],
  [/^Given token not valid for any token type$/, 'invalid'],
  [/^Token is invalid or expired$/, 'invalid'],
  [/^Signature has expired\.?$/, 'expired'],
  [/^User inactive or deleted\.$/, 'rejected'],
];

export const drf: Vendor = {
  name: 'django-rest-framework',
  claims(ev) {
    const d = field(ev, 'detail');
    if (!d) return undefined;
    const code = field(ev, 'code');
    if (code === 'token_not_valid') {
      // "Token is expired" says expiry; "Token is invalid or expired" (older
      // simplejwt, any failure) does not.
      const said = field(ev, 'messages.0.message') ?? '';
      const expired = /expired/i.test(said) && !/invalid or expired/i.test(said);
      return [
        {
          kind: expired ? 'expired' : 'invalid',
          confidence: 0.85,
          evidence: msg('ev_vendor_said', 'Django REST framework', d),
        },
      ];
    }
    for (const [re, kind] of DETAILS) {
      if (re.test(d))
        return [
          { kind, confidence: 0.85, evidence: msg('ev_vendor_said', 'Django REST framework', d) },
        ];
    }
    return undefined;
  },
};
