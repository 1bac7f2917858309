// A hand-written scanner for WWW-Authenticate / Proxy-Authenticate
// (RFC 9110 §11.6.1, §11.7.1):
//
//   WWW-Authenticate = #challenge
//   challenge   = auth-scheme [ 1*SP ( token68 / #auth-param ) ]
//   auth-param  = token BWS "=" BWS ( token / quoted-string )
//   token68     = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
//
// The same comma separates challenges and their parameters, so an element
// that is `name=value` belongs to the current challenge and one that is a
// bare token starts a new challenge. Real servers get this wrong in a few
// recurring ways (a comma right after the scheme, unquoted values with
// spaces, `[object Object]`, `token: false, info: …`): we recover what can be
// recovered and report the problems, so the engine can name a malformed
// challenge. No regular expressions: every character is looked at a bounded
// number of times, so a 64 KiB header parses in linear time.
import type { Challenge } from './types.ts';

export interface ParsedChallenges {
  challenges: Challenge[];
  malformed: boolean;
  problems: string[];
}

const MAX_PROBLEMS = 8;
const MAX_KEPT = 256;

// tchar (RFC 9110 §5.6.2): "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA
const TCHAR = new Uint8Array(128);
for (const c of "!#$%&'*+-.^_`|~") TCHAR[c.charCodeAt(0)] = 1;
for (let c = 48; c <= 57; c++) TCHAR[c] = 1;
for (let c = 65; c <= 90; c++) TCHAR[c] = 1;
for (let c = 97; c <= 122; c++) TCHAR[c] = 1;

// token68 characters besides "=" padding (RFC 9110 §11.2).
const T68 = new Uint8Array(128);
for (const c of '-._~+/') T68[c.charCodeAt(0)] = 1;
for (let c = 48; c <= 57; c++) T68[c] = 1;
for (let c = 65; c <= 90; c++) T68[c] = 1;
for (let c = 97; c <= 122; c++) T68[c] = 1;

const isT = (s: string, i: number): boolean => {
  const c = s.charCodeAt(i);
  return c < 128 && TCHAR[c] === 1;
};
// OWS is SP / HTAB (RFC 9110 §5.6.3); CR and LF are tolerated from folded or hand-made values.
const isWs = (s: string, i: number): boolean => {
  const c = s.charCodeAt(i);
  return c === 32 || c === 9 || c === 13 || c === 10;
};

function allToken68(s: string): boolean {
  let i = 0;
  while (i < s.length && T68[s.charCodeAt(i)] === 1) i++;
  if (i === 0) return false;
  while (i < s.length && s.charCodeAt(i) === 61) i++;
  return i === s.length;
}

class Scanner {
  i = 0;
  constructor(readonly s: string) {}
  get done(): boolean {
    return this.i >= this.s.length;
  }
  peek(): string {
    return this.s[this.i] ?? '';
  }
  ws(): void {
    while (this.i < this.s.length && isWs(this.s, this.i)) this.i++;
  }
  token(): string {
    const start = this.i;
    while (this.i < this.s.length && isT(this.s, this.i)) this.i++;
    return this.s.slice(start, this.i);
  }
  /** quoted-string (RFC 9110 §5.6.4) with quoted-pair unescaping; cursor on the opening quote. */
  quoted(): { value: string; closed: boolean } {
    this.i++; // opening quote
    let out = '';
    let chunk = this.i;
    while (this.i < this.s.length) {
      const c = this.s.charCodeAt(this.i);
      if (c === 34) {
        out += this.s.slice(chunk, this.i);
        this.i++;
        return { value: out, closed: true };
      }
      if (c === 92 && this.i + 1 < this.s.length) {
        out += this.s.slice(chunk, this.i);
        out += this.s[this.i + 1];
        this.i += 2;
        chunk = this.i;
        continue;
      }
      this.i++;
    }
    out += this.s.slice(chunk, this.i);
    return { value: out, closed: false };
  }
  /** Skips to the next top-level comma (quotes respected), returning what was skipped. */
  skipToComma(): string {
    const start = this.i;
    while (this.i < this.s.length) {
      const c = this.s.charCodeAt(this.i);
      if (c === 44) break;
      if (c === 34) {
        this.quoted();
        continue;
      }
      this.i++;
    }
    return this.s.slice(start, this.i);
  }
  /** Looks ahead (no move): is the next element "token BWS =" (a parameter)? */
  paramAhead(): boolean {
    let j = this.i;
    while (j < this.s.length && isT(this.s, j)) j++;
    if (j === this.i) return false;
    while (j < this.s.length && (this.s[j] === ' ' || this.s[j] === '\t')) j++;
    return this.s[j] === '=' && !this.token68Ahead();
  }
  /** Looks ahead: "token68 [=…]" then end or comma, i.e. a token68 rather than a parameter. */
  token68Ahead(): boolean {
    let j = this.i;
    while (j < this.s.length && T68[this.s.charCodeAt(j)] === 1) j++;
    if (j === this.i) return false;
    const eqStart = j;
    while (j < this.s.length && this.s[j] === '=') j++;
    // "realm=" followed by nothing is a broken parameter rather than a token68 only when there
    // is no padding at all; a token68 must end in padding or directly at the element's end.
    let k = j;
    while (k < this.s.length && (this.s[k] === ' ' || this.s[k] === '\t')) k++;
    const atEnd = k >= this.s.length || this.s[k] === ',';
    return atEnd && j >= eqStart;
  }
  /** Looks ahead: "token 1*SP token BWS =" — a new challenge with parameters. */
  challengeAhead(): boolean {
    let j = this.i;
    while (j < this.s.length && isT(this.s, j)) j++;
    if (j === this.i || (this.s[j] !== ' ' && this.s[j] !== '\t')) return false;
    while (j < this.s.length && (this.s[j] === ' ' || this.s[j] === '\t')) j++;
    const t = j;
    while (j < this.s.length && isT(this.s, j)) j++;
    if (j === t) return false;
    while (j < this.s.length && (this.s[j] === ' ' || this.s[j] === '\t')) j++;
    // Only "Scheme param=" counts: "realm=My Private Area" must stay one value.
    return this.s[j] === '=';
  }
}

/**
 * Parses the values of every WWW-Authenticate (or Proxy-Authenticate) field.
 * Repeated fields are one list (RFC 9110 §5.3), but each value is scanned on
 * its own so a broken one cannot swallow the next.
 */
export function parseChallenges(headerValues: readonly string[]): ParsedChallenges {
  const challenges: Challenge[] = [];
  const problems: string[] = [];
  let malformed = false;
  // Messages are built lazily: a hostile header can have thousands of problems, we keep a few.
  const flag = (p: string | (() => string)): void => {
    malformed = true;
    if (problems.length >= MAX_PROBLEMS) return;
    const text = typeof p === 'string' ? p : p();
    if (!problems.includes(text)) problems.push(text);
  };
  // Past MAX_KEPT, challenges are still scanned (for problems) but not kept.
  const newChallenge = (scheme: string): Challenge => {
    const c: Challenge = { scheme, params: Object.create(null) as Record<string, string> };
    if (challenges.length < MAX_KEPT) challenges.push(c);
    return c;
  };

  for (const raw of headerValues) {
    if (typeof raw !== 'string') continue;
    const sc = new Scanner(raw);
    let cur: Challenge | undefined;
    // Set while we are right after "scheme SP", where a token68 may appear.
    let afterScheme = false;

    while (!sc.done) {
      sc.ws();
      if (sc.peek() === ',') {
        // Empty list elements are allowed (RFC 9110 §5.6.1); a comma ends "right after the scheme".
        if (
          afterScheme &&
          cur &&
          Object.keys(cur.params).length === 0 &&
          cur.token68 === undefined
        ) {
          // "Basic, realm=…": a comma between the scheme and its first parameter.
          if (sc.i + 1 < sc.s.length) {
            const save = sc.i;
            sc.i++;
            sc.ws();
            if (sc.paramAhead()) flag('comma right after the scheme');
            sc.i = save;
          }
        }
        afterScheme = false;
        sc.i++;
        continue;
      }
      if (sc.done) break;

      // Inside a challenge's parameter area: a token68, or name=value.
      if (cur && (afterScheme || sc.paramAhead())) {
        if (afterScheme && sc.token68Ahead() && !sc.paramAhead()) {
          const start = sc.i;
          while (!sc.done && T68[sc.s.charCodeAt(sc.i)] === 1) sc.i++;
          while (!sc.done && sc.peek() === '=') sc.i++;
          cur.token68 = sc.s.slice(start, sc.i);
          afterScheme = false;
          sc.ws();
          continue;
        }
        if (sc.paramAhead()) {
          afterScheme = false;
          readParam(sc, cur, flag);
          continue;
        }
        afterScheme = false;
      }

      // A new challenge: auth-scheme.
      const scheme = sc.token();
      if (!scheme) {
        const junk = sc.skipToComma().trim();
        flag(() => `unexpected text ${JSON.stringify(junk.slice(0, 40))}`);
        cur = undefined;
        continue;
      }
      const next = sc.peek();
      if (sc.done || next === ',') {
        cur = newChallenge(scheme);
        afterScheme = true;
        continue;
      }
      if (next === ' ' || next === '\t') {
        cur = newChallenge(scheme);
        sc.ws();
        afterScheme = true;
        if (sc.peek() === '=') {
          // "scheme =value": not a challenge at all.
          if (challenges[challenges.length - 1] === cur) challenges.pop();
          cur = undefined;
          flag(() => `"${scheme.slice(0, 40)}" is followed by "=" without a scheme`);
          sc.skipToComma();
        }
        continue;
      }
      if (next === '=' && !cur) {
        // "name=value" with no scheme before it.
        flag(() => `parameter "${scheme.slice(0, 40)}" without a scheme`);
        sc.skipToComma();
        continue;
      }
      // Anything else ("token:", "[object Object]") is not a challenge: drop the element.
      const rest = sc.skipToComma();
      flag(() => `unexpected text ${JSON.stringify((scheme + rest).trim().slice(0, 40))}`);
      cur = undefined;
      afterScheme = false;
    }
  }
  return { challenges, malformed, problems };
}

function readParam(sc: Scanner, cur: Challenge, flag: (p: string | (() => string)) => void): void {
  const name = sc.token().toLowerCase();
  sc.ws(); // BWS
  sc.i++; // "="
  sc.ws(); // BWS
  let value: string;
  let quoted = false;
  if (sc.peek() === '"') {
    const q = sc.quoted();
    value = q.value;
    quoted = true;
    if (!q.closed) flag(() => `unterminated quoted string in "${name.slice(0, 40)}"`);
  } else {
    value = sc.token();
    const c = sc.peek();
    if (!sc.done && c !== ',' && c !== ' ' && c !== '\t') {
      // A value with characters a token may not hold, e.g. realm=http://x/ (":" and "/").
      value += readLoose(sc);
      flag(() => `"${name.slice(0, 40)}" has an unquoted value that is not a token`);
    }
  }
  // After the value: OWS, then "," or the end.
  for (;;) {
    sc.ws();
    if (sc.done || sc.peek() === ',') break;
    if (!quoted && !sc.paramAhead() && !sc.challengeAhead()) {
      // realm=My Realm: an unquoted value with spaces. Keep the words together.
      const word = readLoose(sc);
      value += ` ${word}`;
      flag(() => `"${name.slice(0, 40)}" has an unquoted value with spaces`);
      continue;
    }
    // Another element without a comma before it.
    flag('missing comma between elements');
    break;
  }
  if (name in cur.params) flag(() => `parameter "${name.slice(0, 40)}" repeated`);
  else cur.params[name] = value;
}

/** Reads up to the next whitespace or comma (quotes respected). */
function readLoose(sc: Scanner): string {
  const start = sc.i;
  while (!sc.done) {
    const c = sc.s.charCodeAt(sc.i);
    if (c === 44 || c === 32 || c === 9) break;
    if (c === 34) {
      sc.quoted();
      continue;
    }
    sc.i++;
  }
  return sc.s.slice(start, sc.i);
}

/** Lower-cased scheme names of a challenge list. */
export function schemesOf(challenges: readonly Challenge[]): string[] {
  return challenges.map((c) => c.scheme.toLowerCase());
}

export { allToken68 };
