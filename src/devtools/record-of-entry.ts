// A finished request from DevTools (a HAR entry with raw headers, plus its
// body) → the panel's record: masked Evidence and ranked causes, computed
// here with the same engine as the background and the CLI. The entry and the
// body are dropped after extractEvidence: no raw header or credential is kept.
import {
  diagnose,
  exchangeOfEntry,
  extractEvidence,
  type Evidence,
  type Translate,
} from '../core/index.ts';
import type { RecordView } from '../shared/messages.ts';
import type { BodyContent, HarEntryLike } from './devtools-api.ts';

export interface PanelRecord extends RecordView {
  /** The response body was read and summarised into the evidence, so body rules (vendors) applied. */
  bodyUsed: boolean;
}

/** DevTools' own log, for exchangeOfEntry (it only reads `creator`). */
const LOG = { creator: { name: 'WebInspector' } };

const isObj = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

export function entryStatus(entry: HarEntryLike): number {
  return isObj(entry.response) ? Number(entry.response.status) : 0;
}

export const isAuthFailure = (entry: HarEntryLike): boolean => {
  const s = entryStatus(entry);
  return s === 401 || s === 407;
};

export function recordOfEntry(
  entry: HarEntryLike,
  body: BodyContent | undefined,
  ctx: { id: string; tabId: number; others: readonly Evidence[]; t?: Translate; now?: number },
): PanelRecord | undefined {
  if (!isAuthFailure(entry)) return undefined;
  const ex = exchangeOfEntry(LOG, entry);
  if (!ex) return undefined;
  // Seen live by DevTools, not loaded from a file: the headers are what was
  // sent (DevTools shows Cookie and Authorization), not a "sanitized" export.
  ex.source = 'browser';
  if (body && body.text && !ex.responseBody?.text) {
    const mimeType = ex.responseBody?.mimeType ?? contentMime(entry);
    ex.responseBody = { text: body.text };
    if (mimeType) ex.responseBody.mimeType = mimeType;
    if (body.encoding) ex.responseBody.encoding = body.encoding;
  }
  const evidence = extractEvidence(ex);
  const causes = diagnose(evidence, ctx.others, { t: ctx.t });
  const type = typeof entry._resourceType === 'string' ? entry._resourceType : 'other';
  return {
    id: ctx.id,
    tabId: ctx.tabId,
    frameId: 0,
    type,
    time: evidence.time ?? ctx.now ?? Date.now(),
    evidence,
    causes,
    bodyUsed: !!evidence.body?.text,
  };
}

function contentMime(entry: HarEntryLike): string | undefined {
  const res = entry.response;
  if (!isObj(res) || !isObj(res.content)) return undefined;
  return typeof res.content.mimeType === 'string' ? res.content.mimeType : undefined;
}
