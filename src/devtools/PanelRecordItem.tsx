// One 401/407 in the panel: request line, top cause with evidence and fixes,
// other causes, whether the body was used, the relevant headers (from the
// masked evidence, never the raw entry) and "Copy report" for this request.
import { CauseList } from '../ui/CauseList.tsx';
import { RequestLine } from '../ui/RequestLine.tsx';
import { markdownReport, relevantHeaders } from '../ui/report.ts';
import type { T } from '../ui/t.ts';
import type { PanelRecord } from './record-of-entry.ts';

type Props = { record: PanelRecord; t: T; open?: boolean; onCopy: (text: string) => void };

export function PanelRecordItem({ record, t, open, onCopy }: Props) {
  const e = record.evidence;
  return (
    <li
      class="record"
      data-testid="devtools-record"
      data-status={e.status}
      data-method={e.method}
      data-url={e.url}
      data-body-used={String(record.bodyUsed)}
    >
      <div class="request">
        <RequestLine status={e.status} method={e.method} url={e.url} />
      </div>
      <p class={`body-used${record.bodyUsed ? ' yes' : ''}`} data-testid="body-used">
        {record.bodyUsed ? t('devtools_with_body') : t('devtools_without_body')}
      </p>
      <CauseList causes={record.causes} t={t} open={open} />
      <details>
        <summary>{t('devtools_headers')}</summary>
        <pre class="headers" data-testid="devtools-headers">
          {relevantHeaders(record).join('\n')}
        </pre>
      </details>
      <div class="buttons">
        <button
          type="button"
          aria-label={t('devtools_copy_one_label', [`${e.method} ${e.url}`])}
          onClick={() => onCopy(markdownReport([record], { product: 'Why 401', when: new Date() }))}
        >
          {t('devtools_copy_one')}
        </button>
      </div>
    </li>
  );
}
