// ASP.NET Core JwtBearer puts the reason in the challenge:
// error_description="The token expired at 'MM/dd/yyyy HH:mm:ss'" (JwtBearerHandler.CreateErrorDescription),
// "The signature is invalid", "The audience '…' is invalid", "The issuer '…' is invalid".
import { msg, type ClaimKind } from '../rules/types.ts';
import type { Vendor } from './types.ts';

const DESCRIPTIONS: [RegExp, ClaimKind][] = [
  [/^The token expired at '([^']{1,40})'/, 'expired'],
  [/^The token is not valid before '([^']{1,40})'/, 'not-yet-valid'],
  [/^The audience '.{0,200}' is invalid/, 'audience'],
  [/^The issuer '.{0,200}' is invalid/, 'invalid'],
  [/^The signature (key was not found|is invalid)/, 'invalid'],
];

export const aspnet: Vendor = {
  name: 'aspnet-jwtbearer',
  claims(ev) {
    for (const c of ev.challenges) {
      const d = c.params.error_description;
      if (!d) continue;
      for (const [re, kind] of DESCRIPTIONS) {
        const m = re.exec(d);
        if (m)
          return [
            {
              kind,
              confidence: 0.92,
              evidence: msg('ev_vendor_said', 'ASP.NET Core', d.slice(0, 200)),
            },
          ];
      }
    }
    return undefined;
  },
};
