// Where to send a person to sign in again, from what the 401s revealed.
// Pure; only http(s) URLs on the evidence are considered, never a script URL.
import type { Evidence } from '../core/index.ts';

export interface SignInTarget {
  url: string;
  source: 'location' | 'authorization_uri' | 'start-page';
}

function httpUrl(raw: unknown, base: string): string | undefined {
  if (typeof raw !== 'string' || !raw) return undefined;
  try {
    const u = new URL(raw, base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/** Newest evidence first. */
export function signInTarget(origin: string, newestFirst: Evidence[]): SignInTarget {
  for (const e of newestFirst) {
    const loc = httpUrl(e.location, e.url);
    if (loc) return { url: loc, source: 'location' };
  }
  for (const e of newestFirst) {
    for (const c of e.challenges ?? []) {
      // Azure AD / Entra answers with the tenant's authorization endpoint.
      const au = httpUrl(c.params?.authorization_uri, e.url);
      if (au) return { url: au, source: 'authorization_uri' };
    }
  }
  return { url: `${origin}/`, source: 'start-page' };
}

export function challengedHttpAuth(evidence: Evidence[]): boolean {
  return evidence.some((e) => (e.challenges ?? []).some((c) => /^(basic|digest)$/i.test(c.scheme)));
}
