// Where the request went and how: a CORS preflight (Fetch §4.8: preflights
// never carry credentials, so a 401 to one is a server configuration
// problem), and credentials over plain http (RFC 9110 §17.16.1, RFC 6750 §5.3).
import { challengeLine, credentialLine } from './credentials.ts';
import { msg, type Ctx, type Finding } from './types.ts';

/** Loopback: localhost, *.localhost (RFC 6761 §6.3), 127.0.0.0/8, ::1. */
export function isLoopback(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h)) return true;
  return h === '::1' || h === '0:0:0:0:0:0:0:1';
}

export function transportRules(ctx: Ctx): Finding[] {
  const { ev } = ctx;
  const out: Finding[] = [];
  if (ev.method === 'OPTIONS' && ev.preflightMethod !== undefined) {
    out.push({
      id: 'cors-preflight',
      confidence: 0.95,
      evidence: [
        msg('ev_preflight', ev.preflightMethod, ev.requestOrigin ?? '—'),
        challengeLine(ctx),
      ],
    });
  } else if (ev.method === 'OPTIONS' && ev.requestOrigin) {
    out.push({
      id: 'cors-preflight',
      confidence: 0.55,
      evidence: [msg('ev_options_origin', ev.requestOrigin)],
    });
  }
  if (ev.protocol === 'http:' && ev.host && !isLoopback(ev.host) && ctx.anyCredential) {
    const cred = credentialLine(ctx);
    out.push({
      id: 'insecure-transport',
      confidence: 0.5,
      evidence: [msg('ev_http_url', ev.origin), ...(cred ? [cred] : [])],
    });
  }
  return out;
}
