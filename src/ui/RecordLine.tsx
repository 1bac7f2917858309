// One recorded 401/407 as a line: what was requested, the status, its top cause.
import type { RecordView } from '../shared/messages.ts';
import { CauseList } from './CauseList.tsx';
import { RequestLine } from './RequestLine.tsx';
import type { T } from './t.ts';

export function RecordLine({ record, t, open }: { record: RecordView; t: T; open?: boolean }) {
  const e = record.evidence;
  return (
    <li
      class="record"
      data-testid="record"
      data-status={e.status}
      data-method={e.method}
      data-type={record.type}
    >
      <div class="request">
        <RequestLine status={e.status} method={e.method} url={e.url} />
      </div>
      <CauseList causes={record.causes} t={t} open={open} />
      {record.repeats !== undefined && record.repeats > 0 && (
        <p class="note" data-testid="storm-repeats">
          {t('ui_storm_repeats', [String(record.repeats)])}
        </p>
      )}
      {record.inStorm && (
        <p class="note" data-testid="storm-unread">
          {t('ui_storm_unread')}
        </p>
      )}
    </li>
  );
}
