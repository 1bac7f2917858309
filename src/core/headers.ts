// Small helpers over header lists. Header names are case-insensitive
// (RFC 9110 §5.1); Chrome records HTTP/2 names in lower case and adds
// pseudo-headers (":authority"), Firefox keeps the server's spelling.
import type { Header } from './types.ts';

export function headerValues(headers: readonly Header[] | undefined, name: string): string[] {
  const out: string[] = [];
  if (!Array.isArray(headers)) return out;
  const n = name.toLowerCase();
  for (const h of headers) {
    if (h && typeof h.name === 'string' && h.name.toLowerCase() === n) {
      out.push(typeof h.value === 'string' ? h.value : String(h.value ?? ''));
    }
  }
  return out;
}

export function headerValue(
  headers: readonly Header[] | undefined,
  name: string,
): string | undefined {
  return headerValues(headers, name)[0];
}

export function hasHeader(headers: readonly Header[] | undefined, name: string): boolean {
  return headerValues(headers, name).length > 0;
}

/** Request header names whose values are API keys or tokens (never anti-CSRF tokens). */
export function isApiKeyHeader(name: string): boolean {
  const n = name.toLowerCase();
  if (n === 'authorization' || n === 'proxy-authorization' || n === 'cookie') return false;
  if (/(csrf|xsrf)/.test(n)) return false;
  if (
    n === 'private-token' || // GitLab
    n === 'ocp-apim-subscription-key' || // Azure API Management
    n === 'x-functions-key' ||
    n === 'x-goog-api-key' ||
    n === 'x-amz-security-token' ||
    n === 'x-vault-token' ||
    n === 'x-auth' ||
    n === 'authentication' ||
    n === 'x-authorization' ||
    n === 'x-hasura-admin-secret' ||
    n === 'x-shopify-access-token' ||
    n === 'x-figma-token' ||
    n === 'x-jfrog-art-api' || // Artifactory
    n === 'x-auth-key' // Cloudflare's global API key
  ) {
    return true;
  }
  return (
    /(^|-)(api-?key|apikey|api-token|auth-token|access-token|session-token|secret|token)$/.test(
      n,
    ) ||
    /^x-.*(api[-_]?key|apikey)/.test(n) ||
    // A vendor's own Authorization header (kintone's X-Cybozu-Authorization).
    /^x-[a-z0-9-]*-authorization$/.test(n)
  );
}
