import type { RecordView } from '../shared/messages.ts';

export interface OriginGroup {
  origin: string;
  /** Newest first. */
  records: RecordView[];
}

/** Groups records by the origin that answered 401, the group with the newest 401 first. */
export function groupByOrigin(records: RecordView[]): OriginGroup[] {
  const groups = new Map<string, RecordView[]>();
  for (const r of [...records].sort((a, b) => b.time - a.time)) {
    const list = groups.get(r.evidence.origin);
    if (list) list.push(r);
    else groups.set(r.evidence.origin, [r]);
  }
  return [...groups].map(([origin, recs]) => ({ origin, records: recs }));
}
