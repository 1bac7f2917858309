// The one typed message protocol between the extension's parts. Each request
// type maps to its payload and its answer; the background's router is the only
// receiver. Errors travel back as { ok: false, error } and are rethrown by
// `send`, so a caller sees the background's message, not "undefined".
import type { Cause, Evidence } from '../core/index.ts';
import type { Settings } from './settings.ts';

/** One recorded 401/407 as the UI sees it: the masked evidence and its diagnosis. */
export interface RecordView {
  id: string;
  tabId: number;
  frameId: number;
  /** webRequest resource type: main_frame, sub_frame, xmlhttprequest, image, … */
  type: string;
  time: number;
  evidence: Evidence;
  causes: Cause[];
  /** Its request headers went unread: it came in a 401 storm (background/storm.ts). */
  inStorm?: true;
  /** The same endpoint's later 401s in a storm, counted on this record. */
  repeats?: number;
}

export interface TabView {
  tabId: number;
  /** 401/407s on the tab's current page, including any dropped past the record cap. */
  count: number;
  /** Newest first, at most the record cap (or `perOrigin` per origin when asked). */
  records: RecordView[];
  /** When the view was limited per origin: how many records each origin has in all. */
  originCounts?: Record<string, number>;
}

/** What Clear site data will remove, shown before it does. */
export interface ClearPlan {
  origin: string;
  /** Cookies the origin receives (names only), partitioned ones included. */
  cookies: { name: string; domain: string; shared: boolean; partitioned: boolean }[];
  /** browsingData kinds cleared for this origin only. */
  storage: string[];
  /** Firefox clears the HTTP cache for all sites or none: offered separately. */
  cacheIsGlobalOnly: boolean;
}

export interface ClearResult {
  origin: string;
  cleared: string[];
  failed: string[];
}

export interface SignInResult {
  clear: ClearResult;
  /** Where the tab was sent to sign in. */
  url: string;
  /** Why that URL: 'location' | 'authorization_uri' | 'start-page'. */
  source: string;
  /** Basic/Digest were challenged: the browser keeps those passwords and no API can forget them. */
  httpAuthCached: boolean;
}

export interface PanelView extends TabView {
  collapsed: boolean;
}

export interface Protocol {
  /**
   * Extension pages: the records of a tab. `'active'` is the active tab of the
   * last focused window, the one whose toolbar popup is open: the background
   * finds it, which saves the popup a round trip before its first paint.
   */
  'tab/view': { request: { tabId: number | 'active'; perOrigin?: number }; response: TabView };
  /**
   * Content script: the records of its own tab (the tab comes from the
   * sender, not the payload): only the newest unless `all` (the panel shows
   * one record and the count until its list of others is opened; a storm
   * refreshes it several times a second).
   */
  'panel/view': { request: { all?: boolean }; response: PanelView };
  /** Content script: collapse the panel to a pill (remembered for its site), or expand it. */
  'panel/collapse': { request: { collapsed: boolean }; response: null };
  /** Content script: never show the panel on its site again (the badge and popup still work). */
  'panel/mute': { request: Record<string, never>; response: null };
  /** Content script: open the extension's own window with the fixes for its tab (a page cannot confirm them). */
  'panel/open-actions': { request: Record<string, never>; response: null };
  'settings/get': { request: Record<string, never>; response: Settings };
  'settings/set': { request: { patch: Partial<Settings> }; response: Settings };
  /** What Clear site data would remove for an origin. */
  'site/plan': { request: { origin: string }; response: ClearPlan };
  /** Clears the origin's cookies and storage, then reloads the tab. */
  'site/clear': {
    request: { tabId: number; origin: string; globalCache?: boolean };
    response: ClearResult;
  };
  /** Clears the origin's session and sends the tab where the user can sign in. */
  'site/sign-in': { request: { tabId: number; origin: string }; response: SignInResult };
}

export type MessageType = keyof Protocol;
export type RequestOf<T extends MessageType> = Protocol[T]['request'];
export type ResponseOf<T extends MessageType> = Protocol[T]['response'];

export interface Envelope<T extends MessageType = MessageType> {
  /** Marks our messages, so unrelated runtime messages are ignored, not answered. */
  why401: 1;
  type: T;
  payload: RequestOf<T>;
}

export type Reply<T extends MessageType> =
  { ok: true; value: ResponseOf<T> } | { ok: false; error: string };

/** Types a content script may send; everything else is for extension pages only. */
export const CONTENT_SCRIPT_TYPES: ReadonlySet<MessageType> = new Set<MessageType>([
  'panel/view',
  'panel/collapse',
  'panel/mute',
  'panel/open-actions',
]);

/** Background → content script: the tab's records changed. */
export interface PanelRefresh {
  why401: 1;
  type: 'panel/refresh';
}

export function isEnvelope(x: unknown): x is Envelope {
  return (
    typeof x === 'object' &&
    x !== null &&
    (x as Envelope).why401 === 1 &&
    typeof (x as Envelope).type === 'string'
  );
}
