// From a captured 401/407 to a stored, masked observation and a badge.
// The raw exchange (which may hold a token) lives only in this function's
// scope; what is stored is the engine's secret-free evidence.
import { extractEvidence, maskUrl } from '../core/index.ts';
import browser, { isFirefox } from '../shared/browser.ts';
import { showCount } from './toolbar.ts';
import type { Captured } from './capture.ts';
import { endpointKey, type Observation } from './records.ts';
import { createJarNames } from './jar-names.ts';
import { annotate } from './diagnosis.ts';
import { addObservation, countRepeat } from './store.ts';

/** Names (never values) of the cookies the browser holds for a URL. */
async function lookUpCookieNames(url: string): Promise<string[] | undefined> {
  try {
    // Firefox with first-party isolation rejects a query without firstPartyDomain;
    // Chrome rejects the unknown key. A browser difference, kept in the glue.
    const query = isFirefox() ? { url, firstPartyDomain: null } : { url };
    const cookies = await browser.cookies.getAll(query as { url: string });
    return cookies.map((c) => c.name);
  } catch {
    return undefined; // unknown, not "none"
  }
}

// A burst's 401s to one endpoint ask the jar once, until a cookie changes (jar-names.ts).
const cookieNames = createJarNames(lookUpCookieNames, browser.cookies.onChanged);

/** Whether a 401 was recorded, or only counted as a storm's repeat of a recorded one. */
export type Recorded = 'recorded' | 'counted';

export async function record(c: Captured, ready: Promise<unknown>): Promise<Recorded> {
  await ready;
  const time = c.time;
  // A storm's repeat of an endpoint the tab has a record of is only counted:
  // its evidence would say less than that record's (bench/README.md,
  // "Listening less in a storm"), and building it (the exchange too) was
  // most of the worker's own time in a storm.
  if (c.inStorm && c.type !== 'main_frame') {
    const key = endpointKey(c.method.toUpperCase(), c.status, maskUrl(c.url));
    const counted = countRepeat(c.tabId, key, time, annotate);
    if (counted) {
      await showCount(c.tabId, (await counted).count);
      return 'counted';
    }
  }
  const ex = c.exchange;
  // Only a request that went without cookies needs the jar: it tells
  // "cookie-not-sent" apart from "no session at all".
  if (!ex.requestHeaders.some((h) => h.name.toLowerCase() === 'cookie')) {
    const names = await cookieNames(ex.url);
    if (names) ex.cookieJarNames = names; // shared by a burst: extractEvidence copies it
  }
  const evidence = extractEvidence(ex);
  const o: Observation = {
    id: `${c.requestId}:${ex.status}`,
    tabId: c.tabId,
    frameId: c.frameId,
    type: c.type,
    time,
    evidence,
  };
  if (c.inStorm) o.inStorm = true;
  const t = await addObservation(o, annotate);
  await showCount(c.tabId, t.count);
  return 'recorded';
}
