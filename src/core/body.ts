// A bounded, secret-free digest of a 401 body: a plain-text excerpt and the
// JSON leaves vendors put their reasons in. Bodies are server text, but they
// sometimes echo what the client sent, so known secrets are masked here.
import { maskText } from './mask.ts';
import type { BodySummary } from './types.ts';

export const MAX_EXCERPT = 2048;
/** JSON larger than this is not parsed (a 401 body with a reason is small). */
const MAX_JSON = 64 * 1024;
const MAX_FIELDS = 24;
const MAX_FIELD_VALUE = 200;

// Keys whose values explain an error in the JSON bodies of real APIs (RFC 9457
// title/detail, OAuth error/error_description, Google error.status, …).
const REASON_KEYS = new Set([
  'message',
  'msg',
  'error',
  'error_description',
  'errordescription',
  'error_code',
  'errorcode',
  'errormessage',
  'detail',
  'details',
  'title',
  'code',
  'status',
  'reason',
  'type',
  'kind',
  'description',
  '__type',
  'subcode',
  'more_info',
]);

function decodeBase64(s: string): string {
  try {
    const bin = atob(s.slice(0, ((MAX_JSON * 4) / 3) | 0).replace(/[^A-Za-z0-9+/=]/g, ''));
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  } catch {
    return '';
  }
}

/** Drops tags, scripts and styles; collapses whitespace. A scanner, not a regex, to stay linear. */
export function htmlToText(html: string, max: number): string {
  let out = '';
  let i = 0;
  const n = html.length;
  const lowerAll = html.toLowerCase();
  while (i < n && out.length < max * 2) {
    const c = html[i];
    if (c === '<') {
      const lower = lowerAll.slice(i, i + 8);
      const skipTo = lower.startsWith('<script')
        ? '</script'
        : lower.startsWith('<style')
          ? '</style'
          : '';
      if (skipTo) {
        const end = lowerAll.indexOf(skipTo, i + 1);
        i = end < 0 ? n : end + skipTo.length;
      }
      const close = html.indexOf('>', i);
      i = close < 0 ? n : close + 1;
      out += ' ';
      continue;
    }
    out += c;
    i++;
  }
  return decodeEntities(out).replace(/\s+/g, ' ').trim();
}

function decodeEntities(s: string): string {
  return s.replace(/&(#\d{1,6}|#x[0-9a-f]{1,6}|amp|lt|gt|quot|apos|nbsp);/gi, (m, e: string) => {
    const l = e.toLowerCase();
    if (l === 'amp') return '&';
    if (l === 'lt') return '<';
    if (l === 'gt') return '>';
    if (l === 'quot') return '"';
    if (l === 'apos') return "'";
    if (l === 'nbsp') return ' ';
    const code = l.startsWith('#x') ? parseInt(l.slice(2), 16) : parseInt(l.slice(1), 10);
    return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : m;
  });
}

/** String/number/boolean leaves by path, the error-explaining ones first. */
function flatten(v: unknown): Record<string, string> | undefined {
  const leaves: [string, string, boolean][] = [];
  const walk = (x: unknown, path: string, key: string, depth: number): void => {
    if (leaves.length >= 200 || depth > 5) return;
    if (x === null || x === undefined) return;
    if (typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean') {
      leaves.push([path, String(x).slice(0, MAX_FIELD_VALUE), REASON_KEYS.has(key.toLowerCase())]);
      return;
    }
    if (Array.isArray(x)) {
      x.slice(0, 5).forEach((y, i) => walk(y, path ? `${path}.${i}` : String(i), key, depth + 1));
      return;
    }
    if (typeof x === 'object') {
      for (const [k, y] of Object.entries(x as Record<string, unknown>).slice(0, 50)) {
        walk(y, path ? `${path}.${k}` : k, k, depth + 1);
      }
    }
  };
  walk(v, '', '', 0);
  if (!leaves.length) return undefined;
  const ordered = [...leaves.filter((l) => l[2]), ...leaves.filter((l) => !l[2])].slice(
    0,
    MAX_FIELDS,
  );
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [p, val] of ordered) out[p.slice(0, 100)] = val;
  return out;
}

/** Builds the summary; `known` are the secrets the request carried (masked wherever they appear). */
export function summarizeBody(
  body: { text?: unknown; mimeType?: unknown; encoding?: unknown } | undefined,
  known: readonly string[],
): BodySummary | undefined {
  if (!body || typeof body.text !== 'string' || body.text.length === 0) return undefined;
  const mimeType = typeof body.mimeType === 'string' ? body.mimeType.slice(0, 100) : undefined;
  let text = body.encoding === 'base64' ? decodeBase64(body.text) : body.text;
  const full = text.length;
  const mt = (mimeType ?? '').toLowerCase();
  const trimmed = text.trimStart();
  let fields: Record<string, string> | undefined;
  if (
    (mt.includes('json') || trimmed.startsWith('{') || trimmed.startsWith('[')) &&
    full <= MAX_JSON
  ) {
    try {
      fields = flatten(JSON.parse(text));
    } catch {
      fields = undefined;
    }
  }
  if (mt.includes('html') || /^<(!doctype|html|head|body)/i.test(trimmed.slice(0, 20))) {
    text = htmlToText(text.slice(0, 256 * 1024), MAX_EXCERPT);
  }
  const truncated = text.length > MAX_EXCERPT;
  const excerpt = maskText(text.slice(0, MAX_EXCERPT), known);
  const out: BodySummary = { text: excerpt, truncated: truncated || full > MAX_JSON };
  if (mimeType) out.mimeType = mimeType;
  if (fields) {
    for (const k of Object.keys(fields)) fields[k] = maskText(fields[k] ?? '', known);
    out.fields = fields;
  }
  return out;
}
