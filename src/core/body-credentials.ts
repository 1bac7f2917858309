// Which sign-in secrets a request carried in its body: a login form's
// password, an OAuth token request's client_secret or refresh_token
// (RFC 6749 §2.3.1, §4.3, §6). Names only; the values are handed back so the
// caller can mask them wherever the response echoes them, and go no further.
// A HAR holds the body (`postData`); the extension does not read bodies.

/** A request body as a HAR records it: the text, its type, and the form's params. */
export interface RequestBody {
  text?: string;
  mimeType?: string;
  /** HAR `postData.params`: a form's fields, already split. */
  params?: { name: string; value?: string }[];
}

/** Bodies past this are not parsed: sign-in requests are small. */
const MAX_BODY = 64 * 1024;
const MAX_FIELDS = 200;

/**
 * Field names that carry a secret the server checks. Not anti-CSRF tokens
 * (csrf_token, Rails' authenticity_token, Django's csrfmiddlewaretoken), not
 * OAuth's `code` or `state`, not a captcha answer.
 */
export function isBodyCredentialField(name: string): boolean {
  // "user[password]" (Rails, PHP) is its last part; "clientSecret" is "client_secret".
  const last = name.replace(/^.*\[([^\]]*)\]$/, '$1');
  const n = last.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
  if (/csrf|xsrf|authenticity|captcha/.test(n)) return false;
  return (
    /^(pass|passwd|pwd|pin|otp|totp|passcode|passphrase)$/.test(n) ||
    /(^|[_-])(password|passwort|secret|api_?key|apikey|refresh_token|access_token|id_token|client_assertion|assertion)$/.test(
      n,
    ) ||
    /(password|secret|apikey)$/.test(n)
  );
}

function fieldsOf(body: RequestBody): { name: string; value: string }[] {
  if (Array.isArray(body.params) && body.params.length) {
    return body.params
      .slice(0, MAX_FIELDS)
      .filter((p) => p && typeof p.name === 'string')
      .map((p) => ({ name: p.name, value: typeof p.value === 'string' ? p.value : '' }));
  }
  const text = typeof body.text === 'string' ? body.text.slice(0, MAX_BODY) : '';
  if (!text) return [];
  const type = (body.mimeType ?? '').toLowerCase();
  const trimmed = text.trimStart();
  if (type.includes('json') || trimmed.startsWith('{')) {
    try {
      return jsonFields(JSON.parse(text) as unknown);
    } catch {
      return [];
    }
  }
  if (type.includes('x-www-form-urlencoded') || /^[\w.%[\]-]+=/.test(trimmed)) {
    const out: { name: string; value: string }[] = [];
    for (const [name, value] of new URLSearchParams(text)) {
      if (out.length >= MAX_FIELDS) break;
      out.push({ name, value });
    }
    return out;
  }
  return [];
}

/** Keys of a JSON object and of the objects one level inside it ({"user": {"password": …}}). */
function jsonFields(x: unknown): { name: string; value: string }[] {
  const out: { name: string; value: string }[] = [];
  const walk = (o: unknown, depth: number): void => {
    if (typeof o !== 'object' || o === null || Array.isArray(o)) return;
    for (const [k, v] of Object.entries(o as Record<string, unknown>)) {
      if (out.length >= MAX_FIELDS) return;
      if (typeof v === 'string') out.push({ name: k, value: v });
      else if (depth < 1) walk(v, depth + 1);
    }
  };
  walk(x, 0);
  return out;
}

/** The names of the body's credential fields that had a value, and those values (to mask). */
export function bodyCredentials(body: RequestBody | undefined): {
  names: string[];
  values: string[];
} {
  const names: string[] = [];
  const values: string[] = [];
  if (!body || typeof body !== 'object') return { names, values };
  for (const { name, value } of fieldsOf(body)) {
    if (!value.trim() || !isBodyCredentialField(name)) continue;
    if (names.length < 10 && !names.includes(name)) names.push(name.slice(0, 100));
    values.push(value);
  }
  return { names, values };
}
