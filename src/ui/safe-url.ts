/**
 * A server-supplied URL (error_uri, authorization_uri, a link in a body) is
 * made clickable only when it is http or https: never `javascript:`, `data:`
 * or anything else a hostile server could send.
 */
export function safeHttpUrl(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  try {
    const u = new URL(raw);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}
