import type { SiteActions } from '../ui/OriginActions.tsx';
import { send } from '../shared/send.ts';

/** The popup's fixes for a tab: each one a request to the background, which does the work. */
export function siteActionsFor(tabId: number): SiteActions {
  return {
    plan: (origin) => send('site/plan', { origin }),
    clear: (origin, globalCache) => send('site/clear', { tabId, origin, globalCache }),
    signIn: (origin) => send('site/sign-in', { tabId, origin }),
    copy: (text) => navigator.clipboard.writeText(text),
  };
}
