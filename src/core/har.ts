// HAR 1.2 (w3c.github.io/web-performance/specs/HAR/Overview.html) → the
// `why401 explain --json` document of causes.md. Only 401/407 entries are
// listed, `index` being the entry's position in log.entries.
import { diagnose } from './diagnose.ts';
import { extractEvidence } from './evidence.ts';
import type { Evidence, Exchange, ExplainResult, Header, Translate } from './types.ts';

/** Input that is not a HAR. The message is one line, fit for a terminal. */
export class HarError extends Error {
  override name = 'HarError';
}

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);

function headersOf(x: unknown): Header[] {
  if (!Array.isArray(x)) return [];
  const out: Header[] = [];
  for (const h of x) {
    if (isObj(h) && typeof h.name === 'string') {
      out.push({
        name: h.name,
        value: typeof h.value === 'string' ? h.value : String(h.value ?? ''),
      });
    }
  }
  return out;
}

/** Chrome writes "WebInspector", Firefox "Firefox"; both add "_"-prefixed custom fields (HAR §"Custom fields"). */
function browserMade(log: Obj, entry: Obj): boolean {
  const creator =
    isObj(log.creator) && typeof log.creator.name === 'string' ? log.creator.name : '';
  if (/webinspector|firefox|chrome|edge|safari|web inspector/i.test(creator)) return true;
  return Object.keys(entry).some((k) => k.startsWith('_'));
}

const SECRET_HEADERS = new Set(['authorization', 'cookie', 'set-cookie', 'proxy-authorization']);

function showsSecrets(entry: unknown): boolean {
  if (!isObj(entry)) return false;
  for (const side of [entry.request, entry.response]) {
    if (!isObj(side)) continue;
    if (Array.isArray(side.cookies) && side.cookies.length) return true;
    if (
      Array.isArray(side.headers) &&
      side.headers.some(
        (h) => isObj(h) && typeof h.name === 'string' && SECRET_HEADERS.has(h.name.toLowerCase()),
      )
    )
      return true;
  }
  return false;
}

const keptSecrets = new WeakMap<Obj, boolean>();

/**
 * Whether the file was saved with its sensitive data: "Save without
 * sensitive data" (Chrome, Firefox) drops Authorization, Cookie and
 * Set-Cookie from every entry, so one entry that shows any of them tells
 * a complete file. Read once per file.
 */
function keepsSecrets(log: Obj): boolean {
  let kept = keptSecrets.get(log);
  if (kept === undefined) {
    kept = Array.isArray(log.entries) && log.entries.some(showsSecrets);
    keptSecrets.set(log, kept);
  }
  return kept;
}

/** One HAR entry as the engine's neutral exchange. */
export function exchangeOfEntry(log: Obj, entry: Obj): Exchange | undefined {
  const req = entry.request;
  const res = entry.response;
  if (!isObj(req) || !isObj(res)) return undefined;
  const status = typeof res.status === 'number' ? res.status : Number(res.status);
  const ex: Exchange = {
    method: typeof req.method === 'string' ? req.method : 'GET',
    url: typeof req.url === 'string' ? req.url : '',
    status: Number.isFinite(status) ? status : 0,
    requestHeaders: headersOf(req.headers),
    responseHeaders: headersOf(res.headers),
    // A browser's export that shows no sensitive header anywhere may have
    // been saved without them: then "nothing was sent" is less certain.
    source: browserMade(log, entry) && !keepsSecrets(log) ? 'har-browser' : 'har',
  };
  if (typeof res.statusText === 'string') ex.statusText = res.statusText;
  if (typeof entry.startedDateTime === 'string') ex.startedDateTime = entry.startedDateTime;
  if (Array.isArray(req.cookies)) {
    ex.requestCookieNames = req.cookies
      .filter((c): c is Obj => isObj(c) && typeof c.name === 'string')
      .map((c) => c.name as string);
  }
  const post = req.postData;
  if (isObj(post)) {
    ex.requestBody = {};
    if (typeof post.text === 'string') ex.requestBody.text = post.text;
    if (typeof post.mimeType === 'string') ex.requestBody.mimeType = post.mimeType;
    if (Array.isArray(post.params))
      ex.requestBody.params = post.params
        .filter((p): p is Obj => isObj(p) && typeof p.name === 'string')
        .map((p) => ({
          name: p.name as string,
          value: typeof p.value === 'string' ? p.value : '',
        }));
  }
  const content = res.content;
  if (isObj(content) && typeof content.text === 'string') {
    ex.responseBody = { text: content.text };
    if (typeof content.mimeType === 'string') ex.responseBody.mimeType = content.mimeType;
    if (typeof content.encoding === 'string') ex.responseBody.encoding = content.encoding;
  }
  const rt = entry._resourceType;
  if (typeof rt === 'string') ex.resourceType = rt;
  return ex;
}

/** Validates the outer shape; throws HarError with a one-line reason. */
export function harEntries(har: unknown): { log: Obj; entries: unknown[] } {
  if (!isObj(har)) throw new HarError('not a HAR file: the top level is not a JSON object');
  const log = har.log;
  if (!isObj(log)) throw new HarError('not a HAR file: no "log" object');
  if (!Array.isArray(log.entries))
    throw new HarError('not a HAR file: "log.entries" is not an array');
  return { log, entries: log.entries };
}

const isAuthFailure = (s: number): boolean => s === 401 || s === 407;

/** Diagnoses every 401/407 of a parsed HAR (causes.md, `why401 explain --json`). */
/** Where a step-by-step explanation is: reading entries, then ranking causes. */
export interface ExplainProgress {
  phase: 'scan' | 'diagnose';
  done: number;
  total: number;
}

const loopKey = (ev: Evidence) => `${ev.status} ${ev.method} ${ev.url}`;

/**
 * explainHar one slice at a time: yields its progress every `slice` entries
 * (so a page can show it and give its event loop a turn on a 20,000-entry
 * file) and returns the same result as explainHar. Pure: no timers here.
 */
export function* explainHarSteps(
  har: unknown,
  opts: { t?: Translate; slice?: number } = {},
): Generator<ExplainProgress, ExplainResult> {
  const { log, entries } = harEntries(har);
  const slice = Math.max(1, opts.slice ?? Infinity);
  const found: { index: number; ev: Evidence }[] = [];
  for (let index = 0; index < entries.length; index++) {
    if (index > 0 && index % slice === 0)
      yield { phase: 'scan', done: index, total: entries.length };
    const entry = entries[index];
    if (!isObj(entry) || !isObj(entry.response)) continue;
    if (!isAuthFailure(Number(entry.response.status))) continue;
    const ex = exchangeOfEntry(log, entry);
    if (ex) found.push({ index, ev: extractEvidence(ex) });
  }
  yield { phase: 'scan', done: entries.length, total: entries.length };
  // auth-loop only compares the same method+URL: group once instead of scanning all per entry.
  const groups = new Map<string, Evidence[]>();
  for (const f of found) {
    const g = groups.get(loopKey(f.ev));
    if (g) g.push(f.ev);
    else groups.set(loopKey(f.ev), [f.ev]);
  }
  const out: ExplainResult = { entries: [] };
  // Diagnosis costs more an entry than reading: report it in finer slices.
  const diagSlice = Math.max(1, Math.floor(slice / 5));
  for (let i = 0; i < found.length; i++) {
    if (i > 0 && i % diagSlice === 0) yield { phase: 'diagnose', done: i, total: found.length };
    const { index, ev } = found[i]!;
    const others = (groups.get(loopKey(ev)) ?? []).filter((o) => o !== ev);
    out.entries.push({
      index,
      method: ev.method,
      url: ev.url,
      status: ev.status,
      causes: diagnose(ev, others, { t: opts.t }).map(
        ({ id, confidence, summary, evidence, fixes }) => ({
          id,
          confidence,
          summary,
          evidence,
          fixes,
        }),
      ),
    });
  }
  yield { phase: 'diagnose', done: found.length, total: found.length };
  return out;
}

export function explainHar(har: unknown, opts: { t?: Translate } = {}): ExplainResult {
  const steps = explainHarSteps(har, opts);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}
