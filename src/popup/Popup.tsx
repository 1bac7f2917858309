// The toolbar popup: the tab's 401/407s grouped by origin, newest first, and
// per origin the fixes: Sign in again, Clear site data (its plan listed before
// anything is removed), Copy report, Copy as cURL.
import { useEffect, useState } from 'preact/hooks';
import browser from '../shared/browser.ts';
import type { TabView } from '../shared/messages.ts';
import { send } from '../shared/send.ts';
import { FIRST_RECORDS, type FirstView } from './first-view.ts';
import { groupByOrigin } from '../ui/group.ts';
import { RecordLine } from '../ui/RecordLine.tsx';
import { HostAccess } from './HostAccess.tsx';
import { OriginActions } from '../ui/OriginActions.tsx';
import { siteActionsFor } from './site-actions.ts';
// In the script as a data: URL: one file less for the popup to ask for before its first frame.
import iconUrl from '../../public/icons/icon-32.png?inline';

const t = (key: string, subs?: string[]) => browser.i18n.getMessage(key, subs);

/**
 * `view` is the tab's first view once it has arrived: main.tsx draws the
 * popup's frame at once and again with the records the moment they come
 * (not from an effect here, which would run only after the next paint).
 */
export function Popup({ first, view: firstView }: { first: FirstView; view?: TabView }) {
  // The whole view, once "Show all" has fetched it.
  const [whole, setWhole] = useState<TabView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [allShown, setAllShown] = useState<ReadonlySet<string>>(new Set());
  const focusOrigin = new URLSearchParams(location.search).get('origin');
  const view = whole ?? firstView ?? null;
  const id = view?.tabId ?? null;

  useEffect(() => {
    first.view.catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, [first]);

  // The first view holds FIRST_RECORDS per origin; "Show all" fetches the rest once.
  const showAll = async (origin: string) => {
    if (id === null) return;
    try {
      // Fetched once: a second origin's "Show all" has it already.
      if (!whole && view?.originCounts) setWhole(await send('tab/view', { tabId: id }));
      // From the current set: another origin's click may have landed during the await.
      setAllShown((shown) => new Set([...shown, origin]));
    } catch (e: unknown) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  const groups = view ? groupByOrigin(view.records) : [];
  return (
    <main>
      <header class="top">
        <img src={iconUrl} alt="" width={20} height={20} />
        <h1>{t('popup_title')}</h1>
        <a href={browser.runtime.getURL('src/har/index.html')} target="_blank">
          {t('popup_explain_har')}
        </a>
        <a href={browser.runtime.getURL('src/options/index.html')} target="_blank">
          {t('popup_settings')}
        </a>
      </header>
      <HostAccess t={t} />
      {error && <p role="alert">{t('popup_error', [error])}</p>}
      {view && view.records.length === 0 && <p class="empty">{t('popup_empty')}</p>}
      {view && view.records.length > 0 && (
        <p class="count">{t('popup_count', [String(view.count)])}</p>
      )}
      {id !== null &&
        groups.map((g) => (
          <section class="origin" key={g.origin} data-origin={g.origin} aria-label={g.origin}>
            <h2>
              {g.origin} <span class="n">{g.records.length}</span>
            </h2>
            <ul class="records">
              {(allShown.has(g.origin) ? g.records : g.records.slice(0, FIRST_RECORDS)).map(
                (r, i) => (
                  <RecordLine key={r.id} record={r} t={t} open={i === 0 && groups.length === 1} />
                ),
              )}
            </ul>
            {!allShown.has(g.origin) &&
              (view?.originCounts?.[g.origin] ?? g.records.length) > FIRST_RECORDS && (
                <button
                  type="button"
                  class="show-all"
                  data-action="show-all"
                  onClick={() => void showAll(g.origin)}
                >
                  {t('popup_show_all', [
                    String(view?.originCounts?.[g.origin] ?? g.records.length),
                  ])}
                </button>
              )}
            <OriginActions
              actions={siteActionsFor(id)}
              origin={g.origin}
              records={g.records}
              t={t}
              startWith={focusOrigin === g.origin ? 'plan' : undefined}
            />
          </section>
        ))}
    </main>
  );
}
