// The readable report's order: entries grouped by their top cause, the most
// frequent cause first (ties in causes.md order), entries by HAR index.
import { CAUSE_IDS, type CauseId, type ExplainEntry } from '../core/index.ts';

export interface CauseGroup {
  cause: CauseId;
  entries: ExplainEntry[];
}

export function groupByTopCause(entries: readonly ExplainEntry[]): CauseGroup[] {
  const groups = new Map<CauseId, ExplainEntry[]>();
  for (const e of entries) {
    // explainHar never returns an empty cause list for a 401/407 (causes.md).
    const top = e.causes[0]?.id ?? 'missing-challenge';
    const g = groups.get(top);
    if (g) g.push(e);
    else groups.set(top, [e]);
  }
  return [...groups]
    .map(([cause, list]) => ({ cause, entries: list.sort((a, b) => a.index - b.index) }))
    .sort(
      (a, b) =>
        b.entries.length - a.entries.length ||
        CAUSE_IDS.indexOf(a.cause) - CAUSE_IDS.indexOf(b.cause),
    );
}

/** The message key of a cause's short title (shared with the CLI's report). */
export const causeTitleKey = (id: string): string => `cli_title_${id.replace(/-/g, '_')}`;
