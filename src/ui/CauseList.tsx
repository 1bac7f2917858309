// A diagnosis as the UI shows it everywhere: the top cause open or not, the
// other possible causes one click away.
import type { Cause } from '../core/index.ts';
import { CauseDetails } from './CauseDetails.tsx';
import type { T } from './t.ts';

export function CauseList({ causes, t, open }: { causes: Cause[]; t: T; open?: boolean }) {
  const [top, ...more] = causes;
  return (
    <>
      {top && <CauseDetails cause={top} t={t} open={open} />}
      {more.length > 0 && (
        <details class="more-causes">
          <summary>{t('ui_also_causes', [String(more.length)])}</summary>
          {more.map((c) => (
            <CauseDetails key={c.id} cause={c} t={t} />
          ))}
        </details>
      )}
    </>
  );
}
