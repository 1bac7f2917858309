// Microsoft Graph / Azure Resource Manager: {"error":{"code":"InvalidAuthenticationToken…","message":…}},
// and Entra ID (AAD) "AADSTS<n>" codes (learn.microsoft.com/entra/identity-platform/reference-error-codes).
import { msg, quote, type ClaimKind } from '../rules/types.ts';
import { classify } from '../rules/words.ts';
import { field, type Vendor } from './types.ts';

const CODES: Record<string, ClaimKind> = {
  invalidauthenticationtokenaudience: 'audience',
  expiredauthenticationtoken: 'expired',
  authenticationfailed: 'rejected',
  invalidauthenticationtokentenant: 'audience',
  authorizationfailed: 'scope',
  authorization_requestdenied: 'scope',
};

const AADSTS: Record<string, ClaimKind> = {
  '50126': 'rejected', // invalid username or password
  '7000215': 'rejected', // invalid client secret
  '7000222': 'expired', // client secret expired
  '700082': 'expired', // refresh token expired (inactivity)
  '70043': 'expired', // refresh token expired (sign-in frequency)
  '50133': 'session', // session invalid after password change
  '50173': 'session',
  '50013': 'invalid', // assertion failed signature validation
  '500011': 'audience', // resource principal not found
  '500133': 'expired', // assertion not within its valid time range
  '50057': 'rejected', // account disabled
  '65001': 'scope', // consent not granted
};

export const microsoft: Vendor = {
  name: 'microsoft',
  claims(ev) {
    const code = field(ev, 'error.code') ?? field(ev, 'code');
    const message =
      field(ev, 'error.message') ?? field(ev, 'error_description') ?? field(ev, 'message') ?? '';
    const aad = /AADSTS(\d{5,7})/.exec(message);
    const aadKind = aad?.[1] ? AADSTS[aad[1]] : undefined;
    if (aad && aadKind) {
      return [
        {
          kind: aadKind,
          confidence: 0.9,
          evidence: msg('ev_vendor_code', 'Microsoft Entra ID', `AADSTS${aad[1]}`),
        },
      ];
    }
    if (!code) return undefined;
    const known = CODES[code.toLowerCase()];
    if (known) {
      return [
        {
          kind: known,
          confidence: 0.92,
          evidence: msg('ev_vendor_code_said', 'Microsoft', code, quote(message)),
        },
      ];
    }
    if (/^invalidauthenticationtoken/i.test(code)) {
      return [
        {
          kind: classify(message) ?? 'invalid',
          confidence: 0.8,
          evidence: msg('ev_vendor_code_said', 'Microsoft', code, quote(message)),
        },
      ];
    }
    return undefined;
  },
};
