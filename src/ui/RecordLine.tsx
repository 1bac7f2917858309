// One recorded 401/407 as a line: what was requested, the status, its top cause.
import type { RecordView } from '../shared/messages.ts';
import { CauseDetails } from './CauseDetails.tsx';
import type { T } from './t.ts';

export function RecordLine({ record, t, open }: { record: RecordView; t: T; open?: boolean }) {
  const e = record.evidence;
  const [top, ...more] = record.causes;
  return (
    <li
      class="record"
      data-testid="record"
      data-status={e.status}
      data-method={e.method}
      data-type={record.type}
    >
      <div class="request">
        <span class={`status s${e.status}`}>{e.status}</span>
        <code class="url" title={e.url}>
          {e.method} {e.url}
        </code>
      </div>
      {top && <CauseDetails cause={top} t={t} open={open} />}
      {more.length > 0 && (
        <details class="more-causes">
          <summary>{t('ui_also_causes', [String(more.length)])}</summary>
          {more.map((c) => (
            <CauseDetails key={c.id} cause={c} t={t} />
          ))}
        </details>
      )}
    </li>
  );
}
