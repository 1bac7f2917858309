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
/** Field names past this are cut: real ones are short, and a hostile one must cost nothing. */
const MAX_NAME = 128;

/**
 * A field's name as the rules read it: "user[password]" (Rails, PHP) is its
 * last part, "clientSecret" is "client_secret". (lastIndexOf, not a regex: a
 * hostile name of many "[" must stay linear.)
 */
function plainName(name: string): string {
  const open = name.endsWith(']') ? name.lastIndexOf('[') : -1;
  const last = open >= 0 ? name.slice(open + 1, -1) : name;
  return last.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
}

/**
 * Field names that carry a secret the server checks. Not anti-CSRF tokens
 * (csrf_token, Rails' authenticity_token, Django's csrfmiddlewaretoken), not
 * OAuth's `code` or `state`, not a captcha answer.
 */
export function isBodyCredentialField(name: string): boolean {
  const n = plainName(name);
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
      .map((p) => ({
        name: p.name.slice(0, MAX_NAME),
        value: typeof p.value === 'string' ? p.value : '',
      }));
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
      out.push({ name: name.slice(0, MAX_NAME), value });
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
      if (typeof v === 'string') out.push({ name: k.slice(0, MAX_NAME), value: v });
      else if (depth < 1) walk(v, depth + 1);
    }
  };
  walk(x, 0);
  return out;
}

/** Fields that say who is signing in, or that are a client's own credential (RFC 6749 §2.3.1, §6). */
const WHO =
  /^(user(_?name)?|name|uname|j_username|login|email|e_?mail|identifier|phone|account|client_id|grant_type|principal|uid)$/;
const CLIENT_SECRET =
  /(^|_)(client_secret|client_assertion|refresh_token|api_?key|apikey|access_token|id_token)$/;

/**
 * The names of the body's sign-in fields, and their values (to mask). A
 * secret counts as a sign-in only beside a field that says who signs in (a
 * login form, a token request) or when it is a client's own credential: a
 * change-password form or a webhook's `secret` is not a sign-in, and a 401 to
 * it is about the missing session, not a refused password. The values are
 * returned for masking either way.
 */
export function bodyCredentials(body: RequestBody | undefined): {
  names: string[];
  values: string[];
} {
  const names: string[] = [];
  const values: string[] = [];
  if (!body || typeof body !== 'object') return { names, values };
  const fields = fieldsOf(body);
  let who = false;
  let client = false;
  for (const { name, value } of fields) {
    const plain = plainName(name);
    if (value.trim() && WHO.test(plain)) who = true;
    if (!value.trim() || !isBodyCredentialField(name)) continue;
    if (CLIENT_SECRET.test(plain)) client = true;
    if (names.length < 10 && !names.includes(name)) names.push(name.slice(0, 100));
    values.push(value);
  }
  return { names: who || client ? names : [], values };
}
