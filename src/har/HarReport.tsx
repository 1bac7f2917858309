// The explained HAR, grouped by top cause. Each entry is a <details> whose
// body is rendered only once opened, and each group shows a page of entries
// at a time, so 20,000 failures do not become 20,000 rendered diagnoses.
import { useState } from 'preact/hooks';
import type { ExplainEntry, ExplainResult } from '../core/index.ts';
import { CauseList } from '../ui/CauseList.tsx';
import { RequestLine } from '../ui/RequestLine.tsx';
import type { T } from '../ui/t.ts';
import { causeTitleKey, groupByTopCause, type CauseGroup } from './cause-groups.ts';

const PAGE = 100;

function Entry({ entry, t }: { entry: ExplainEntry; t: T }) {
  const [open, setOpen] = useState(false);
  const top = entry.causes[0];
  return (
    <li>
      <details
        class="har-entry"
        data-testid="har-entry"
        data-index={entry.index}
        data-top-cause={top?.id}
        onToggle={(e) => setOpen(e.currentTarget.open)}
      >
        <summary>
          <span class="idx">#{entry.index}</span>
          <RequestLine status={entry.status} method={entry.method} url={entry.url} />
        </summary>
        {open && (
          <div class="entry-body">
            <CauseList causes={entry.causes} t={t} open />
          </div>
        )}
      </details>
    </li>
  );
}

function Group({ group, t }: { group: CauseGroup; t: T }) {
  const [shown, setShown] = useState(PAGE);
  const rest = group.entries.length - shown;
  return (
    <section
      class="har-group"
      data-testid="har-group"
      data-cause-group={group.cause}
      data-count={group.entries.length}
      aria-label={t(causeTitleKey(group.cause))}
    >
      <h2>
        {t(causeTitleKey(group.cause))} <code>{group.cause}</code>{' '}
        <span class="n">{group.entries.length}</span>
      </h2>
      <ul>
        {group.entries.slice(0, shown).map((e) => (
          <Entry key={e.index} entry={e} t={t} />
        ))}
      </ul>
      {rest > 0 && (
        <button type="button" onClick={() => setShown(shown + PAGE)}>
          {t('har_show_more', [String(Math.min(PAGE, rest)), String(rest)])}
        </button>
      )}
    </section>
  );
}

export function HarReport({ result, t }: { result: ExplainResult; t: T }) {
  const groups = groupByTopCause(result.entries);
  return (
    <div class="har-report">
      {groups.map((g) => (
        <Group key={g.cause} group={g} t={t} />
      ))}
    </div>
  );
}
