// The panel's filters: by top cause and by origin, and the choices each offers
// (only what the list holds, with counts).
import { CAUSE_IDS, type CauseId } from '../core/index.ts';
import type { RecordView } from '../shared/messages.ts';

export interface Filter {
  /** '' = all */
  cause: CauseId | '';
  origin: string;
}

export const NO_FILTER: Filter = { cause: '', origin: '' };

export const topCause = (r: RecordView): CauseId | undefined => r.causes[0]?.id;

export function applyFilter<R extends RecordView>(records: readonly R[], f: Filter): R[] {
  return records.filter(
    (r) => (!f.cause || topCause(r) === f.cause) && (!f.origin || r.evidence.origin === f.origin),
  );
}

export interface Choice<V extends string> {
  value: V;
  count: number;
}

/** Causes present as a top cause, in causes.md order. */
export function causeChoices(records: readonly RecordView[]): Choice<CauseId>[] {
  const n = new Map<CauseId, number>();
  for (const r of records) {
    const c = topCause(r);
    if (c) n.set(c, (n.get(c) ?? 0) + 1);
  }
  return CAUSE_IDS.filter((c) => n.has(c)).map((value) => ({ value, count: n.get(value) ?? 0 }));
}

/** Origins present, alphabetically. */
export function originChoices(records: readonly RecordView[]): Choice<string>[] {
  const n = new Map<string, number>();
  for (const r of records) n.set(r.evidence.origin, (n.get(r.evidence.origin) ?? 0) + 1);
  return [...n].sort(([a], [b]) => a.localeCompare(b)).map(([value, count]) => ({ value, count }));
}

/** A filter stays valid only while its choice still exists (after "Clear list", say). */
export function keepValid(f: Filter, records: readonly RecordView[]): Filter {
  return {
    cause: f.cause && records.some((r) => topCause(r) === f.cause) ? f.cause : '',
    origin: f.origin && records.some((r) => r.evidence.origin === f.origin) ? f.origin : '',
  };
}
