// Stripe and OpenAI style: {"error":{"message":"Invalid API Key provided: sk_test_…","type":"invalid_request_error"}}
// or "Incorrect API key provided", "You didn't provide an API key" (platform.openai.com/docs/guides/error-codes).
import { msg, quote } from '../rules/types.ts';
import { field, type Vendor } from './types.ts';

export const apiKey: Vendor = {
  name: 'api-key',
  claims(ev) {
    const m = field(ev, 'error.message') ?? field(ev, 'message') ?? '';
    const code = field(ev, 'error.code') ?? '';
    if (
      /(invalid|incorrect) api key|api key (is )?(invalid|not valid)/i.test(m) ||
      code === 'invalid_api_key'
    ) {
      return [
        {
          kind: 'rejected',
          confidence: 0.9,
          evidence: msg('ev_vendor_said', 'API', quote(m || code)),
        },
      ];
    }
    if (
      /(did not|didn't|must) provide an api key|no api key (was )?provided|api key (is )?(missing|required)/i.test(
        m,
      )
    ) {
      return [
        { kind: 'missing', confidence: 0.9, evidence: msg('ev_vendor_said', 'API', quote(m)) },
      ];
    }
    return undefined;
  },
};
