// Twilio: {"code": 20003, "message": "Authenticate", "more_info": ".../errors/20003"}:
// the Account SID / Auth Token pair was not accepted (twilio.com/docs/errors/20003).
import { msg } from '../rules/types.ts';
import { field, type Vendor } from './types.ts';

export const twilio: Vendor = {
  name: 'twilio',
  claims(ev) {
    const code = field(ev, 'code');
    if (code !== '20003' && code !== '20005' && code !== '20006') return undefined;
    if (!(field(ev, 'more_info') ?? '').includes('twilio.com') && !ev.host.endsWith('twilio.com'))
      return undefined;
    return [
      {
        kind: 'rejected',
        confidence: 0.9,
        evidence: msg('ev_vendor_code', 'Twilio', `${code} ${field(ev, 'message') ?? ''}`.trim()),
      },
    ];
  },
};
