// The in-page panel, presentational: props in, events out. The container
// (content/PanelApp.tsx) fetches the view and guards every action.
import { useRef, useState } from 'preact/hooks';
import type { PanelView } from '../shared/messages.ts';
import { RecordLine } from './RecordLine.tsx';
import type { T } from './t.ts';

type Handler = (e: Event) => void;

export interface PanelProps {
  view: PanelView;
  t: T;
  onCollapse: Handler;
  onExpand: Handler;
  onDismiss: Handler;
  onMute: Handler;
  onOpenActions: Handler;
  /** The list of other records was opened or closed (the container then fetches them, or stops). */
  onOthers?: (open: boolean) => void;
}

export function Panel({
  view,
  t,
  onCollapse,
  onExpand,
  onDismiss,
  onMute,
  onOpenActions,
  onOthers,
}: PanelProps) {
  const [othersOpen, setOthersOpen] = useState(false);
  // A person's click (or Enter, which clicks) on the summary: a page script
  // can open the details too, and its toggle event is the browser's, trusted.
  const askedByPerson = useRef(false);
  const [latest, ...others] = view.records;
  if (!latest) return null;
  if (view.collapsed) {
    // The full panel comes back with its list of others closed.
    if (othersOpen) setOthersOpen(false);
    return (
      <button class="pill" type="button" data-action="expand" onClick={onExpand}>
        <span class="dot" aria-hidden="true" />
        {latest.evidence.status} · {view.count}
        {/* Read after the visible text, so the accessible name contains what is seen. */}
        <span class="sr-only"> {t('panel_expand')}</span>
      </button>
    );
  }
  return (
    <section class="panel" role="region" aria-label={t('panel_label')}>
      <header>
        <span class="dot" aria-hidden="true" />
        <h2>{t('panel_heading')}</h2>
        <button
          type="button"
          class="icon"
          data-action="collapse"
          onClick={onCollapse}
          aria-label={t('panel_collapse')}
        >
          –
        </button>
        <button
          type="button"
          class="icon"
          data-action="dismiss"
          onClick={onDismiss}
          aria-label={t('panel_dismiss')}
        >
          ×
        </button>
      </header>
      <ul class="records latest">
        <RecordLine record={latest} t={t} open />
      </ul>
      <div class="actions">
        <button type="button" class="primary" data-action="open-actions" onClick={onOpenActions}>
          {t('panel_fix')}
        </button>
        <button type="button" data-action="mute" onClick={onMute}>
          {t('panel_mute')}
        </button>
      </div>
      {view.count > 1 && (
        <details
          class="others"
          onToggle={(e) => {
            const open = e.currentTarget.open;
            setOthersOpen(open);
            // Only a person's click asks for the rest.
            if (open && askedByPerson.current) onOthers?.(true);
            if (!open) onOthers?.(false);
            askedByPerson.current = false;
          }}
        >
          <summary
            onClick={(e) => {
              askedByPerson.current = e.isTrusted;
            }}
          >
            {t('panel_others', [String(view.count - 1)])}
          </summary>
          {/* Rendered only when opened: a storm refreshes the panel often. */}
          {othersOpen && (
            <ul class="records">
              {others.map((r) => (
                <RecordLine key={r.id} record={r} t={t} />
              ))}
            </ul>
          )}
        </details>
      )}
    </section>
  );
}
