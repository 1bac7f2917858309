// What a server's own words say about a refusal. Words are only a hint
// (vendors phrase things freely), so these patterns are deliberately narrow,
// run on bounded, lower-cased text, and have no nested quantifiers. Mostly
// English; the commonest refusals in German, French, Spanish, Portuguese and
// Japanese too, since servers answer in their users' language.
import type { ClaimKind } from './types.ts';

// Order matters: the more specific reading wins ("token not yet valid" is not "invalid").
const RULES: [ClaimKind, RegExp][] = [
  // "Invalid or missing API key": which of the two, only the request can say.
  [
    'missing-or-refused',
    /(missing|absent|no) or (invalid|incorrect|bad|wrong|expired)|(invalid|incorrect|bad|wrong|expired) or (missing|absent|not provided)/,
  ],
  // One message for several failures (simplejwt's "Token is invalid or
  // expired", OAuth's "invalid, expired, or revoked"): not evidence of
  // expiry. A JWT's own exp tells expiry apart (jwt-claims.ts).
  [
    'invalid',
    /\b(invalid|expired|revoked|malformed),? (or |and )?(is |has |was )?(been )?(invalid|expired|revoked|malformed)\b|invalid\/expired|expired\/invalid/,
  ],
  [
    'not-yet-valid',
    /not (yet )?valid (yet|before|until)|not yet valid|\bnbf\b|notbefore|not before|issued in the future|used before|iat.{0,20}future|clock skew|idx10222/,
  ],
  // Before 'expired': "your session expired" is a session's, not necessarily a
  // token's; which one, the request decides (claims.ts).
  [
    'session-timeout',
    /\bsession (has |is |was )?(expired|timed? ?out|ended)|\bsession[_ ]expired|session (timeout|expiry)|sitzung (ist )?abgelaufen|session (a )?expiré|sesión (ha )?(expirado|caducado)|sessão (expirou|expirada)|セッション.{0,8}(期限切れ|有効期限が切れ|タイムアウト)/,
  ],
  [
    'session-unknown',
    /\bsession (is |was )?(no longer valid|invalid|not found|unknown|revoked|terminated)|(invalid|unknown|revoked) session\b/,
  ],
  [
    'expired',
    /expired|\bexpir(y|ation)\b|abgelaufen|expiré|expirado|caducado|expirou|有効期限が切れ|期限切れ|token_expired|idx10223|lifetime validation failed|token has timed out/,
  ],
  ['audience', /audience|\baud\b|idx10214|idx10208|wrong resource/],
  [
    'scope',
    /insufficient[_ ]scope|insufficient (privileges|permissions|rights)|scopes? (do(es)? not|don't) match|scope mismatch|missing (required )?(scope|permission)s?|required scopes?|scopes? (are|is) (required|missing|insufficient)|not (have|granted) (the )?(required )?(scope|permission)/,
  ],
  ['session', /not logged in|(log|sign) ?in again|please (log|sign) ?in|login session/],
  [
    'rejected',
    /bad credentials|(invalid|incorrect|wrong|bad)\b[a-z -]{0,24}?\b(credentials?|password|passphrase|api[ _-]?key|secret)\b|(invalid|incorrect|wrong|bad|unknown) (subscription|access|account|app|application|client|developer|license|integration|personal|user|auth|authentication)[ _-]?key\b|unable to authenticate with (the )?provided credentials|invalid (credentials|username|user name|user or password|password|login|api[ _-]?key|key|client|secret|access key|authentication credentials)|incorrect (api[ _-]?key|password|username|credentials|authentication credentials)|wrong (password|credentials|username|api[ _-]?key)|authentication failed|login failed|unrecognized ?client|the security token included in the request is invalid|api key (not valid|is invalid|invalid)|invalid password|password\/token|username or password|user name or password|unknown (user|api key)|credentials (are )?(invalid|incorrect|rejected)|(password|passphrase|credentials?|api[ _-]?key) (was|is|were|are) (incorrect|invalid|wrong|not (valid|correct))|authentifizierung fehlgeschlagen|anmeldung fehlgeschlagen|(falsches|ungültiges) (passwort|kennwort)|mot de passe (incorrect|invalide)|identifiants (incorrects|invalides)|échec de l'authentification|contraseña (incorrecta|inválida)|credenciales (incorrectas|inválidas)|senha (incorreta|inválida)|credenciais (incorretas|inválidas)|認証に失敗|パスワードが(正しくありません|違います)/,
  ],
  [
    'invalid',
    /signature|malformed|invalid[_ ]token|token (is )?(invalid|not valid)|not a valid (token|jwt)|revoked|issuer|\biss\b|could not (be )?(decoded|decode|parsed|parse|verified|verify|validated|validate)|unable to (parse|decode|verify|validate)|verification failed|validation failed|bad token|jwt|idx10(5|6)\d\d|invalid [a-z]{1,12} ?[a-z]{0,12} token\b|(cannot|could not|can't|unable to) be authenticated with (the )?(provided )?token|token (does not|doesn't|did not) match/,
  ],
  [
    'missing',
    /missing|not provided|were not provided|no (auth|token|credentials|api[ _-]?key|authorization|bearer|session)|(is|are) required|required authentication|token is not found|not found.{0,20}token|login required|unauthenticated|authentication required|requires authentication|must (be )?authenticate|please provide|credentials? (was |were )?not (found|present|supplied)/,
  ],
];

/** The first reading that matches, most specific first, with where it matched. */
export function classifyAt(text: string): { kind: ClaimKind; index: number } | undefined {
  if (!text) return undefined;
  const s = text.slice(0, 4096).toLowerCase();
  for (const [kind, re] of RULES) {
    const m = re.exec(s);
    if (m) return { kind, index: m.index };
  }
  return undefined;
}

export function classify(text: string): ClaimKind | undefined {
  return classifyAt(text)?.kind;
}

/** Up to `max` characters of `text` around `index`, cut at word boundaries. */
export function snippet(text: string, index: number, max = 160): string {
  if (text.length <= max) return text;
  let start = Math.max(0, index - max / 2);
  let end = Math.min(text.length, start + max);
  start = Math.max(0, end - max);
  while (start > 0 && start > index - max && text[start - 1] !== ' ') start--;
  while (end < text.length && end < index + max && text[end] !== ' ') end++;
  return `${start > 0 ? '…' : ''}${text.slice(start, end).trim()}${end < text.length ? '…' : ''}`;
}
