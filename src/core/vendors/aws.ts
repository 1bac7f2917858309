// AWS: the error type in the x-amzn-ErrorType header (API Gateway, JSON
// protocols: "UnrecognizedClientException:http://…") or the body's __type / Code.
import { msg, quote, type ClaimKind } from '../rules/types.ts';
import { classify } from '../rules/words.ts';
import { field, type Vendor } from './types.ts';

const TYPES: Record<string, ClaimKind> = {
  unrecognizedclientexception: 'rejected',
  invalidclienttokenid: 'rejected',
  invalidsignatureexception: 'rejected',
  signaturedoesnotmatch: 'rejected',
  incompletesignatureexception: 'invalid',
  expiredtokenexception: 'expired',
  expiredtoken: 'expired',
  tokenrefreshrequired: 'expired',
  missingauthenticationtokenexception: 'missing',
  missingauthenticationtoken: 'missing',
  accessdeniedexception: 'scope',
  invalidaccesskeyid: 'rejected',
};

export const aws: Vendor = {
  name: 'aws',
  claims(ev) {
    const raw =
      ev.responseHeaders['x-amzn-errortype'] ??
      ev.responseHeaders['x-amz-errortype'] ??
      field(ev, '__type') ??
      field(ev, 'Error.Code') ??
      field(ev, 'Code');
    if (!raw) return undefined;
    // "Type:http://…" (header) or "com.amazon.coral.service#Type" (JSON __type).
    const beforeColon = raw.split(':')[0] ?? raw;
    const type = beforeColon.slice(beforeColon.lastIndexOf('#') + 1).trim();
    const message =
      field(ev, 'message') ?? field(ev, 'Message') ?? field(ev, 'Error.Message') ?? '';
    let kind = TYPES[type.toLowerCase()];
    // Cognito answers NotAuthorizedException for expired, revoked and wrong alike; the message tells.
    if (!kind && /notauthorized/i.test(type)) kind = classify(message) ?? 'rejected';
    if (!kind) return undefined;
    return [
      { kind, confidence: 0.88, evidence: msg('ev_vendor_code_said', 'AWS', type, quote(message)) },
    ];
  },
};
