// The panel's container: fetches the tab's view from the background, keeps
// it fresh, and turns clicks into requests. Every action handler ignores
// events the page's own scripts made (`isTrusted` is false for a synthetic
// click), and the background accepts only a short allow-list of messages
// from a content script, for its own tab and site.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import browser from '../shared/browser.ts';
import type { PanelRefresh, PanelView } from '../shared/messages.ts';
import { send } from '../shared/send.ts';
import { Panel } from '../ui/Panel.tsx';

const t = (key: string, subs?: string[]) => browser.i18n.getMessage(key, subs);

/** Wraps a handler so only a real user's input runs it. */
export function trustedOnly(run: () => void) {
  return (e: Event) => {
    if (!e.isTrusted) return;
    run();
  };
}

export function PanelApp() {
  const [view, setView] = useState<PanelView | null>(null);
  const [dismissedAt, setDismissedAt] = useState(0);
  // The newest record is all the panel shows until its list of others is
  // opened: a storm's refreshes then carry one record, not the tab's fifty
  // (bench/experiments/storm-parts.mjs).
  const all = useRef(false);

  const load = useCallback(() => {
    send('panel/view', all.current ? { all: true } : {})
      .then(setView)
      .catch(() => setView(null));
  }, []);

  useEffect(() => {
    load();
    window.__why401Refresh = load;
    const onMessage = (m: unknown, sender: { id?: string; tab?: unknown }) => {
      // Only the background (our id, no tab) may tell the panel to refresh.
      if (sender.id !== browser.runtime.id || sender.tab) return;
      if ((m as PanelRefresh | undefined)?.type === 'panel/refresh') load();
    };
    browser.runtime.onMessage.addListener(onMessage);
    return () => browser.runtime.onMessage.removeListener(onMessage);
  }, [load]);

  if (!view || view.records.length === 0) return null;
  // Dismissed: hidden until a newer 401 arrives.
  const newest = view.records[0]?.time ?? 0;
  if (newest <= dismissedAt) return null;

  const collapse = (collapsed: boolean) => {
    // The list of others goes with the full panel: back to the newest only.
    all.current = false;
    setView({ ...view, collapsed });
    void send('panel/collapse', { collapsed });
  };
  return (
    <Panel
      view={view}
      t={t}
      onCollapse={trustedOnly(() => collapse(true))}
      onExpand={trustedOnly(() => collapse(false))}
      onDismiss={trustedOnly(() => {
        all.current = false;
        setDismissedAt(newest);
      })}
      onMute={trustedOnly(() => {
        setView(null);
        void send('panel/mute', {});
      })}
      onOpenActions={trustedOnly(() => void send('panel/open-actions', {}))}
      onOthers={(open) => {
        // Panel.tsx calls this for a person's click only.
        if (open && !all.current) {
          all.current = true;
          load();
        } else if (!open) all.current = false;
      }}
    />
  );
}
