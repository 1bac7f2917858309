// Clear site data and Sign in again: the destructive actions. Each touches
// only the chosen origin, and the plan says exactly what will go before it
// goes, and what the browser cannot clear.
import browser, { isFirefox, type RemovalOptions } from '../shared/browser.ts';
import type { Cookies } from '../shared/browser-types.ts';
import type { ClearPlan, ClearResult } from '../shared/messages.ts';
import { cookieUrl, cookiesOfOrigin, describeCookie } from './site-cookies.ts';

async function allCookies(): Promise<Cookies.Cookie[]> {
  // `partitionKey: {}` asks for partitioned (CHIPS / Total Cookie Protection)
  // cookies too; Firefox with first-party isolation also needs firstPartyDomain.
  // Older browsers reject the keys: fall back to the plain query.
  const query = isFirefox() ? { firstPartyDomain: null, partitionKey: {} } : { partitionKey: {} };
  try {
    return await browser.cookies.getAll(query as Cookies.GetAllDetailsType);
  } catch {
    return browser.cookies.getAll({});
  }
}

function storageKinds(): string[] {
  // Firefox's browsingData filters IndexedDB (and with it Cache Storage, both
  // quota-managed), localStorage and service workers by host; Chrome by origin,
  // and also Cache Storage, file systems and the HTTP cache of that origin.
  return isFirefox()
    ? ['localStorage', 'indexedDB', 'serviceWorkers']
    : ['localStorage', 'indexedDB', 'cacheStorage', 'serviceWorkers', 'fileSystems', 'cache'];
}

export async function planClear(origin: string): Promise<ClearPlan> {
  const cookies = cookiesOfOrigin(await allCookies(), origin).map((c) => describeCookie(c, origin));
  return {
    origin,
    cookies,
    storage: storageKinds(),
    // Firefox's cache clearing ignores every filter: all sites or nothing.
    cacheIsGlobalOnly: isFirefox(),
  };
}

export async function clearSite(
  origin: string,
  opts: { globalCache?: boolean } = {},
): Promise<ClearResult> {
  const cleared: string[] = [];
  const failed: string[] = [];
  const u = new URL(origin);

  const targets = cookiesOfOrigin(await allCookies(), origin);
  for (const c of targets) {
    try {
      const details: Record<string, unknown> = {
        url: cookieUrl(c),
        name: c.name,
        storeId: c.storeId,
      };
      const pk = (c as { partitionKey?: unknown }).partitionKey;
      if (pk) details.partitionKey = pk;
      if (isFirefox()) details.firstPartyDomain = c.firstPartyDomain ?? '';
      await browser.cookies.remove(details as unknown as Cookies.RemoveDetailsType);
    } catch {
      failed.push(`cookie ${c.name}`);
    }
  }
  cleared.push(`cookies:${targets.length}`);

  const data = Object.fromEntries(storageKinds().map((k) => [k, true]));
  // Firefox matches localStorage on host:port and the rest on the bare host
  // (../shared/notes/firefox.md): give both. Chrome takes exact origins.
  const options: RemovalOptions = isFirefox()
    ? { hostnames: [...new Set([u.hostname, u.host])] }
    : { origins: [origin] };
  try {
    await browser.browsingData.remove(options, data);
    cleared.push(...storageKinds());
  } catch (e) {
    failed.push(`storage: ${e instanceof Error ? e.message : String(e)}`);
  }

  if (opts.globalCache && isFirefox()) {
    try {
      await browser.browsingData.removeCache({});
      cleared.push('cache:all-sites');
    } catch {
      failed.push('cache');
    }
  }
  return { origin, cleared, failed };
}
