// 407: a proxy between the client and the site wants credentials
// (RFC 9110 §15.5.8, §11.7.1 Proxy-Authenticate, §11.7.2 Proxy-Authorization).
import { challengeLine } from './credentials.ts';
import { msg, type Ctx, type Finding } from './types.ts';

export function proxyRules(ctx: Ctx): Finding[] {
  const { ev } = ctx;
  if (ev.status !== 407) return [];
  const evidence = [msg('ev_status_407'), challengeLine(ctx)];
  if (ev.proxyAuthScheme) evidence.push(msg('ev_proxy_auth_sent', ev.proxyAuthScheme));
  else evidence.push(msg('ev_no_proxy_auth'));
  const via = ev.responseHeaders['via'] ?? ev.responseHeaders['server'];
  if (via) evidence.push(msg('ev_proxy_via', via.slice(0, 120)));
  if (ev.responseHeaders['x-squid-error'])
    evidence.push(msg('ev_proxy_error', ev.responseHeaders['x-squid-error']));
  return [
    {
      id: 'proxy-auth-required',
      confidence: 0.95,
      summary: ev.proxyAuthScheme ? msg('cause_proxy_auth_required_rejected') : undefined,
      evidence,
    },
  ];
}
