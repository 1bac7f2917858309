// The slice of the DevTools extension API the panel uses, typed here (the
// polyfill's types and @types/chrome disagree, and tests stand in for it).
// Browser differences, each seen in the docs of both:
// - Chrome implements chrome.devtools.* in the DevTools front end; whether
//   its native `browser` namespace carries `devtools` varies, so we look at
//   `chrome.devtools` first. Firefox has both.
// - Request.getContent: Chrome calls back (content, encoding); Firefox
//   returns a Promise of [content, mimeType]. getContent() below accepts both.
// - Theme changes: Firefox has panels.onThemeChanged; Chrome reloads the
//   panel when the theme changes, so reading themeName at start is enough.

/** A HAR 1.2 entry as DevTools gives it. It holds raw credentials: only core's extractEvidence reads it. */
export type HarEntryLike = Record<string, unknown>;

export interface DevtoolsRequest extends HarEntryLike {
  getContent(callback?: (content: string | null, encoding: string | null) => void): unknown;
}

interface Listenable<F> {
  addListener(f: F): void;
  removeListener?(f: F): void;
}

export interface DevtoolsApi {
  inspectedWindow: { tabId: number };
  network: {
    onRequestFinished: Listenable<(request: DevtoolsRequest) => void>;
    onNavigated?: Listenable<(url: string) => void>;
    getHAR?(callback?: (har: { entries?: HarEntryLike[] }) => void): unknown;
  };
  panels: {
    themeName?: string;
    onThemeChanged?: Listenable<(name: string) => void>;
    create?(
      title: string,
      iconPath: string,
      pagePath: string,
      callback?: (panel: unknown) => void,
    ): unknown;
  };
}

type WithDevtools = { devtools?: DevtoolsApi };

/** The DevTools API of this page, or undefined outside DevTools (the page opened in a tab). */
export function findDevtoolsApi(): DevtoolsApi | undefined {
  const g = globalThis as { chrome?: WithDevtools; browser?: WithDevtools };
  const api = g.chrome?.devtools ?? g.browser?.devtools;
  return api?.network && api.inspectedWindow ? api : undefined;
}

export interface BodyContent {
  text: string;
  encoding?: string;
}

const then = (x: unknown): x is PromiseLike<unknown> =>
  typeof x === 'object' && x !== null && typeof (x as PromiseLike<unknown>).then === 'function';

/** The response body of a finished request, or undefined (none, binary, evicted, or an error). */
export function getContent(
  request: DevtoolsRequest,
  timeoutMs = 5_000,
): Promise<BodyContent | undefined> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (content: unknown, second: unknown) => {
      if (settled) return;
      settled = true;
      if (typeof content !== 'string') return resolve(undefined);
      // Chrome's second value is an encoding ("base64" or ""); Firefox's is a MIME type.
      resolve(second === 'base64' ? { text: content, encoding: 'base64' } : { text: content });
    };
    const timer = setTimeout(() => finish(undefined, undefined), timeoutMs);
    const done = (c: unknown, s: unknown) => {
      clearTimeout(timer);
      finish(c, s);
    };
    try {
      const r = request.getContent((c, e) => done(c, e));
      if (then(r)) {
        r.then(
          (v) => (Array.isArray(v) ? done(v[0], v[1]) : done(v, undefined)),
          () => done(undefined, undefined),
        );
      }
    } catch {
      done(undefined, undefined);
    }
  });
}

/** Entries DevTools recorded before this panel loaded (Chrome loads a panel only when first shown). */
export function getHarEntries(api: DevtoolsApi): Promise<HarEntryLike[]> {
  return new Promise((resolve) => {
    if (!api.network.getHAR) return resolve([]);
    let settled = false;
    const done = (har: unknown) => {
      if (settled) return;
      settled = true;
      const entries = (har as { entries?: unknown } | undefined)?.entries;
      resolve(Array.isArray(entries) ? (entries as HarEntryLike[]) : []);
    };
    try {
      const r = api.network.getHAR(done);
      if (then(r)) r.then(done, () => done(undefined));
    } catch {
      done(undefined);
    }
  });
}
